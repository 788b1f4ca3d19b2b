"use strict"
// Small helpers shared by the benchmarks: best-of-n timing, aligned output, peers run in Python.
const { spawnSync } = require("node:child_process")
const { mkdirSync, mkdtempSync, rmSync } = require("node:fs")
const { tmpdir } = require("node:os")
const { join } = require("node:path")

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

/**
 * A peer measured in this run: `write(dir)` puts the bench's data in a fresh temporary folder, then
 * /usr/bin/python3 runs `script` (beside this file) on it, printing `name seconds` lines. Returns
 * { name: seconds }, or null where Python or a package the script imports is missing.
 */
function pythonPeer(script, write) {
  const dir = mkdtempSync(join(tmpdir(), "interest-lab-peer-"))
  try {
    write(dir)
    const r = spawnSync("/usr/bin/python3", [join(__dirname, script), dir], { encoding: "utf8" })
    if (r.status !== 0) return null
    const seconds = {}
    for (const line of r.stdout.split("\n")) {
      const m = /^(\w+) (\d[\d.]*(?:e[-+]?\d+)?)$/.exec(line.trim())
      if (m) seconds[m[1]] = Number(m[2])
    }
    return seconds
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `node bench/X.bench.js --dump DIR`: writes the peer's data into DIR with `write(dir)` and exits. */
function dumpIfAsked(write) {
  if (process.argv[2] !== "--dump") return
  mkdirSync(process.argv[3], { recursive: true })
  write(process.argv[3])
  console.log(`wrote ${process.argv[3]}`)
  process.exit(0)
}

module.exports = { bestOf, dumpIfAsked, fmtRate, pythonPeer, report }
