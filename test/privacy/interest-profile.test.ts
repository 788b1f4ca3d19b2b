import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { privateInterestProfile, projectToSimplex } from "../../src/privacy/interest-profile"

describe("privateInterestProfile", () => {
  it("projects onto the simplex as Duchi et al. 2008", () => {
    const p = projectToSimplex([0.5, 0.8, -0.2])
    expect(p[0]).toBeCloseTo(0.35, 12)
    expect(p[1]).toBeCloseTo(0.65, 12)
    expect(p[2]).toBe(0)
    // a point already on the simplex is unchanged
    expect(Array.from(projectToSimplex([0.2, 0.3, 0.5])).map((x) => +x.toFixed(12))).toEqual([0.2, 0.3, 0.5])
  })

  it("releases an unbiased profile with Laplace(2/ε) noise; the projection is a distribution", () => {
    const rng = createRng(1)
    const weights = [6, 0, 2, 2]
    const reps = 20_000
    const mean = new Float64Array(4)
    let s2 = 0
    for (let r = 0; r < reps; r++) {
      const { noisy, profile } = privateInterestProfile(weights, { epsilon: 2 }, rng)
      for (let i = 0; i < 4; i++) mean[i] += noisy[i] / reps
      s2 += (noisy[1] - 0) ** 2 / reps
      if (r < 50) {
        expect(profile.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10)
        expect(Math.min(...profile)).toBeGreaterThanOrEqual(0)
      }
    }
    // b = 1: Var = 2, sd of the mean = 0.01
    ;[0.6, 0, 0.2, 0.2].forEach((v, i) => expect(Math.abs(mean[i] - v)).toBeLessThan(0.05))
    expect(s2 / 2).toBeGreaterThan(0.93)
    expect(s2 / 2).toBeLessThan(1.07)
  })

  it("refuses bad input", () => {
    expect(() => privateInterestProfile([1, 2], { epsilon: 0 }, createRng(1))).toThrow(/epsilon/)
    expect(() => privateInterestProfile([1, -2], { epsilon: 1 }, createRng(1))).toThrow(
      /weight 1 must be finite and >= 0/,
    )
  })
})
