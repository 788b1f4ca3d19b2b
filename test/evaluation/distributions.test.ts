import { describe, expect, it } from "vitest"
import { erfc, logGamma, normalCdf, normalQuantile, regularizedIncompleteBeta, studentTCdf } from "../../src/evaluation/distributions"

// Reference numbers: scipy 1.10 (stats.t.cdf, stats.norm.cdf, stats.norm.ppf).
describe("distributions", () => {
  it("logGamma and the incomplete beta function", () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 10)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13)
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14)
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14)
  })
  it("Student t CDF", () => {
    expect(studentTCdf(2.0, 10)).toBeCloseTo(0.9633059826146297, 10)
    expect(studentTCdf(-1.3, 3.5)).toBeCloseTo(0.13629770790218498, 10)
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 14)
  })
  it("normal CDF keeps relative precision in the tails; the quantile is accurate", () => {
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 6)
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8)
    expect(normalQuantile(1e-4)).toBeCloseTo(-3.7190164854556804, 7)
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\)/)
  })
})
