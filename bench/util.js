"use strict"
// Small helpers shared by the benchmarks: best-of-n timing and aligned output.

/** Runs fn `repeats` times (after one warm-up) and returns the best wall time in seconds. */
function bestOf(fn, repeats = 3) {
  fn()
  let best = Infinity
  for (let i = 0; i < repeats; i++) {
    if (global.gc) global.gc()
    const t = process.hrtime.bigint()
    fn()
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9)
  }
  return best
}

function fmtRate(x) {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(1)
}

/** Prints one result line: name, measured value, and the ratio to a target or reference. */
function report(name, value, unit, reference) {
  let line = `${name.padEnd(58)} ${value.padStart(12)} ${unit}`
  if (reference) line += `   ${reference}`
  console.log(line)
}

module.exports = { bestOf, fmtRate, report }
