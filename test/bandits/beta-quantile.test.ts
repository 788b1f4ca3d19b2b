import { describe, expect, it } from "vitest"
import { betaQuantile, bernoulliKl, klUcbIndex } from "../../src/bandits"
import { logGamma as lnGamma, regularizedIncompleteBeta as regularizedBeta } from "../../src/stats/special"

describe("special functions", () => {
  it("lnGamma matches factorials", () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12)
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10)
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12)
  })

  it("regularizedBeta and betaQuantile match scipy.stats.beta (scipy 1.x, computed by hand)", () => {
    // scipy.stats.beta.cdf(0.3, 2.5, 4.5) = 0.40653901668245934
    expect(regularizedBeta(0.3, 2.5, 4.5)).toBeCloseTo(0.40653901668245934, 10)
    // beta.ppf(0.975, 3, 7) = 0.600093573716312; beta.ppf(0.9, 1.5, 20) = 0.1430702991022561;
    // beta.ppf(0.999, 101, 51) = 0.7751113874779956
    expect(betaQuantile(0.975, 3, 7)).toBeCloseTo(0.600093573716312, 8)
    expect(betaQuantile(0.9, 1.5, 20)).toBeCloseTo(0.1430702991022561, 8)
    expect(betaQuantile(0.999, 101, 51)).toBeCloseTo(0.7751113874779956, 8)
  })

  it("KL-UCB index solves n·kl(p, q) = bound (scipy brentq: 0.8879087616458556)", () => {
    expect(klUcbIndex(0.5, 10, Math.log(100), 1e-10)).toBeCloseTo(0.8879087616458556, 8)
    expect(bernoulliKl(0.5, 0.5)).toBe(0)
    expect(bernoulliKl(0, 0.5)).toBeCloseTo(Math.log(2), 12)
  })
})
