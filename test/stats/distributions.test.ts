import { describe, expect, it } from "vitest"
import {
  erfc,
  logGamma,
  logStandardNormalCdf,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
} from "../../src/stats/distributions"

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

describe("logStandardNormalCdf", () => {
  // scipy.stats.norm.logcdf (Debian python3-scipy): -40 → -804.6084420137539, -5 → -15.064998393988727, 1.5 → -0.06914345561223399
  it("matches scipy's log Φ in the far tail, where Φ itself underflows, and near the centre", () => {
    expect(logStandardNormalCdf(-40) / -804.6084420137539).toBeCloseTo(1, 7)
    expect(logStandardNormalCdf(-5) / -15.064998393988727).toBeCloseTo(1, 6)
    expect(logStandardNormalCdf(1.5) / -0.06914345561223399).toBeCloseTo(1, 5)
    expect(Math.exp(logStandardNormalCdf(0.3))).toBeCloseTo(normalCdf(0.3), 7)
  })
})
