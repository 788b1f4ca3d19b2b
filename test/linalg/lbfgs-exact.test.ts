import { describe, expect, it } from "vitest"
import { type ObjectiveWithGradient, minimizeLbfgs } from "../../src/linalg/lbfgs"

/** f(x) = c·(x − t)² in one dimension. */
function parabola(c: number, t: number): ObjectiveWithGradient {
  return (x, g) => {
    g[0] = 2 * c * (x[0] - t)
    return c * (x[0] - t) ** 2
  }
}

describe("minimizeLbfgs, steps computed by hand", () => {
  it("minimises (x − 3)² from 0 in two iterations and three evaluations, landing exactly on 3", () => {
    // Iteration 1: g = −6, d = 6, first step min(1, 1/√36) = 1/6 → x = 1 (φ = 4 passes Armijo, |φ'| = 24 ≤ 0.9·36).
    // Pair s = 1, y = 2, ρ = 1/2. Iteration 2: two-loop with g = −4: α = ρ·s·4 = 2, q = 4 − 2·2 = 0,
    // γ = sᵀy/yᵀy = 1/2, r = 0 + (2 − 0)·1 = 2 → x = 1 + 2 = 3 with the unit step, where g = 0.
    const r = minimizeLbfgs(parabola(1, 3), new Float64Array(1))
    expect(Array.from(r.x)).toEqual([3])
    expect(r.value).toBe(0)
    expect(r.gradInfNorm).toBe(0)
    expect(r.iterations).toBe(2)
    expect(r.evaluations).toBe(3)
    expect(r.converged).toBe(true)
  })

  it("does not change the starting point it is given", () => {
    const x0 = Float64Array.of(0.5)
    minimizeLbfgs(parabola(1, 3), x0)
    expect(x0[0]).toBe(0.5)
  })

  it("zooms with the cubic when the first step overshoots: 10x² from 0.3 takes one step to its minimum", () => {
    // g = 6, d = −6, first step 1/6 → x = −0.7, φ = 4.9 > 0.9: zoom on [0, 1/6] with φ' = −36 and 84.
    // The cubic through a quadratic is the quadratic itself: its minimiser a = 0.05 gives x = 0 (to rounding).
    const r = minimizeLbfgs(parabola(10, 0), Float64Array.of(0.3), { gradTol: 1e-12 })
    expect(Math.abs(r.x[0])).toBeLessThan(1e-15)
    expect(r.iterations).toBe(1)
    expect(r.evaluations).toBe(3)
    expect(r.converged).toBe(true)
  })

  it("zooms back when the first step passes the minimum with a lower value but too steep a slope", () => {
    // (x − 0.52)² from 0: g = −1.04, first step 1/1.04 → x = 1, φ = 0.2304 passes Armijo, but φ' = 0.9984 > 0.9·1.0816
    // and φ' ≥ 0: zoom on [1/1.04, 0], whose cubic minimiser is the exact one, x = 0.52 (to rounding).
    const r = minimizeLbfgs(parabola(1, 0.52), new Float64Array(1), { gradTol: 1e-12 })
    expect(Math.abs(r.x[0] - 0.52)).toBeLessThan(1e-15)
    expect(r.iterations).toBe(1)
    expect(r.evaluations).toBe(3)
  })

  it("stops at a start where the gradient is already within tolerance, without iterating", () => {
    const r = minimizeLbfgs(parabola(1, 3), Float64Array.of(3))
    expect(r).toEqual({
      x: Float64Array.of(3),
      value: 0,
      iterations: 0,
      evaluations: 1,
      gradInfNorm: 0,
      converged: true,
    })
    // |∂f| = 2e-9 ≤ the default 1e-8: converged at once.
    const near = minimizeLbfgs(parabola(1, 3), Float64Array.of(3 + 1e-9))
    expect(near.iterations).toBe(0)
    expect(near.converged).toBe(true)
    // gradTol equal to |∂f| (here exactly 2) also counts as converged.
    const at = minimizeLbfgs(parabola(1, 3), Float64Array.of(4), { gradTol: 2 })
    expect(at.iterations).toBe(0)
    expect(at.converged).toBe(true)
    expect(at.gradInfNorm).toBe(2)
  })

  it("stops after maxIter iterations, not converged, with the max-norm of the last gradient", () => {
    // The Rosenbrock function from (−1.2, 1) needs dozens of iterations.
    const rosen: ObjectiveWithGradient = (x, g) => {
      const a = 1 - x[0]
      const b = x[1] - x[0] * x[0]
      g[0] = -2 * a - 400 * x[0] * b
      g[1] = 200 * b
      return a * a + 100 * b * b
    }
    const r = minimizeLbfgs(rosen, Float64Array.of(-1.2, 1), { maxIter: 3 })
    expect(r.iterations).toBe(3)
    expect(r.converged).toBe(false)
    const g = new Float64Array(2)
    expect(r.value).toBe(rosen(r.x, g))
    expect(r.gradInfNorm).toBe(Math.max(Math.abs(g[0]), Math.abs(g[1])))
    expect(r.value).toBeLessThan(24.2)
    const none = minimizeLbfgs(rosen, Float64Array.of(-1.2, 1), { maxIter: 0 })
    expect(none.iterations).toBe(0)
    expect(none.evaluations).toBe(1)
    expect(none.value).toBeCloseTo(24.2, 12)
    expect(none.gradInfNorm).toBeCloseTo(215.6, 10)
    expect(none.converged).toBe(false)
    // The default of 1000 iterations is enough to converge from there.
    expect(minimizeLbfgs(rosen, Float64Array.of(-1.2, 1)).converged).toBe(true)
  })

  it("with one pair of memory still solves a quadratic, and the result is the same with the default memory on a 1-d problem", () => {
    const one = minimizeLbfgs(parabola(1, 3), new Float64Array(1), { memory: 1 })
    expect(Array.from(one.x)).toEqual([3])
    expect(one.iterations).toBe(2)
  })

  it("names the bad option, its value and what is allowed", () => {
    const f = parabola(1, 0)
    expect(() => minimizeLbfgs(f, new Float64Array(1), { memory: 0 })).toThrow(
      "minimizeLbfgs: memory must be an integer >= 1, got 0",
    )
    expect(() => minimizeLbfgs(f, new Float64Array(1), { memory: 1.5 })).toThrow(
      "minimizeLbfgs: memory must be an integer >= 1, got 1.5",
    )
    expect(() => minimizeLbfgs(f, new Float64Array(1), { maxIter: -1 })).toThrow(
      "minimizeLbfgs: maxIter must be an integer >= 0, got -1",
    )
    expect(() => minimizeLbfgs(f, new Float64Array(1), { maxIter: 2.5 })).toThrow(
      "minimizeLbfgs: maxIter must be an integer >= 0, got 2.5",
    )
    expect(() => minimizeLbfgs(f, new Float64Array(1), { gradTol: -1e-3 })).toThrow(
      "minimizeLbfgs: gradTol must be >= 0, got -0.001",
    )
    expect(() => minimizeLbfgs(f, new Float64Array(1), { gradTol: Number.NaN })).toThrow(
      "minimizeLbfgs: gradTol must be >= 0, got NaN",
    )
    expect(() => minimizeLbfgs(() => Number.POSITIVE_INFINITY, new Float64Array(1))).toThrow(
      "minimizeLbfgs: the objective is Infinity at the starting point",
    )
    expect(minimizeLbfgs(f, Float64Array.of(1), { gradTol: 0 }).x[0]).toBe(0)
  })

  it("keeps its recorded path on Rosenbrock's function and on a double well (a regression guard on the line search and the two-loop recursion)", () => {
    // These counts are this implementation's own path, recorded when it was checked against the minimisers
    // (1, 1) and x = 1; any change in the line search, the interpolation or the recursion changes them.
    const rosen: ObjectiveWithGradient = (x, g) => {
      const a = 1 - x[0]
      const b = x[1] - x[0] * x[0]
      g[0] = -2 * a - 400 * x[0] * b
      g[1] = 200 * b
      return a * a + 100 * b * b
    }
    const paths: [object, number, number][] = [
      [{}, 37, 46],
      [{ memory: 1 }, 44, 121],
      [{ memory: 3 }, 37, 48],
    ]
    for (const [options, iterations, evaluations] of paths) {
      const r = minimizeLbfgs(rosen, Float64Array.of(-1.2, 1), options)
      expect([r.iterations, r.evaluations]).toEqual([iterations, evaluations])
      expect(r.converged).toBe(true)
      expect(r.gradInfNorm).toBeLessThanOrEqual(1e-8)
      expect(Math.abs(r.x[0] - 1) + Math.abs(r.x[1] - 1)).toBeLessThan(1e-9)
    }
    // x⁴/4 − x²/2 from 0.1: the first step doubles through the concave part, where sᵀy < 0 and the pair is dropped.
    const well: ObjectiveWithGradient = (x, g) => {
      g[0] = x[0] ** 3 - x[0]
      return x[0] ** 4 / 4 - x[0] ** 2 / 2
    }
    const one = minimizeLbfgs(well, Float64Array.of(0.1), { maxIter: 1 })
    expect([one.iterations, one.evaluations]).toEqual([1, 7])
    expect(one.x[0]).toBeCloseTo(1.0109095512619797, 14)
    const two = minimizeLbfgs(well, Float64Array.of(0.1), { maxIter: 2 })
    expect([two.iterations, two.evaluations]).toEqual([2, 10])
    const all = minimizeLbfgs(well, Float64Array.of(0.1))
    expect([all.iterations, all.evaluations]).toEqual([4, 12])
    expect(all.value).toBe(-0.25)
    expect(Math.abs(all.x[0] - 1)).toBeLessThan(1e-11)
  })

  it("caps the doubling at 40 steps on an unbounded function and stops when no step decreases f", () => {
    // f = −x never satisfies the curvature condition: the search doubles from 1 forty times and keeps 2³⁹.
    const lin = minimizeLbfgs(
      (x, g) => {
        g[0] = -1
        return -x[0]
      },
      new Float64Array(1),
      { maxIter: 1 },
    )
    expect([lin.iterations, lin.evaluations, lin.x[0]]).toEqual([1, 42, 2 ** 39])
    // A gradient that points the wrong way (f = x² with ∂f reported as −1): every step up from 0 raises f, the
    // zoom collapses onto 0 and the minimiser stops without taking a step.
    const lie = minimizeLbfgs((x, g) => {
      g[0] = -1
      return x[0] * x[0]
    }, new Float64Array(1))
    expect([lie.iterations, lie.evaluations, lie.x[0], lie.value, lie.converged]).toEqual([0, 26, 0, 0, false])
  })

  it("stops before a bump that the first step jumps over (Armijo fails while the slope is still negative)", () => {
    // f = −x + exp(−(x − 1)²/0.02) + 0.01x² from 0: the unit step lands on the bump's top (f = 0.01 > f(0) ≈ 0, slope
    // −0.98), so only the sufficient-decrease test sends the search back into [0, 1], to the local minimum at
    // x ≈ 0.7449 before the bump. The counts are this implementation's recorded path.
    const bump: ObjectiveWithGradient = (x, g) => {
      const e = Math.exp(-((x[0] - 1) ** 2) / 0.02)
      g[0] = -1 - (e * (x[0] - 1)) / 0.01 + 0.02 * x[0]
      return -x[0] + e + 0.01 * x[0] * x[0]
    }
    const r = minimizeLbfgs(bump, new Float64Array(1))
    expect([r.iterations, r.evaluations, r.converged]).toEqual([4, 12, true])
    expect(r.x[0]).toBeCloseTo(0.7448870378022862, 8)
    expect(r.x[0]).toBeLessThan(0.8)
  })
})
