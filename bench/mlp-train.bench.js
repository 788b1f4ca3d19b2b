"use strict"
// MLP 128-64-1 training per epoch (8,000 rows x 38, batch 64): the dense trainer (WebAssembly SIMD, InterestMlp's
// default) and tfjs-wasm's trainOnBatch, beside PyTorch (bench/neural_torch.py, one thread) run in the same process
// tree, alternating with ours. Wall and CPU time (user + system) of the best epoch after the first; the peer's the same.
const { spawnSync } = require("node:child_process")
const { join } = require("node:path")
const L = require("../dist")

const quiet = () => undefined

/** Best epoch after the first of one fit: [wall s, CPU s]. */
async function fitEpochs(clicks, trainer, epochs) {
  const wall = []
  const cpu = []
  let mark = process.cpuUsage()
  let t = performance.now()
  const model = new L.InterestMlp({ seed: 1, epochs, log: quiet, trainer })
  await model.fit(clicks.x, clicks.y, {
    onEpoch: () => {
      const used = process.cpuUsage(mark)
      cpu.push((used.user + used.system) / 1e6)
      wall.push((performance.now() - t) / 1000)
      mark = process.cpuUsage()
      t = performance.now()
    },
  })
  model.dispose()
  return [Math.min(...wall.slice(1)), Math.min(...cpu.slice(1))]
}

/** PyTorch's epoch [wall s, CPU s], or undefined where /usr/bin/python3 has no torch. */
function pytorch() {
  const r = spawnSync("/usr/bin/python3", [join(__dirname, "neural_torch.py")], { encoding: "utf8" })
  const m = r.status === 0 ? /: ([\d.]+) s\/epoch \(([\d.]+) s CPU\)/.exec(r.stdout) : null
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

async function main() {
  const world = L.generateWorld({ users: 600, items: 200, days: 30, seed: 11 })
  const clicks = L.clickDataset(world, L.simulateEvents(world).events, 8000, L.createRng(11, 1))
  const best = { dense: [Infinity, Infinity], tfjs: [Infinity, Infinity], torch: [Infinity, Infinity] }
  const keep = (name, [wall, cpu]) => {
    best[name] = [Math.min(best[name][0], wall), Math.min(best[name][1], cpu)]
  }
  let torchMissing = false
  for (let r = 0; r < 3; r++) {
    keep("dense", await fitEpochs(clicks, "dense", 5))
    const peer = pytorch()
    if (peer === undefined) torchMissing = true
    else keep("torch", peer)
  }
  keep("tfjs", await fitEpochs(clicks, "tfjs", 3))
  if (torchMissing) {
    // Recorded by hand on this machine, idle, 2026-12-06 (docs/performance.md).
    best.torch = [0.086, 0.086]
    console.log("PyTorch not installed here: its figure is the one recorded on 2026-12-06 (0.07–0.086 s/epoch)")
  }
  const [tw, tc] = best.torch
  for (const name of ["dense", "tfjs"]) {
    const [w, c] = best[name]
    console.log(
      `MLP 128-64-1 training, ${name === "dense" ? "dense trainer (WebAssembly SIMD)" : "tfjs-wasm trainOnBatch"}: ${w.toFixed(3)} s/epoch wall, ${c.toFixed(3)} s CPU; PyTorch ${tw.toFixed(3)} s wall, ${tc.toFixed(3)} s CPU → ${(w / tw).toFixed(2)}× its wall time, ${(c / tc).toFixed(2)}× its CPU time (target ≤ 4×)`,
    )
  }
  console.log(`load average now ${require("node:os").loadavg()[0].toFixed(1)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
