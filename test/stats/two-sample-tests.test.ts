import { describe, expect, it } from "vitest"
import { twoProportionZTest, welchTTest } from "../../src/stats/two-sample-tests"

// Reference numbers: test/stats/reference/two_sample_sequential.py (scipy 1.17, run by hand).
describe("fixed-horizon two-sample tests", () => {
  it("two-proportion z-test matches the pooled-z formula and the Wald interval", () => {
    const r = twoProportionZTest(120, 2000, 150, 2000)
    expect(r.statistic).toBeCloseTo(1.8906666011235589, 12)
    expect(r.pValue).toBeCloseTo(0.0586688635362016, 8)
    expect(r.difference).toBeCloseTo(0.015, 14)
    expect(r.interval[0]).toBeCloseTo(-0.0005428356996528081, 10)
    expect(r.interval[1]).toBeCloseTo(0.030542835699652805, 10)
    expect(twoProportionZTest(0, 10, 0, 20)).toMatchObject({ statistic: 0, pValue: 1 })
  })

  it("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False)", () => {
    const r = welchTTest([0.1, 0.3, 0.2, 0.4], [0.5, 0.2, 0.6, 0.7, 0.4], 0.9)
    expect(r.statistic).toBeCloseTo(2.1385712594394155, 12)
    expect(r.pValue).toBeCloseTo(0.07052541118517199, 8)
    expect(r.degreesOfFreedom).toBeCloseTo(6.869000532440863, 10)
    expect(r.interval[0]).toBeCloseTo(0.025654877105661972, 8)
    expect(r.interval[1]).toBeCloseTo(0.43434512289433796, 8)
  })

  it("refuses bad input with one line naming the field", () => {
    expect(() => twoProportionZTest(5, 4, 1, 10)).toThrow(/successesA must be an integer in \[0, 4\], got 5/)
    expect(() => twoProportionZTest(0, 0, 1, 10)).toThrow(/at least one trial/)
    expect(() => twoProportionZTest(1.5, 4, 1, 10)).toThrow(/successesA/)
    expect(() => welchTTest([1], [1, 2])).toThrow(/a needs at least 2 values/)
    expect(() => welchTTest([1, 1], [2, 2])).toThrow(/both samples are constant/)
    expect(() => welchTTest([1, NaN], [2, 3])).toThrow(/a\[1\] must be a finite number/)
    expect(() => welchTTest([1, 2], [2, 3], 1)).toThrow(/level must be in \(0, 1\)/)
  })
})
