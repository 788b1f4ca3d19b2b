import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import {
  analyticGaussianSigma,
  classicGaussianSigma,
  gaussianDelta,
  gaussianMechanism,
  gaussianSigma,
} from "../../src/privacy/gaussian"

describe("Gaussian mechanism", () => {
  it("classic σ = Δ√(2 ln(1.25/δ))/ε (Dwork & Roth Thm 3.22)", () => {
    // python: math.sqrt(2*math.log(1.25/1e-5))/0.5 = 9.689610525210778
    expect(classicGaussianSigma(1, 0.5, 1e-5)).toBeCloseTo(9.689610525210778, 10)
    expect(classicGaussianSigma(2, 0.5, 1e-5)).toBeCloseTo(2 * 9.689610525210778, 9)
  })

  it("refuses the classic calibration for ε ≥ 1 and points to the analytic one", () => {
    expect(() => classicGaussianSigma(1, 1, 1e-5)).toThrow(/epsilon must be < 1.*analytic/)
  })

  it("analytic σ matches scipy's root of Balle & Wang's Theorem 8", () => {
    // Reference: scipy.optimize.brentq on norm.cdf(Δ/2σ − εσ/Δ) − e^ε norm.cdf(−Δ/2σ − εσ/Δ) − δ (scipy 1.10.1).
    const cases: [number, number, number][] = [
      [1, 1e-5, 3.730631634815946],
      [0.5, 1e-5, 7.0318266755824625],
      [2, 1e-6, 2.230476271186417],
      [0.1, 1e-3, 17.404396203031116],
      [4, 1e-5, 1.081161849520239],
    ]
    for (const [eps, delta, sigma] of cases) {
      expect(analyticGaussianSigma(1, eps, delta) / sigma - 1).toBeLessThan(1e-5)
      expect(analyticGaussianSigma(1, eps, delta) / sigma - 1).toBeGreaterThan(-1e-5)
    }
    expect(gaussianDelta(1, 1, 4)).toBeCloseTo(2.9242721048563077e-6, 11)
    // the analytic σ scales with Δ and is below the classic one
    expect(analyticGaussianSigma(3, 0.5, 1e-5)).toBeCloseTo(3 * analyticGaussianSigma(1, 0.5, 1e-5), 6)
    expect(analyticGaussianSigma(1, 0.5, 1e-5)).toBeLessThan(classicGaussianSigma(1, 0.5, 1e-5))
  })

  it("adds noise of variance σ², unbiased", () => {
    const rng = createRng(4)
    const options = { sensitivity: 1, epsilon: 0.5, delta: 1e-5 }
    const sigma = gaussianSigma(options)
    const n = 100_000
    let s = 0
    let s2 = 0
    const values = new Float64Array(n).fill(7)
    const out = gaussianMechanism(values, options, rng)
    for (let i = 0; i < n; i++) {
      s += out[i] - 7
      s2 += (out[i] - 7) ** 2
    }
    const mean = s / n
    const variance = s2 / n - mean * mean
    expect(Math.abs(mean)).toBeLessThan((4 * sigma) / Math.sqrt(n))
    // Var of the sample variance of a normal = 2σ⁴/n
    expect(Math.abs(variance - sigma ** 2)).toBeLessThan(5 * Math.sqrt(2 / n) * sigma ** 2)
  })

  it("refuses bad parameters with their name", () => {
    const rng = createRng(5)
    expect(() => gaussianMechanism([1], { sensitivity: 1, epsilon: 0.5, delta: 1 }, rng)).toThrow(
      /delta must be in \(0, 1\), got 1/,
    )
    expect(() => gaussianMechanism([1], { sensitivity: 1, epsilon: 0.5, delta: -0.1 }, rng)).toThrow(/delta/)
    expect(() => gaussianMechanism([1], { sensitivity: 1, epsilon: 0.5, delta: 0 }, rng)).toThrow(
      /delta must be in \(0, 1\)/,
    )
    expect(() => gaussianMechanism([1], { sensitivity: -1, epsilon: 0.5, delta: 1e-5 }, rng)).toThrow(/sensitivity/)
    expect(() =>
      gaussianMechanism([1], { sensitivity: 1, epsilon: 0, delta: 1e-5, calibration: "analytic" }, rng),
    ).toThrow(/epsilon/)
  })
})
