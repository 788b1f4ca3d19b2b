import { describe, expect, it } from "vitest"
import { bootstrapCi, bootstrapIndexCi, quantileLinearSorted } from "../../src/stats/bootstrap"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"

describe("bootstrap", () => {
  it("quantiles interpolate linearly like numpy.quantile", () => {
    // numpy.quantile([2.1,3.4,1.9,5.6,4.4,3.3,2.8,3.9], [0.025, 0.975]) = [1.935, 5.39]
    const sorted = Float64Array.from([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 3.9]).sort()
    expect(quantileLinearSorted(sorted, 0.025)).toBeCloseTo(1.935, 12)
    expect(quantileLinearSorted(sorted, 0.975)).toBeCloseTo(5.39, 12)
  })

  it("the percentile interval of the mean agrees with the normal theory interval", () => {
    const rng = createRng(11)
    const x = Float64Array.from({ length: 400 }, () => normal(rng, 2, 3))
    const ci = bootstrapCi(x, createRng(12), { resamples: 2000 })
    let m = 0
    for (const v of x) m += v / x.length
    let ss = 0
    for (const v of x) ss += (v - m) ** 2
    const se = Math.sqrt(ss / (x.length - 1) / x.length)
    expect(ci.estimate).toBeCloseTo(m, 12)
    // bootstrap quantiles carry Monte Carlo error ≈ 0.05 se for 2000 resamples
    expect(ci.lower).toBeCloseTo(m - 1.96 * se, 1)
    expect(ci.upper).toBeCloseTo(m + 1.96 * se, 1)
    expect(Math.abs(ci.upper - ci.lower - 2 * 1.96 * se)).toBeLessThan(0.15 * 2 * 1.96 * se)
  })

  it("is reproducible from the Rng and resamples paired rows together", () => {
    const num = [1, 2, 3, 4, 5, 6]
    const den = [2, 4, 6, 8, 10, 12]
    const ratio = (idx: Int32Array): number => {
      let a = 0
      let b = 0
      for (const i of idx) {
        a += num[i]
        b += den[i]
      }
      return a / b
    }
    const first = bootstrapIndexCi(6, ratio, createRng(5), { resamples: 50 })
    expect(first).toEqual(bootstrapIndexCi(6, ratio, createRng(5), { resamples: 50 }))
    expect(first.lower).toBe(0.5) // every resample keeps the pairs, so the ratio is always 1/2
    expect(first.upper).toBe(0.5)
  })

  it("rejects bad options", () => {
    expect(() => bootstrapCi([1, 2], createRng(1), { level: 1 })).toThrow(/level must be in \(0, 1\)/)
    expect(() => bootstrapCi([1, 2], createRng(1), { resamples: 1 })).toThrow(/resamples must be an integer >= 2/)
    expect(() => bootstrapCi([], createRng(1))).toThrow(/values must not be empty/)
  })
})
