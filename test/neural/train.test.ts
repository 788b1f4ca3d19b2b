import * as tf from "@tensorflow/tfjs"
import { beforeAll, describe, expect, it } from "vitest"
import { selectBackend } from "../../src/neural/backend"
import { SeededDropout } from "../../src/neural/seeded-dropout"
import { trainModel } from "../../src/neural/train"
import { createRng } from "../../src/random/rng"

const log = () => undefined
beforeAll(async () => {
  await selectBackend({ log })
})

function linearModel(seed: number, lr = 0.05): tf.LayersModel {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
    ],
  })
  m.compile({ optimizer: tf.train.sgd(lr), loss: "meanSquaredError" })
  return m
}

describe("trainModel", () => {
  it("stops with a message naming the model, epoch and batch when the loss becomes infinite", async () => {
    const m = linearModel(1, 1e30)
    const x = tf.tensor2d([1e20, 1e20, -1e20, 1e20], [2, 2])
    const y = tf.tensor2d([1e25, -1e25], [2, 1])
    await expect(
      trainModel(m, x, y, { epochs: 3, batchSize: 1, rng: createRng(1), label: "blow-up", log }),
    ).rejects.toThrow(/blow-up: the training loss became (Infinity|NaN) at epoch \d, batch \d; training stopped/)
    tf.dispose([x, y])
    m.dispose()
  })

  it("fits y = 2a − b by SGD, reproducibly, and early stopping keeps the best validation epoch", async () => {
    const xs = tf.tensor2d(
      Array.from({ length: 64 * 2 }, (_, i) => Math.sin(i)),
      [64, 2],
    )
    const ys = tf.tidy(() => tf.matMul(xs, tf.tensor2d([2, -1], [2, 1])))
    const run = async () => {
      const m = linearModel(3)
      const h = await trainModel(m, xs, ys, {
        epochs: 30,
        batchSize: 8,
        rng: createRng(9),
        validation: { x: xs, y: ys },
        earlyStopping: { patience: 2, minDelta: 1e-6 },
        log,
      })
      const w = Array.from(m.getWeights()[0].dataSync())
      m.dispose()
      return { h, w }
    }
    const a = await run()
    const b = await run()
    expect(a.w).toEqual(b.w)
    expect(a.w[0]).toBeCloseTo(2, 1)
    expect(a.w[1]).toBeCloseTo(-1, 1)
    const best = Math.min(...a.h.epochs.map((e) => e.valLoss as number))
    expect(a.h.epochs[a.h.bestEpoch - 1].valLoss).toBe(best)
    tf.dispose([xs, ys])
  })

  it("rejects empty data and mismatched rows", async () => {
    const m = linearModel(1)
    await expect(
      trainModel(m, tf.zeros([0, 2]), tf.zeros([0, 1]), {
        epochs: 1,
        batchSize: 4,
        rng: createRng(1),
        label: "m",
        log,
      }),
    ).rejects.toThrow(/m: the training set is empty/)
    await expect(
      trainModel(m, tf.zeros([3, 2]), tf.zeros([2, 1]), {
        epochs: 1,
        batchSize: 4,
        rng: createRng(1),
        label: "m",
        log,
      }),
    ).rejects.toThrow(/m: y has 2 rows but x has 3/)
  })
})

describe("SeededDropout", () => {
  it("is the identity at inference and draws a fresh reproducible mask at each training step", () => {
    const layer = new SeededDropout({ rate: 0.5, rng: createRng(1) })
    const x = tf.ones([1, 64])
    expect(Array.from((layer.apply(x) as tf.Tensor).dataSync())).toEqual(new Array(64).fill(1))
    const m1 = Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync())
    const m2 = Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync())
    expect(m1).not.toEqual(m2) // tf.layers.dropout({ seed }) would repeat its mask here
    expect(new Set(m1)).toEqual(new Set([0, 2])) // inverted dropout scales kept units by 1/(1 − rate)
    const again = new SeededDropout({ rate: 0.5, rng: createRng(1) })
    expect(Array.from((again.apply(x, { training: true }) as tf.Tensor).dataSync())).toEqual(m1)
    expect(() => new SeededDropout({ rate: 1, rng: createRng(1) })).toThrow(/rate must be in \[0, 1\), got 1/)
  })
})
