import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { FunkSvd } from "../../src/recommenders/funk-svd"
import { lowRankRatings } from "./fixtures"

function rmse(predict: (u: number, i: number) => number, test: [number, number, number][]): number {
  let s = 0
  for (const [u, i, r] of test) s += (predict(u, i) - r) ** 2
  return Math.sqrt(s / test.length)
}

describe("FunkSvd", () => {
  const { train, test } = lowRankRatings(150, 100, 0.3, 31)

  it("learns the low-rank structure: held-out RMSE well below the biases-only model's", () => {
    const mf = new FunkSvd({ factors: 5, epochs: 60, learningRate: 0.01, regularization: 0.02 }).fit(
      train,
      createRng(1),
    )
    // initScale 0 keeps the factors at 0 (their gradients e·q and e·p vanish): the biases-only baseline μ + b_u + b_i.
    const biases = new FunkSvd({ factors: 1, epochs: 60, learningRate: 0.01, regularization: 0.02, initScale: 0 }).fit(
      train,
      createRng(1),
    )
    const mfRmse = rmse((u, i) => mf.predict(u, i), test)
    const biasRmse = rmse((u, i) => biases.predict(u, i), test)
    expect(mfRmse).toBeLessThan(0.6 * biasRmse)
    expect(mfRmse).toBeLessThan(0.4)
    // Training RMSE falls over the epochs.
    expect(mf.rmse_[59]).toBeLessThan(0.5 * mf.rmse_[0])
  })

  it("global mean is the mean rating; unknown users and items drop their terms", () => {
    const mf = new FunkSvd({ factors: 2, epochs: 2 }).fit(train, createRng(2))
    let mean = 0
    for (const v of train.values) mean += v / train.values.length
    expect(mf.globalMean_).toBeCloseTo(mean, 12)
    expect(mf.predict(10_000, 3)).toBeCloseTo(mean + mf.itemBias_[3], 12)
    expect(mf.predict(4, 10_000)).toBeCloseTo(mean + mf.userBias_[4], 12)
    expect(() => mf.predict(-1, 0)).toThrow(/user must be a non-negative integer/)
  })

  it("validates its options", () => {
    expect(() => new FunkSvd({ learningRate: Number.NaN })).toThrow(
      /FunkSvd: learningRate must be a finite number > 0, got NaN/,
    )
    expect(() => new FunkSvd({ factors: 2.5 })).toThrow(/factors must be an integer >= 1/)
  })
})
