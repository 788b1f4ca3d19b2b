import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { logisticLoss, logisticPredict, logisticSgd } from "../../src/federated/logistic-loss"

const data = { n: 4, d: 2, x: Float64Array.from([1, 0, 0, 1, 1, 1, -1, 2]), y: Uint8Array.from([1, 0, 1, 0]) }

describe("logistic loss and local SGD", () => {
  it("computes the loss in closed form", () => {
    const w = Float64Array.from([0.5, -0.25, 0.1])
    let expected = 0
    for (let r = 0; r < 4; r++) {
      const z = 0.5 * data.x[2 * r] - 0.25 * data.x[2 * r + 1] + 0.1
      expected += Math.log(1 + Math.exp(z)) - data.y[r] * z
    }
    expected = expected / 4 + 0.5 * 0.2 * (0.25 + 0.0625)
    expect(logisticLoss(w, data, 0.2)).toBeCloseTo(expected, 12)
    expect(logisticPredict(w, data)[0]).toBeCloseTo(1 / (1 + Math.exp(-0.6)), 12)
  })

  it("takes a full-batch step equal to w − η∇L (gradient by finite differences)", () => {
    const w = Float64Array.from([0.5, -0.25, 0.1])
    const grad = [0, 1, 2].map((j) => {
      const a = Float64Array.from(w)
      const b = Float64Array.from(w)
      a[j] += 1e-6
      b[j] -= 1e-6
      return (logisticLoss(a, data, 0.2) - logisticLoss(b, data, 0.2)) / 2e-6
    })
    const step = Float64Array.from(w)
    logisticSgd(step, data, { epochs: 1, batchSize: 4, learningRate: 0.3, l2: 0.2 }, createRng(1))
    for (let j = 0; j < 3; j++) expect(step[j]).toBeCloseTo(w[j] - 0.3 * grad[j], 8)
  })
})
