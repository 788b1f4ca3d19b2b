import { describe, expect, it } from "vitest"
import { pairedTTest, wilcoxonSignedRank } from "../../src/stats/paired-tests"

// Reference numbers: scipy 1.10 stats.ttest_rel and stats.wilcoxon (default arguments).
describe("paired tests", () => {
  it("paired t-test matches scipy.stats.ttest_rel", () => {
    const r = pairedTTest([0.31, 0.28, 0.35, 0.3], [0.29, 0.27, 0.3, 0.3])
    expect(r.statistic).toBeCloseTo(1.851640199545104, 12)
    expect(r.pValue).toBeCloseTo(0.16116184721351923, 10)
    expect(r.degreesOfFreedom).toBe(3)
    expect(() => pairedTTest([1, 2], [0, 1])).toThrow(/all differences are equal/)
    expect(() => pairedTTest([1, 2], [0])).toThrow(/same length/)
  })

  it("Wilcoxon exact p-value (scipy's docs example, n = 9, no ties)", () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3]
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    const r = wilcoxonSignedRank(x, y)
    expect(r.exact).toBe(true)
    expect(r.statistic).toBe(5)
    expect(r.pValue).toBeCloseTo(0.0390625, 14)
  })

  it("Wilcoxon with zeros and ties uses the tie-corrected normal approximation", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    const b = [1.5, 2, 2.5, 4.5, 4, 6.5, 8, 7, 9, 11, 11.5, 11]
    const r = wilcoxonSignedRank(a, b)
    expect(r.exact).toBe(false)
    expect(r.n).toBe(10)
    expect(r.statistic).toBe(27)
    expect(r.pValue).toBeCloseTo(0.9582558754548759, 6)
    expect(() => wilcoxonSignedRank([1, 2], [1, 2])).toThrow(/every difference is zero/)
  })
})
