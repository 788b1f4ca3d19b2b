import { describe, expect, it } from "vitest"
import {
  averageRecommendationPopularity,
  calibrationKl,
  categoryDistribution,
  gini,
  groupTotals,
  itemExposure,
  positionExposure,
} from "../../src/metrics/exposure"
import { createRng } from "../../src/random/rng"

describe("exposure and popularity-bias metrics", () => {
  it("gini equals the mean-absolute-difference definition Σ_i Σ_j |x_i − x_j| / (2n²x̄), with its closed-form extremes", () => {
    const rng = createRng(8)
    for (let trial = 0; trial < 20; trial++) {
      const x = Array.from({ length: 1 + Math.floor(rng.next() * 30) }, () => (rng.next() < 0.3 ? 0 : rng.next() * 10))
      x[0] += 1
      const n = x.length
      const mean = x.reduce((s, v) => s + v, 0) / n
      let pairs = 0
      for (const a of x) for (const b of x) pairs += Math.abs(a - b)
      expect(gini(x)).toBeCloseTo(pairs / (2 * n * n * mean), 12)
    }
    expect(gini([3, 3, 3])).toBeCloseTo(0, 15)
    expect(gini([0, 0, 0, 5])).toBeCloseTo(0.75, 15)
    expect(() => gini([0, 0])).toThrow("gini: values must not all be zero")
    expect(() => gini([1, -1])).toThrow("gini: values[1] is -1; values must be finite and >= 0")
  })

  it("position exposure is the DCG discount; item and group exposure add it up", () => {
    const w = positionExposure(3)
    expect(Array.from(w)).toEqual([1, 1 / Math.log2(3), 0.5])
    expect(Array.from(positionExposure(2, "uniform"))).toEqual([1, 1])
    const e = itemExposure(
      [
        [0, 1],
        [1, 2],
      ],
      4,
      w,
    )
    expect(Array.from(e)).toEqual([1, 1 + 1 / Math.log2(3), 1 / Math.log2(3), 0])
    expect(Array.from(groupTotals([1, 2, 3], [0, 1, 0], 2))).toEqual([4, 2])
    expect(() => itemExposure([[5]], 4, w)).toThrow("itemExposure: list 0, rank 0 holds item 5, outside [0, 4)")
    expect(() => groupTotals([1], [2], 2)).toThrow("groupTotals: item 0 is in group 2, outside [0, 2)")
  })

  it("calibration (Steck 2018): 0 for the history's own mix, the closed form otherwise", () => {
    const p = categoryDistribution([0, 1, 1, 2], [0, 1, 2], 3)
    expect(Array.from(p)).toEqual([0.25, 0.5, 0.25])
    expect(calibrationKl(p, p)).toBeCloseTo(0, 15)
    const q = categoryDistribution([1, 1], [0, 1, 2], 3, [1, 0.5])
    expect(Array.from(q)).toEqual([0, 1, 0])
    const a = 0.01
    const expected = 0.25 * Math.log(0.25 / (a * 0.25)) * 2 + 0.5 * Math.log(0.5 / ((1 - a) * 1 + a * 0.5))
    expect(calibrationKl(p, q, a)).toBeCloseTo(expected, 12)
    expect(() => calibrationKl([1], [1, 0])).toThrow("calibrationKl: history has 1 categories, the list 2")
  })

  it("average recommendation popularity is the mean over users of each list's mean popularity", () => {
    expect(averageRecommendationPopularity([[0, 1], [2]], [0.5, 0.1, 0.2])).toBeCloseTo((0.3 + 0.2) / 2, 15)
    expect(() => averageRecommendationPopularity([[]], [0.5])).toThrow(
      "averageRecommendationPopularity: list 0 is empty",
    )
  })
})
