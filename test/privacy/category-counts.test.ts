import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { privateCategoryCounts } from "../../src/privacy/category-counts"

describe("privateCategoryCounts", () => {
  // user 0: 5 events (2 beyond the cap of 3), user 1: 2 events
  const users = [0, 0, 0, 0, 0, 1, 1]
  const cats = [0, 1, 1, 2, 2, 2, 0]

  it("clips each user to maxPerUser events and adds Laplace(maxPerUser/ε)", () => {
    const r = privateCategoryCounts(users, cats, 3, { epsilon: 0.5, maxPerUser: 3 }, createRng(1))
    expect(Array.from(r.clipped)).toEqual([2, 2, 1])
    expect(r.scale).toBe(6)
  })

  it("is unbiased for the clipped counts with variance 2b²", () => {
    const rng = createRng(2)
    const reps = 20_000
    const mean = new Float64Array(3)
    let s2 = 0
    for (let r = 0; r < reps; r++) {
      const out = privateCategoryCounts(users, cats, 3, { epsilon: 1, maxPerUser: 3 }, rng)
      for (let c = 0; c < 3; c++) mean[c] += out.counts[c] / reps
      s2 += (out.counts[0] - 2) ** 2 / reps
    }
    // b = 3: sd of the mean = √18/√20000 ≈ 0.03
    expect(Math.abs(mean[0] - 2)).toBeLessThan(0.12)
    expect(Math.abs(mean[1] - 2)).toBeLessThan(0.12)
    expect(Math.abs(mean[2] - 1)).toBeLessThan(0.12)
    expect(s2 / 18).toBeGreaterThan(0.93)
    expect(s2 / 18).toBeLessThan(1.07)
  })

  it("refuses bad input", () => {
    const rng = createRng(3)
    expect(() => privateCategoryCounts(users, cats, 3, { epsilon: -1, maxPerUser: 3 }, rng)).toThrow(/epsilon/)
    expect(() => privateCategoryCounts(users, cats, 3, { epsilon: 1, maxPerUser: 0 }, rng)).toThrow(
      /maxPerUser must be a positive integer/,
    )
    expect(() => privateCategoryCounts(users, [0, 1, 5, 0, 0, 0, 0], 3, { epsilon: 1, maxPerUser: 3 }, rng)).toThrow(
      /category 5 of event 2/,
    )
  })
})
