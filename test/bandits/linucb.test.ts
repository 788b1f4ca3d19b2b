import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { LinThompson, LinUcb, RidgeArms } from "../../src/bandits"

/** Solves (λI + XᵀX)θ = Xᵀy by Gauss–Jordan elimination: the closed-form ridge solution, computed independently. */
function ridge(X: number[][], y: number[], lambda: number): number[] {
  const d = X[0].length
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d + 1 }, (_, j) => (j === i ? lambda : 0)))
  X.forEach((x, n) => {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) A[i][j] += x[i] * x[j]
      A[i][d] += x[i] * y[n]
    }
  })
  for (let c = 0; c < d; c++) {
    let p = c
    for (let r = c + 1; r < d; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r
    ;[A[c], A[p]] = [A[p], A[c]]
    for (let r = 0; r < d; r++) {
      if (r === c) continue
      const f = A[r][c] / A[c][c]
      for (let j = c; j <= d; j++) A[r][j] -= f * A[c][j]
    }
  }
  return A.map((row, i) => row[d] / row[i])
}

describe("LinUcb", () => {
  it("θ equals the closed-form ridge solution (λI + XᵀX)⁻¹Xᵀy after Sherman–Morrison updates", () => {
    const d = 5
    const lambda = 0.7
    const policy = new LinUcb({ arms: 2, dimension: d, alpha: 1, lambda })
    const rng = createRng(4)
    const X: number[][] = []
    const y: number[] = []
    for (let n = 0; n < 60; n++) {
      const x = Array.from({ length: d }, () => rng.next() * 2 - 1)
      const r = x[0] * 0.5 - x[3] + (rng.next() - 0.5) * 0.1
      X.push(x)
      y.push(r)
      policy.update(1, r, { features: Float64Array.from(x) })
    }
    const expected = ridge(X, y, lambda)
    const theta = Array.from(policy.model.theta.subarray(d, 2 * d))
    theta.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10))
    // Arm 0 saw nothing: θ = 0 and the width is sqrt(xᵀx/λ).
    const x = { features: Float64Array.from([1, 0, 0, 0, 0]) }
    expect(policy.indices(x, new Float64Array(2))[0]).toBeCloseTo(Math.sqrt(1 / lambda), 12)
  })

  it("the bound width is sqrt(xᵀA⁻¹x) with A⁻¹ from the closed form", () => {
    const policy = new LinUcb({ arms: 1, dimension: 2, alpha: 2, lambda: 1 })
    policy.update(0, 1, { features: Float64Array.from([1, 0]) })
    policy.update(0, 0, { features: Float64Array.from([1, 1]) })
    // A = I + [1 0]ᵀ[1 0] + [1 1]ᵀ[1 1] = [[3, 1], [1, 2]], A⁻¹ = [[2, −1], [−1, 3]]/5, b = [1, 0]
    // θ = A⁻¹b = [0.4, −0.2]; for x = [0, 1]: mean −0.2, width sqrt(3/5).
    const index = policy.indices({ features: Float64Array.from([0, 1]) }, new Float64Array(1))[0]
    expect(index).toBeCloseTo(-0.2 + 2 * Math.sqrt(0.6), 12)
  })

  it("learns the best arm for each context on a linear problem", () => {
    const d = 3
    const truth = [Float64Array.from([1, 0, 0]), Float64Array.from([0, 1, 0]), Float64Array.from([0, 0, 1])]
    for (const policy of [
      new LinUcb({ arms: 3, dimension: d, alpha: 0.5 }),
      new LinThompson({ arms: 3, dimension: d, v: 0.2 }),
    ]) {
      const rng = createRng(8)
      let correct = 0
      for (let t = 0; t < 3000; t++) {
        const x = Float64Array.from([rng.next(), rng.next(), rng.next()])
        const a = policy.select({ features: x }, rng)
        const means = truth.map((w) => w[0] * x[0] + w[1] * x[1] + w[2] * x[2])
        if (t >= 2000 && a === means.indexOf(Math.max(...means))) correct++
        policy.update(a, means[a] + (rng.next() - 0.5) * 0.2, { features: x })
      }
      expect(correct / 1000).toBeGreaterThan(0.85)
    }
  })

  it("rejects features of the wrong length", () => {
    const policy = new LinUcb({ arms: 2, dimension: 3 })
    expect(() => policy.select({ features: new Float64Array(4) }, createRng(1))).toThrow(
      /context.features must have length 3 \(shared\) or 6 \(per arm\), got 4/,
    )
  })
})

describe("RidgeArms packed storage", () => {
  it("A⁻¹ after two updates equals the closed-form inverse; the blocked forms equal the per-arm ones", () => {
    const model = new RidgeArms(6, 2, 1)
    model.update(4, Float64Array.from([1, 0]), 0, 1)
    model.update(4, Float64Array.from([1, 1]), 0, 0)
    // A = [[3, 1], [1, 2]] (see above): A⁻¹ = [[2, −1], [−1, 3]]/5.
    expect(model.inverseAt(4, 0, 0)).toBeCloseTo(0.4, 14)
    expect(model.inverseAt(4, 0, 1)).toBeCloseTo(-0.2, 14)
    expect(model.inverseAt(4, 1, 0)).toBeCloseTo(-0.2, 14)
    expect(model.inverseAt(4, 1, 1)).toBeCloseTo(0.6, 14)
    const rng = createRng(8)
    const big = new RidgeArms(7, 5, 0.5)
    for (let n = 0; n < 200; n++) {
      const x = Float64Array.from({ length: 5 }, () => rng.next() - 0.5)
      big.update(n % 7, x, 0, rng.next())
    }
    const x = Float64Array.from([0.3, -1, 0.2, 0.7, -0.4])
    big.setPairs(x, 0)
    const widths = big.pairQuadraticForms(new Float64Array(7))
    const means = big.means(x, 0, new Float64Array(7))
    for (let a = 0; a < 7; a++) {
      // Direct xᵀA⁻¹x over the full symmetric matrix.
      let q = 0
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) q += x[i] * big.inverseAt(a, i, j) * x[j]
      expect(widths[a]).toBeCloseTo(q, 12)
      expect(big.quadraticForm(a, x, 0)).toBeCloseTo(q, 12)
      expect(means[a]).toBeCloseTo(big.mean(a, x, 0), 12)
    }
  })
})
