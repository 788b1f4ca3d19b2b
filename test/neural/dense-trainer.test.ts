import { describe, expect, it } from "vitest"
import { clickDataset } from "../../src/neural/click-dataset"
import type { DenseLayerWeights } from "../../src/neural/dense-stack"
import { DenseTrainer } from "../../src/neural/dense-trainer"
import { InterestMlp } from "../../src/neural/interest-mlp"
import { selectRows } from "../../src/neural/tabular-features"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import { simulateEvents } from "../../src/world/simulate-events"
import { rocAuc } from "../../src/metrics"

const N = 40
const D = 6
const WIDTHS = [6, 8, 4, 1]

/** The initial weights and data of test/neural/reference/dense_trainer_torch.py, by the same formulas. */
function referenceSetup() {
  const x = new Float32Array(N * D)
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) x[i * D + j] = Math.sin(0.7 * i + 1.3 * j)
  const y = Float32Array.from({ length: N }, (_, i) => (Math.sin(0.5 * i) + 0.3 * x[i * D] > 0.2 ? 1 : 0))
  const layers: DenseLayerWeights[] = WIDTHS.slice(1).map((n, l) => {
    const k = WIDTHS[l]
    const kernel = new Float32Array(k * n)
    for (let p = 0; p < k; p++)
      for (let c = 0; c < n; c++) kernel[p * n + c] = (0.5 * Math.sin(1.1 * p + 0.37 * c + l)) / Math.sqrt(k)
    const bias = Float32Array.from({ length: n }, (_, c) => 0.1 * Math.cos(c + l))
    return { kernel, bias, inputs: k, units: n, relu: l < WIDTHS.length - 2 }
  })
  return { x, y, layers }
}

// Output of test/neural/reference/dense_trainer_torch.py (PyTorch 1.13, float32), pasted.
const TORCH_LOSSES = [
  0.6954347, 0.6943442, 0.6917563, 0.6972329, 0.7002625, 0.6914494, 0.6933648, 0.6896956, 0.6951641, 0.6933956,
  0.6930702, 0.6866524, 0.6821178, 0.6955041, 0.6960502, 0.6884222, 0.6676277, 0.696512, 0.6987825, 0.6916814,
]
const TORCH_LAYERS = [
  {
    kernel: [
      0.054508, 0.103092, 0.107579, 0.128617, 0.123078, 0.149378, 0.178642, 0.137099, 0.176081, 0.121728, 0.098239,
      0.166466, 0.16216, 0.080994, -0.095665, -0.176082, 0.091429, 0.048233, 0.030156, 0.022778, -0.006439, -0.073092,
      -0.26296, -0.274092, -0.08937, -0.084497, -0.097959, -0.175381, -0.221332, -0.18366, -0.085402, -0.027224,
      -0.135352, -0.121624, -0.125629, -0.180706, -0.153809, -0.069259, 0.142736, 0.230198, -0.059407, -0.043602,
      -0.028516, 0.040292, 0.090273, 0.14355, 0.17791, 0.189329,
    ],
    bias: [0.064755, -0.007179, -0.083854, -0.086307, -0.048918, 0.035497, 0.164543, 0.163732],
  },
  {
    kernel: [
      0.080214, 0.100427, 0.103946, 0.230498, 0.084091, 0.041347, -0.00947, 0.085384, -0.049304, -0.071711, -0.121158,
      -0.064109, -0.205029, -0.13414, -0.145086, -0.061666, -0.136054, -0.05508, -0.050637, 0.090264, 0.055004,
      0.088405, 0.09427, 0.191477, 0.261382, 0.212766, 0.097099, 0.097078, 0.218922, 0.154149, -0.070228, -0.128407,
    ],
    bias: [0.025281, -0.006802, -0.185221, 0.026177],
  },
  { kernel: [0.28355, 0.112965, -0.145124, -0.212039], bias: [-0.066623] },
]

function trainReference(wasm: boolean) {
  const { x, y, layers } = referenceSetup()
  const trainer = new DenseTrainer(layers, { batchSize: 8, learningRate: 0.01, l2: 0.001, wasm })
  const losses: number[] = []
  for (let e = 0; e < 4; e++) {
    const perm = Int32Array.from({ length: N }, (_, i) => (i * 17 + 5 * e) % N)
    for (let s = 0; s < N; s += 8) losses.push(trainer.step(x, D, y, perm.subarray(s, s + 8)))
  }
  return { trainer, losses }
}

