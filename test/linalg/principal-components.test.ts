import { describe, expect, it } from "vitest"
import { principalComponents, projectOntoComponents } from "../../src/linalg/principal-components"

// numpy.linalg.eigh(numpy.cov(X, rowvar=False)) for the 6 × 3 data below, largest first, signed so
// that each component's largest entry is positive (test/linalg/reference/symmetric_eigen_reference.py).
const X = [1, 2, 0.5, 2, 1, -1, 3, 4, 2, -1, 0, 1.5, 0.5, -2, 0, 4, 3, -0.5]
const VARIANCE = [6.911372782305582, 2.0418112589877966, 0.2968159587066204]
const COMPONENTS = [
  [0.6129424125428065, 0.7897417533827872, 0.024689306796365967],
  [-0.5133035450162267, 0.37424609741940684, 0.7723077943670639],
  [0.6006838349581077, -0.4860533114075295, 0.6347685474956966],
]

describe("principalComponents", () => {
  it("finds the closed-form axes of points spread along (0.6, 0.8) and (−0.8, 0.6)", () => {
    // x_r = t_r (0.6, 0.8) + s_r (−0.8, 0.6) with Σ t = Σ s = Σ t s = 0: variances Σt²/4 = 2.5 and Σs²/4 = 1.5.
    const t = [-2, -1, 0, 1, 2]
    const s = [1, 0, -2, 0, 1]
    const data = t.flatMap((tr, r) => [0.6 * tr - 0.8 * s[r], 0.8 * tr + 0.6 * s[r]])
    const pca = principalComponents(data, 5, 2, 2)
    expect(pca.variance[0]).toBeCloseTo(2.5, 12)
    expect(pca.variance[1]).toBeCloseTo(1.5, 12)
    expect(Array.from(pca.explainedRatio)).toEqual([expect.closeTo(0.625, 12), expect.closeTo(0.375, 12)])
    // The second axis is signed so that its largest entry (0.8) is positive: (0.8, −0.6).
    const want = [0.6, 0.8, 0.8, -0.6]
    want.forEach((v, k) => expect(pca.components[k]).toBeCloseTo(v, 12))
    const z = projectOntoComponents(pca, data, 5)
    t.forEach((tr, r) => {
      expect(z[2 * r]).toBeCloseTo(tr, 12)
      expect(z[2 * r + 1]).toBeCloseTo(-s[r], 12)
    })
  })

  it("matches numpy's covariance eigenvectors on a 6 × 3 data set", () => {
    const pca = principalComponents(X, 6, 3, 3)
    VARIANCE.forEach((v, k) => expect(pca.variance[k]).toBeCloseTo(v, 12))
    COMPONENTS.forEach((row, k) => row.forEach((v, j) => expect(pca.components[k * 3 + j]).toBeCloseTo(v, 12)))
    expect(Array.from(pca.mean)).toEqual([
      expect.closeTo(9.5 / 6, 12),
      expect.closeTo(8 / 6, 12),
      expect.closeTo(2.5 / 6, 12),
    ])
  })

  it("keeps the first k components only, and rejects bad shapes", () => {
    const pca = principalComponents(X, 6, 3, 1)
    expect(pca.components.length).toBe(3)
    expect(projectOntoComponents(pca, X, 6).length).toBe(6)
    expect(() => principalComponents(X, 6, 3, 4)).toThrow("k must be an integer in [1, 3], got 4")
    expect(() => principalComponents(X, 5, 3, 1)).toThrow("18 for 5 × 3")
    expect(() => projectOntoComponents(pca, [1, 2], 1)).toThrow("expected 1 × 3 values, got 2")
  })
})
