import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { logisticLoss, logisticPredict, logisticSgd } from "../../src/federated/logistic-loss"

// Minibatch SGD with the shuffle's uniforms fixed, worked step by step from its definition
// (w_j ← w_j − η(mean_batch (σ(z) − y)x_j + λw_j), the intercept unpenalised), and the loss where
// e^z overflows.

/** A generator that returns the given uniforms in order. */
function uniforms(...values: number[]): Rng {
  let i = 0
  return {
    next: () => {
      if (i >= values.length) throw new Error("uniforms: ran out of values")
      return values[i++]
    },
    nextUint32: () => {
      throw new Error("uniforms: nextUint32 is not used")
    },
  }
}

const sigma = (z: number) => 1 / (1 + Math.exp(-z))
// rows (x₁, x₂; y)
const X = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 2],
]
const Y = [1, 0, 1, 0]
const data = { n: 4, d: 2, x: Float64Array.from(X.flat()), y: Uint8Array.from(Y) }

/** One minibatch step on the given rows. */
function step(w: number[], rows: number[], eta: number, l2: number): number[] {
  const g = [0, 0, 0]
  for (const r of rows) {
    const e = sigma(w[0] * X[r][0] + w[1] * X[r][1] + w[2]) - Y[r]
    g[0] += e * X[r][0]
    g[1] += e * X[r][1]
    g[2] += e
  }
  const m = rows.length
  return [w[0] - eta * (g[0] / m + l2 * w[0]), w[1] - eta * (g[1] / m + l2 * w[1]), w[2] - (eta * g[2]) / m]
}

describe("logisticSgd, exactly", () => {
  it("shuffles by Fisher–Yates from the end each epoch and steps on batches of B (the last one shorter)", () => {
    // epoch 1: i = 3, u = 0.1 → j = 0: (3, 1, 2, 0); i = 2, u = 0.9 → j = 2: unchanged; i = 1, u = 0.6 → j = 1
    // epoch 2 starts from that order: i = 3, u = 0.5 → j = 2: (3, 1, 0, 2); i = 2, u = 0 → j = 0: (0, 1, 3, 2);
    // i = 1, u = 0.99 → j = 1
    const eta = 0.5
    const l2 = 0.1
    let w = [0.2, -0.1, 0.05]
    w = step(w, [3, 1, 2], eta, l2)
    w = step(w, [0], eta, l2)
    w = step(w, [0, 1, 3], eta, l2)
    w = step(w, [2], eta, l2)
    const got = Float64Array.of(0.2, -0.1, 0.05)
    logisticSgd(got, data, { epochs: 2, batchSize: 3, learningRate: eta, l2 }, uniforms(0.1, 0.9, 0.6, 0.5, 0, 0.99))
    w.forEach((v, j) => expect(got[j]).toBeCloseTo(v, 14))
  })

  it("writes the order into the scratch it is given", () => {
    const order = new Int32Array(6).fill(-1)
    const w = Float64Array.of(0, 0, 0)
    logisticSgd(w, data, { epochs: 1, batchSize: 4, learningRate: 0.1, l2: 0 }, uniforms(0.1, 0.9, 0.6), order)
    expect(Array.from(order)).toEqual([3, 1, 2, 0, -1, -1])
  })
})

describe("logisticLoss and logisticPredict, exactly", () => {
  it("stays finite where e^z overflows, on both sides: log(1 + e^z) = z + log(1 + e^−z) for z > 0", () => {
    const one = { n: 1, d: 1, x: Float64Array.of(1), y: Uint8Array.of(1) }
    // z = 800, y = 1: log(1 + e^800) − 800 ≈ 0; z = −800: log(1 + e^−800) + 800 ≈ 800
    expect(logisticLoss(Float64Array.of(800, 0), one, 0)).toBe(0)
    expect(logisticLoss(Float64Array.of(-800, 0), one, 0)).toBe(800)
    expect(logisticLoss(Float64Array.of(0, 0), one, 0)).toBe(Math.LN2)
    // the penalty leaves the intercept out and halves λ‖w‖²
    expect(logisticLoss(Float64Array.of(0, 5), { n: 0, d: 1, x: new Float64Array(0), y: new Uint8Array(0) }, 2)).toBe(0)
    expect(logisticLoss(Float64Array.of(3, 5), { n: 0, d: 1, x: new Float64Array(0), y: new Uint8Array(0) }, 2)).toBe(9)
  })

  it("predicts σ(w·x + b) row by row", () => {
    const w = Float64Array.of(0.5, -0.25, 0.1)
    const p = logisticPredict(w, data)
    X.forEach((row, r) => expect(p[r]).toBeCloseTo(sigma(0.5 * row[0] - 0.25 * row[1] + 0.1), 15))
  })
})
