import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { choleskySolveInPlace } from "../../src/linalg/cholesky"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { transposeInteractions } from "../../src/schema/interactions"
import { blockInteractions } from "./fixtures"

describe("ImplicitAls", () => {
  const train = blockInteractions(60, 40, 11)

  it("loss never increases from sweep to sweep (CG from a warm start only lowers each row's quadratic)", () => {
    const model = new ImplicitAls({ factors: 8, iterations: 12, alpha: 5, regularization: 0.1 }).fit(
      train,
      createRng(1),
    )
    expect(model.loss_).toHaveLength(12)
    for (let t = 1; t < model.loss_.length; t++)
      expect(model.loss_[t]).toBeLessThanOrEqual(model.loss_[t - 1] * (1 + 1e-12))
    expect(model.loss_[11]).toBeLessThan(model.loss_[0])
  })

  it("records the Hu-Koren-Volinsky loss, checked by a dense sum over every (u, i)", () => {
    const f = 4
    const alpha = 3
    const lambda = 0.5
    const model = new ImplicitAls({ factors: f, iterations: 3, alpha, regularization: lambda }).fit(train, createRng(2))
    const x = model.userFactors_
    const y = model.itemFactors_
    const r = new Float64Array(train.nUsers * train.nItems)
    for (let u = 0; u < train.nUsers; u++)
      for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) r[u * train.nItems + train.items[p]] = train.values[p]
    let loss = 0
    for (let u = 0; u < train.nUsers; u++) {
      for (let i = 0; i < train.nItems; i++) {
        let s = 0
        for (let k = 0; k < f; k++) s += x[u * f + k] * y[i * f + k]
        const v = r[u * train.nItems + i]
        loss += (1 + alpha * v) * ((v > 0 ? 1 : 0) - s) ** 2
      }
    }
    for (const v of x) loss += lambda * v * v
    for (const v of y) loss += lambda * v * v
    expect(model.loss_[2]).toBeCloseTo(loss, 8)
  })

  it("with f CG steps each item row solves its normal equations exactly (checked by a Cholesky solve)", () => {
    const f = 5
    const alpha = 2
    const lambda = 0.3
    const model = new ImplicitAls({ factors: f, iterations: 2, cgSteps: f, alpha, regularization: lambda }).fit(
      train,
      createRng(3),
    )
    const x = model.userFactors_
    const y = model.itemFactors_
    const byItem = transposeInteractions(train)
    for (const item of [0, 7, 19]) {
      // (XᵀX + Xᵀ(C_i − I)X + λI) y_i = Xᵀ C_i p_i
      const a = new Float64Array(f * f)
      const b = new Float64Array(f)
      for (let u = 0; u < train.nUsers; u++)
        for (let k = 0; k < f; k++) for (let l = 0; l < f; l++) a[k * f + l] += x[u * f + k] * x[u * f + l]
      for (let p = byItem.indptr[item]; p < byItem.indptr[item + 1]; p++) {
        const u = byItem.items[p]
        const c = 1 + alpha * byItem.values[p]
        for (let k = 0; k < f; k++) {
          b[k] += c * x[u * f + k]
          for (let l = 0; l < f; l++) a[k * f + l] += (c - 1) * x[u * f + k] * x[u * f + l]
        }
      }
      for (let k = 0; k < f; k++) a[k * f + k] += lambda
      const exact = choleskySolveInPlace(a, b, f)
      for (let k = 0; k < f; k++) expect(y[item * f + k]).toBeCloseTo(exact[k], 8)
    }
  })

  it("recommends items of the user's own community (the data is rank 2, so 2 factors)", () => {
    const model = new ImplicitAls({ factors: 2, iterations: 10, alpha: 10, regularization: 0.1 }).fit(
      train,
      createRng(4),
    )
    let same = 0
    let total = 0
    for (let u = 0; u < train.nUsers; u++) {
      for (const r of model.recommend(u, 5)) {
        same += r.item % 2 === u % 2 ? 1 : 0
        total++
      }
    }
    expect(same / total).toBeGreaterThan(0.9)
  })

  it("validates its options", () => {
    expect(() => new ImplicitAls({ factors: 0 })).toThrow(/ImplicitAls: factors must be an integer >= 1, got 0/)
    expect(() => new ImplicitAls({ alpha: Number.NaN })).toThrow(/alpha must be a finite number >= 0/)
    expect(() => new ImplicitAls({ cgSteps: 1.5 })).toThrow(/cgSteps/)
  })
})
