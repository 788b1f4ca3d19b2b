// Training time per epoch on wasm and cpu (with their ratio) and inference throughput for the neural models.
// NEURAL_BENCH_ONLY=MLP (a case-insensitive pattern of model names) runs only the models it matches.
const { spawnSync } = require("node:child_process")
const { join } = require("node:path")
const tf = require("@tensorflow/tfjs")
const L = require("../dist")

const quiet = () => undefined

/**
 * PyTorch on the same shapes (bench/neural_torch.py, one thread), run now when /usr/bin/python3 has torch
 * (Debian python3-torch); else the figure recorded by hand on this machine, idle, with its date.
 */
function pytorchPeer() {
  const r = spawnSync("/usr/bin/python3", [join(__dirname, "neural_torch.py")], { encoding: "utf8" })
  const m =
    r.status === 0
      ? /PyTorch (\S+), 1 thread: .*: ([\d.]+) s\/epoch \(([\d.]+) s CPU\), ([\d,]+) predictions\/s/.exec(r.stdout)
      : null
  if (m)
    return {
      label: `PyTorch ${m[1]} (1 thread, measured now)`,
      perEpoch: Number(m[2]),
      cpuPerEpoch: Number(m[3]),
      perSecond: Number(m[4].replace(/,/g, "")),
    }
  return {
    label:
      "PyTorch 1.13 (1 thread; not installed here, figure recorded 2026-12-06 on this machine: 0.07–0.086 s/epoch, 1.7–2.0 M rows/s)",
    perEpoch: 0.086,
    cpuPerEpoch: 0.086,
    perSecond: 1.7e6,
  }
}

