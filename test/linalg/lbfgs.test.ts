import { describe, expect, it } from "vitest"
import { minimizeLbfgs } from "../../src/linalg/lbfgs"

describe("minimizeLbfgs", () => {
  it("finds the minimum (1, 1) of the Rosenbrock function", () => {
    // f = (1 − x)² + 100 (y − x²)², the standard test of Nocedal & Wright §9.
    const r = minimizeLbfgs(
      (x, g) => {
        const a = 1 - x[0]
        const b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
      },
      Float64Array.from([-1.2, 1]),
      { gradTol: 1e-9 },
    )
    expect(r.converged).toBe(true)
    expect(r.x[0]).toBeCloseTo(1, 7)
    expect(r.x[1]).toBeCloseTo(1, 7)
    expect(r.iterations).toBeLessThan(100)
  })

  it("solves a positive-definite quadratic ½xᵀAx − bᵀx: A x = b", () => {
    const A = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ]
    const b = [1, 2, 3]
    const r = minimizeLbfgs(
      (x, g) => {
        let f = 0
        for (let i = 0; i < 3; i++) {
          let ax = 0
          for (let j = 0; j < 3; j++) ax += A[i][j] * x[j]
          g[i] = ax - b[i]
          f += 0.5 * x[i] * ax - b[i] * x[i]
        }
        return f
      },
      new Float64Array(3),
      { gradTol: 1e-10 },
    )
    // The stationarity condition is A x = b: check the residual.
    const x = Array.from(r.x)
    for (let i = 0; i < 3; i++) expect(A[i].reduce((s, a, j) => s + a * x[j], 0)).toBeCloseTo(b[i], 9)
  })

  it("rejects bad options", () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * x[0]
      return x[0] * x[0]
    }
    expect(() => minimizeLbfgs(f, new Float64Array(1), { memory: 0 })).toThrow(/memory/)
    expect(() => minimizeLbfgs(f, new Float64Array(1), { maxIter: -1 })).toThrow(/maxIter/)
    expect(() => minimizeLbfgs(() => NaN, new Float64Array(1))).toThrow(/objective is NaN/)
  })
})