describe("DenseTrainer", () => {
  it("matches PyTorch's losses and weights after 20 Adam steps from the same weights and batches", () => {
    const { trainer, losses } = trainReference(true)
    expect(trainer.wasm).toBe(true)
    for (let s = 0; s < TORCH_LOSSES.length; s++) expect(Math.abs(losses[s] - TORCH_LOSSES[s])).toBeLessThan(2e-6)
    trainer.layers().forEach((layer, l) => {
      layer.kernel.forEach((w, i) => expect(Math.abs(w - TORCH_LAYERS[l].kernel[i])).toBeLessThan(2e-6))
      layer.bias.forEach((b, i) => expect(Math.abs(b - TORCH_LAYERS[l].bias[i])).toBeLessThan(2e-6))
    })
  })

  it("gives the same bits in WebAssembly and in JavaScript, with dropout and L2", () => {
    const rng = createRng(5)
    const rows = 50
    const cols = 13
    const x = Float32Array.from({ length: rows * cols }, () => rng.next() * 4 - 2)
    const y = Float32Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0))
    const layers: DenseLayerWeights[] = [
      [13, 20],
      [20, 9],
      [9, 1],
    ].map(([k, n], l) => ({
      kernel: Float32Array.from({ length: k * n }, () => rng.next() - 0.5),
      bias: Float32Array.from({ length: n }, () => rng.next() * 0.2 - 0.1),
      inputs: k,
      units: n,
      relu: l < 2,
    }))
    const run = (wasm: boolean) => {
      const t = new DenseTrainer(layers, { batchSize: 16, l2: 0.01, dropout: 0.3, dropoutRng: createRng(6), wasm })
      const order = Int32Array.from({ length: rows }, (_, i) => (i * 7) % rows)
      const losses: number[] = []
      for (let e = 0; e < 3; e++)
        for (let s = 0; s < rows; s += 16) losses.push(t.step(x, cols, y, order.subarray(s, Math.min(rows, s + 16))))
      return { t, losses, logits: t.logits(x, cols, rows) }
    }
    const a = run(true)
    const b = run(false)
    expect(a.t.wasm).toBe(true)
    expect(b.t.wasm).toBe(false)
    expect(b.losses).toEqual(a.losses)
    expect(Array.from(b.logits)).toEqual(Array.from(a.logits))
    expect(b.t.layers()).toEqual(a.t.layers())
  })

  it("trains InterestMlp 128-64-1 as tfjs does: the same loss curve without dropout, a close one with it", async () => {
    const world = generateWorld({ users: 300, items: 120, days: 20, seed: 3 })
    const data = clickDataset(world, simulateEvents(world).events, 3000, createRng(3, 9))
    const all = Int32Array.from({ length: 3000 }, (_, i) => i)
    const train = { x: selectRows(data.x, all.subarray(0, 2400)), y: data.y.subarray(0, 2400) }
    const test = { x: selectRows(data.x, all.subarray(2400)), y: data.y.subarray(2400) }
    const trainWith = async (trainer: "dense" | "tfjs", extra: { dropout?: number; l2?: number }) => {
      const m = await new InterestMlp({ seed: 2, epochs: 3, log: () => undefined, trainer, ...extra }).fit(
        train.x,
        train.y,
        { validation: test },
      )
      const p = m.predictProba(test.x)
      const epochs = m.history_?.epochs ?? []
      m.dispose()
      return { p, auc: rocAuc(test.y, p), epochs }
    }
    // Same initial weights and batches, no dropout: only the f32 summation order differs.
    const [dense, tfjs] = [await trainWith("dense", {}), await trainWith("tfjs", {})]
    dense.epochs.forEach((e, i) => {
      expect(Math.abs(e.loss / tfjs.epochs[i].loss - 1)).toBeLessThan(1e-4)
      expect(Math.abs((e.valLoss as number) / (tfjs.epochs[i].valLoss as number) - 1)).toBeLessThan(1e-4)
    })
    expect(Math.abs(dense.auc - tfjs.auc)).toBeLessThan(2e-3)
    let gap = 0
    for (let i = 0; i < dense.p.length; i++) gap = Math.max(gap, Math.abs(dense.p[i] - tfjs.p[i]))
    expect(gap).toBeLessThan(5e-3)
    // Dropout draws other masks than tfjs's: the curves agree to a few per cent, not to the last digits.
    const [denseDrop, tfjsDrop] = [
      await trainWith("dense", { dropout: 0.2, l2: 1e-4 }),
      await trainWith("tfjs", { dropout: 0.2, l2: 1e-4 }),
    ]
    denseDrop.epochs.forEach((e, i) => expect(Math.abs(e.loss / tfjsDrop.epochs[i].loss - 1)).toBeLessThan(0.05))
    expect(Math.abs(denseDrop.auc - tfjsDrop.auc)).toBeLessThan(0.03)
  }, 120_000)

  it("rejects a network it cannot train", () => {
    const { layers } = referenceSetup()
    expect(() => new DenseTrainer(layers.slice(0, 2), { batchSize: 8 })).toThrow(/last layer must be one linear/)
    expect(() => new DenseTrainer(layers, { batchSize: 8, dropout: 0.2 })).toThrow(/dropout needs a dropoutRng/)
    expect(() => new InterestMlp({ seed: 1, trainer: "torch" as "dense" })).toThrow(
      /trainer must be "dense" or "tfjs", got "torch"/,
    )
  })
})
