import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world"
import { runCampaign } from "../../src/business/ad-campaign"

describe("runCampaign", () => {
  const world = generateWorld({ users: 800, items: 300, seed: 6 })
  const item = world.itemsByCategory[1][0]
  const c = world.catalog.category[item]
  const options = { item, impressions: 200, costPerImpression: 0.5, day: 10 }

  it("targeting by true interest has a higher expected ROAS than random targeting", () => {
    const r = createRng(1)
    const noise = Float64Array.from({ length: world.nUsers }, () => r.next())
    const random = runCampaign(world, options, (u) => noise[u], createRng(2))
    const oracle = runCampaign(world, options, (u) => world.interestIn(u, c, 10), createRng(2))
    expect(oracle.expectedRoas).toBeGreaterThan(1.5 * random.expectedRoas)
    expect(random.spend).toBe(100)
    expect(oracle.roas).toBeCloseTo(oracle.revenue / 100, 12)
    expect(oracle.revenue).toBeCloseTo(oracle.purchases * world.catalog.price[item], 6)
  })

  it("has an expected revenue equal to the mean of many sampled revenues", () => {
    const target = (u: number) => -u
    let mean = 0
    const reps = 300
    let expected = 0
    for (let k = 0; k < reps; k++) {
      const res = runCampaign(world, { ...options, impressions: 50 }, target, createRng(3, k))
      mean += res.revenue / reps
      expected += res.expectedRevenue / reps
    }
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.15)
  })

  it("names bad options", () => {
    expect(() => runCampaign(world, { ...options, impressions: 0 }, () => 0, createRng(1))).toThrow(
      /impressions must be an integer/,
    )
    expect(() => runCampaign(world, { ...options, costPerImpression: 0 }, () => 0, createRng(1))).toThrow(
      /costPerImpression/,
    )
    expect(() => runCampaign(world, options, () => Number.NaN, createRng(1))).toThrow(/score of user 0 is NaN/)
  })
})
