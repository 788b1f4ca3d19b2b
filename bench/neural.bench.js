// Training time per epoch on wasm and cpu (with their ratio) and inference throughput for the neural models.
const tf = require("@tensorflow/tfjs")
const L = require("../dist")

const quiet = () => undefined

async function main() {
  const world = L.generateWorld({ users: 600, items: 200, days: 30, seed: 11 })
  const log = L.simulateEvents(world)
  const clicks = L.clickDataset(world, log.events, 8000, L.createRng(11, 1))
  const seq = L.nextCategoryExamples(log.events, world.catalog.category, world.nCategories, 8)
  const specs = [
    ["MLP 128-64-1 (8k rows x 38)", 1, () => new L.InterestMlp({ seed: 1, epochs: 1, log: quiet }), (m) => m.fit(clicks.x, clicks.y), (m) => m.predictProba(clicks.x), clicks.x.rows],
    ["multi-input MLP (8k rows)", 1, () => new L.MultiInputMlp({ seed: 1, epochs: 1, inputs: clicks.groups, log: quiet }), (m) => m.fit(clicks.x, clicks.y), (m) => m.predictProba(clicks.x), clicks.x.rows],
    [`GRU next-category (${seq.train.rows} x 8)`, 1, () => new L.NextCategoryModel({ encoder: "gru", seed: 1, epochs: 1, log: quiet }), (m) => m.fit(seq.train), (m) => m.predictProba(seq.train), seq.train.rows],
    ["LSTM next-category", 1, () => new L.NextCategoryModel({ encoder: "lstm", seed: 1, epochs: 1, log: quiet }), (m) => m.fit(seq.train), (m) => m.predictProba(seq.train), seq.train.rows],
    ["self-attention next-category", 1, () => new L.NextCategoryModel({ encoder: "attention", seed: 1, epochs: 1, log: quiet }), (m) => m.fit(seq.train), (m) => m.predictProba(seq.train), seq.train.rows],
  ]
  const rows = []
  for (const backend of ["wasm", "cpu"]) {
    await L.selectBackend({ prefer: backend, log: quiet })
    for (const [name, epochs, make, fit, predict, n] of specs) {
      const model = make()
      let start = performance.now()
      await fit(model)
      const perEpoch = (performance.now() - start) / 1000 / epochs
      start = performance.now()
      predict(model)
      const perSecond = n / ((performance.now() - start) / 1000)
      model.dispose()
      rows.push({ backend, name, perEpoch, perSecond })
    }
  }
  console.log("model                               | s/epoch wasm | s/epoch cpu | cpu/wasm | predictions/s wasm | predictions/s cpu")
  for (const w of rows.filter((r) => r.backend === "wasm")) {
    const c = rows.find((r) => r.backend === "cpu" && r.name === w.name)
    console.log(
      `${w.name.padEnd(36)}| ${w.perEpoch.toFixed(2).padStart(12)} | ${c.perEpoch.toFixed(2).padStart(11)} | ${(c.perEpoch / w.perEpoch).toFixed(1).padStart(7)}x | ${Math.round(w.perSecond).toString().padStart(18)} | ${Math.round(c.perSecond).toString().padStart(17)}`,
    )
  }
  console.log(`tfjs ${tf.version.tfjs}; default backend here: ${await L.selectBackend({ log: quiet })}`)
  // Measured by hand on this machine with bench/neural_torch.py (Debian python3-torch 1.13, one thread, same
  // shapes, batch 64, Adam); CI has no PyTorch, so the reference is a recorded number.
  const torch = { perEpoch: 0.063, perSecond: 268114 }
  const mlp = rows.find((r) => r.backend === "wasm" && r.name.startsWith("MLP"))
  console.log(
    `PyTorch 1.13 (1 thread) MLP 128-64-1: ${torch.perEpoch} s/epoch, ${torch.perSecond} predictions/s → tfjs-wasm takes ${(mlp.perEpoch / torch.perEpoch).toFixed(1)}× its training time and ${(torch.perSecond / mlp.perSecond).toFixed(1)}× its prediction time`,
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