async function main() {
  const world = L.generateWorld({ users: 600, items: 200, days: 30, seed: 11 })
  const log = L.simulateEvents(world)
  const clicks = L.clickDataset(world, log.events, 8000, L.createRng(11, 1))
  const seq = L.nextCategoryExamples(log.events, world.catalog.category, world.nCategories, 8)
  const specs = [
    [
      "MLP 128-64-1 (8k rows x 38)",
      3,
      () => new L.InterestMlp({ seed: 1, epochs: 3, log: quiet, trainer: "tfjs" }),
      (m, onEpoch) => m.fit(clicks.x, clicks.y, { onEpoch }),
      (m) => m.predictProba(clicks.x),
      clicks.x.rows,
    ],
    [
      "MLP 128-64-1, dense trainer",
      5,
      () => new L.InterestMlp({ seed: 1, epochs: 5, log: quiet, trainer: "dense" }),
      (m, onEpoch) => m.fit(clicks.x, clicks.y, { onEpoch }),
      (m) => m.predictProba(clicks.x),
      clicks.x.rows,
    ],
    [
      "multi-input MLP (8k rows)",
      3,
      () => new L.MultiInputMlp({ seed: 1, epochs: 3, inputs: clicks.groups, log: quiet }),
      (m, onEpoch) => m.fit(clicks.x, clicks.y, { onEpoch }),
      (m) => m.predictProba(clicks.x),
      clicks.x.rows,
    ],
    [
      `GRU next-category (${seq.train.rows} x 8)`,
      1,
      () => new L.NextCategoryModel({ encoder: "gru", seed: 1, epochs: 1, log: quiet }),
      (m) => m.fit(seq.train),
      (m) => m.predictProba(seq.train),
      seq.train.rows,
    ],
    [
      "LSTM next-category",
      1,
      () => new L.NextCategoryModel({ encoder: "lstm", seed: 1, epochs: 1, log: quiet }),
      (m) => m.fit(seq.train),
      (m) => m.predictProba(seq.train),
      seq.train.rows,
    ],
    [
      "self-attention next-category",
      1,
      () => new L.NextCategoryModel({ encoder: "attention", seed: 1, epochs: 1, log: quiet }),
      (m) => m.fit(seq.train),
      (m) => m.predictProba(seq.train),
      seq.train.rows,
    ],
  ]
  const only = process.env.NEURAL_BENCH_ONLY ? new RegExp(process.env.NEURAL_BENCH_ONLY, "i") : null
  const rows = []
  for (const backend of ["wasm", "cpu"]) {
    await L.selectBackend({ prefer: backend, log: quiet })
    for (const [name, epochs, make, train, predict, n] of specs.filter(([name]) => !only || only.test(name))) {
      const model = make()
      // CPU time (user + system) of each epoch, read at the epoch callbacks.
      const cpuEpochs = []
      let mark = process.cpuUsage()
      const onEpoch = () => {
        const used = process.cpuUsage(mark)
        cpuEpochs.push((used.user + used.system) / 1e6)
        mark = process.cpuUsage()
      }
      let start = performance.now()
      await train(model, onEpoch)
      const cpuPerEpoch = cpuEpochs.length > 1 ? Math.min(...cpuEpochs.slice(1)) : Number.NaN
      // With several epochs, the best after the first (which builds the kernels), as the PyTorch script warms up first.
      const perEpoch =
        epochs > 1
          ? Math.min(...model.history_.epochs.slice(1).map((e) => e.seconds))
          : (performance.now() - start) / 1000
      predict(model) // warm-up: the first call builds the inference kernels
      let best = Infinity
      let bestCpu = Infinity
      for (let r = 0; r < 5; r++) {
        start = performance.now()
        const cpu = process.cpuUsage()
        predict(model)
        best = Math.min(best, performance.now() - start)
        const used = process.cpuUsage(cpu)
        bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000)
      }
      const perSecond = n / (best / 1000)
      const perCpuSecond = n / (bestCpu / 1000)
      model.dispose()
      rows.push({ backend, name, perEpoch, cpuPerEpoch, perSecond, perCpuSecond })
    }
  }
  console.log(
    "model                               | s/epoch wasm | s/epoch cpu | cpu/wasm | predictions/s wasm | predictions/s cpu",
  )
  for (const w of rows.filter((r) => r.backend === "wasm")) {
    const c = rows.find((r) => r.backend === "cpu" && r.name === w.name)
    console.log(
      `${w.name.padEnd(36)}| ${w.perEpoch.toFixed(2).padStart(12)} | ${c.perEpoch.toFixed(2).padStart(11)} | ${(c.perEpoch / w.perEpoch).toFixed(1).padStart(7)}x | ${Math.round(w.perSecond).toString().padStart(18)} | ${Math.round(c.perSecond).toString().padStart(17)}`,
    )
  }
  console.log(`tfjs ${tf.version.tfjs}; default backend here: ${await L.selectBackend({ log: quiet })}`)
  const torch = pytorchPeer()
  const mlp = rows.find((r) => r.backend === "wasm" && r.name.startsWith("MLP"))
  const dense = rows.find((r) => r.backend === "wasm" && r.name === "MLP 128-64-1, dense trainer")
  if (!mlp || !dense) return
  const epoch = (r) =>
    `${r.perEpoch.toFixed(3)} s/epoch wall (${(r.perEpoch / torch.perEpoch).toFixed(2)}× PyTorch), ${r.cpuPerEpoch.toFixed(3)} s CPU (${(r.cpuPerEpoch / torch.cpuPerEpoch).toFixed(2)}×)`
  console.log(
    `MLP 128-64-1 training, best epoch after the first: PyTorch ${torch.perEpoch} s/epoch wall, ${torch.cpuPerEpoch} s CPU; dense trainer (WebAssembly SIMD) ${epoch(dense)}; tfjs-wasm ${epoch(mlp)} (target ≤ 4×)`,
  )
  console.log(
    `${torch.label} MLP 128-64-1: ${torch.perEpoch} s/epoch, ${Math.round(torch.perSecond)} predictions/s → tfjs-wasm training takes ${(mlp.perEpoch / torch.perEpoch).toFixed(1)}× its time (target ≤ 4×); prediction (WebAssembly dense stack) ${Math.round(mlp.perSecond)} rows/s wall, ${Math.round(mlp.perCpuSecond)} rows/s CPU time, ${(torch.perSecond / mlp.perSecond).toFixed(2)}× its time on wall (target ≤ 3×, ≥ 600 k rows/s idle)`,
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
