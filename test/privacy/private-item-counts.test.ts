import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { privateItemCounts } from "../../src/privacy/private-item-counts"

// user 0: items 0..3, user 1: items 1, 2, user 2: item 3 (the 3 is counted twice: distinct users)
const train = interactionsFromTriples(
  3,
  5,
  [0, 0, 0, 0, 1, 1, 2, 2],
  [0, 1, 2, 3, 1, 2, 3, 3],
  [1, 1, 1, 1, 4, 1, 2, 1],
)

describe("privateItemCounts", () => {
  it("counts distinct users per item and clips nobody when maxItemsPerUser covers every row", () => {
    const r = privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 4 }, createRng(1))
    expect(Array.from(r.exact)).toEqual([1, 2, 2, 2, 0])
    expect(Array.from(r.clipped)).toEqual([1, 2, 2, 2, 0])
    expect(r.scale).toBe(4)
  })

  it("keeps a uniform random subset of maxItemsPerUser items of a longer row", () => {
    const rng = createRng(2)
    const picked = new Float64Array(4)
    const draws = 8000
    for (let d = 0; d < draws; d++) {
      const r = privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 1 }, rng)
      // users 1 and 2 keep one item each as well: total contribution = 3
      expect(r.clipped.reduce((s, v) => s + v, 0)).toBe(3)
      for (let i = 0; i < 4; i++) picked[i] += r.clipped[i]
    }
    // expected per item: user 0 picks it w.p. 1/4, user 1 picks items 1, 2 w.p. 1/2, user 2 always item 3
    const expected = [0.25, 0.75, 0.75, 1.25]
    for (let i = 0; i < 4; i++) expect(Math.abs(picked[i] / draws - expected[i])).toBeLessThan(0.03)
  })

  it("adds Laplace(Δ₁/ε) noise: unbiased for the clipped counts, variance 2b²", () => {
    const rng = createRng(3)
    const draws = 20000
    const b = 2 / 0.5
    let sum = 0
    let sumSq = 0
    for (let d = 0; d < draws; d++) {
      const r = privateItemCounts(train, { epsilon: 0.5, maxItemsPerUser: 2 }, rng)
      const e = r.counts[4] - r.clipped[4]
      sum += e
      sumSq += e * e
    }
    const variance = 2 * b * b
    expect(Math.abs(sum / draws)).toBeLessThan(4 * Math.sqrt(variance / draws))
    expect(sumSq / draws / variance).toBeGreaterThan(0.93)
    expect(sumSq / draws / variance).toBeLessThan(1.07)
  })

  it("names bad parameters", () => {
    expect(() => privateItemCounts(train, { epsilon: 0, maxItemsPerUser: 2 }, createRng(1))).toThrow(
      /epsilon must be a finite number > 0, got 0/,
    )
    expect(() => privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 0 }, createRng(1))).toThrow(
      /maxItemsPerUser must be a positive integer, got 0/,
    )
  })
})
