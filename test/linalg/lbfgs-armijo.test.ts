import { describe, expect, it } from "vitest"
import { minimizeLbfgs } from "../../src/linalg/lbfgs"

/**
 * The cubic f(x) = a x³ + b x² + c x with f(0) = 0, f'(0) = c, f(t) = v, f'(t) = 0 (Hermite conditions, solved by
 * hand): the first trial step of L-BFGS from x = 0 lands on x = t, where the slope is flat (the curvature condition
 * holds) and only the sufficient-decrease (Armijo) test f(t) ≤ f(0) + c₁·a·φ'(0) decides whether it is accepted.
 */
function hermiteCubic(c: number, t: number, v: number) {
  const a = (c * t - 2 * v) / t ** 3
  const b = (3 * v - 2 * c * t) / t ** 2
  return (x: Float64Array, g: Float64Array): number => {
    const z = x[0]
    g[0] = 3 * a * z * z + 2 * b * z + c
    return a * z ** 3 + b * z * z + c * z
  }
}

describe("minimizeLbfgs: the sufficient-decrease test of its line search (Nocedal & Wright 3.6a)", () => {
  it("refuses a first step that lands higher than the start (f(1) = 1 > 0), even where the slope is flat", () => {
    // f'(0) = −1, so d = 1 and the first step is min(1, 1/√1) = 1: the trial point is x = 1
    const r = minimizeLbfgs(hermiteCubic(-1, 1, 1), new Float64Array(1), { maxIter: 1 })
    expect(r.iterations).toBe(1)
    expect(r.value).toBeLessThan(0)
    expect(r.x[0]).toBeGreaterThan(0)
    expect(r.x[0]).toBeLessThan(1)
  })

  it("refuses a first step that decreases f by less than c₁·a·|φ'(0)| = 10⁻⁴ (here it increases f by 5·10⁻⁵)", () => {
    const r = minimizeLbfgs(hermiteCubic(-1, 1, 5e-5), new Float64Array(1), { maxIter: 1 })
    expect(r.value).toBeLessThan(0)
    expect(r.x[0]).not.toBe(1)
  })

  it("accepts a first step of a = 1/4 that decreases f by 5·10⁻⁴ > c₁·a·|φ'(0)| = 4·10⁻⁴, where it lands", () => {
    // f'(0) = −4: d = 4, φ'(0) = −16, the first step min(1, 1/√16) = 1/4 lands on x = 1, where f = −5·10⁻⁴ and f' = 0
    // (with c₁/a for c₁·a the bound would be −6.4·10⁻³ and the step refused)
    const r = minimizeLbfgs(hermiteCubic(-4, 1, -5e-4), new Float64Array(1), { maxIter: 1 })
    expect(r.x[0]).toBe(1)
    expect(r.value).toBeCloseTo(-5e-4, 15)
    expect(r.evaluations).toBe(2)
  })
})
