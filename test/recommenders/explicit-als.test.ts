import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { choleskySolveInPlace } from "../../src/linalg/cholesky"
import { ExplicitAls } from "../../src/recommenders/explicit-als"
import { lowRankRatings } from "./fixtures"

describe("ExplicitAls", () => {
  const { train, test } = lowRankRatings(120, 80, 0.35, 41)

  it("loss never increases (each half-sweep is an exact block minimisation)", () => {
    const model = new ExplicitAls({ factors: 6, iterations: 10, regularization: 0.05 }).fit(train, createRng(1))
    for (let t = 1; t < 10; t++) expect(model.loss_[t]).toBeLessThanOrEqual(model.loss_[t - 1] * (1 + 1e-12))
    expect(model.loss_[9]).toBeLessThan(model.loss_[0])
  })

  it("each user row solves (Σ y_i y_iᵀ + λ n_u I) x_u = Σ r_ui y_i given the items of the previous sweep — checked on the last item sweep", () => {
    const f = 4
    const lambda = 0.1
    const model = new ExplicitAls({ factors: f, iterations: 3, regularization: lambda }).fit(train, createRng(2))
    const x = model.userFactors_
    const y = model.itemFactors_
    // After the last sweep the item rows are exact given X: check item 5.
    const item = 5
    const a = new Float64Array(f * f)
    const b = new Float64Array(f)
    let n = 0
    for (let u = 0; u < train.nUsers; u++) {
      for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) {
        if (train.items[p] !== item) continue
        n++
        for (let k = 0; k < f; k++) {
          b[k] += train.values[p] * x[u * f + k]
          for (let l = 0; l < f; l++) a[k * f + l] += x[u * f + k] * x[u * f + l]
        }
      }
    }
    for (let k = 0; k < f; k++) a[k * f + k] += lambda * n
    const exact = choleskySolveInPlace(a, b, f)
    for (let k = 0; k < f; k++) expect(y[item * f + k]).toBeCloseTo(exact[k], 10)
  })

  it("predicts held-out ratings of a rank-3 world (RMSE < 0.5; the spread of ratings is ≈ 1.4)", () => {
    const model = new ExplicitAls({ factors: 6, iterations: 15, regularization: 0.05 }).fit(train, createRng(3))
    let s = 0
    for (const [u, i, r] of test) s += (model.predict(u, i) - r) ** 2
    expect(Math.sqrt(s / test.length)).toBeLessThan(0.5)
  })
})
