import { describe, expect, it } from "vitest"
import { simulateColdItems } from "../../src/coldstart/cold-item-exposure"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world"

describe("simulateColdItems", () => {
  const world = generateWorld({ users: 200, items: 60, seed: 4 })
  const users = Array.from({ length: 200 }, (_, u) => u)
  const n = world.nItems

  it("exposure follows the position weights: with every estimate equal, ranks go by index (closed form)", () => {
    // priorStrength 1e300 makes every p̂_i = p₀ exactly: all tie, so the slate is the 3 listed items of smallest index.
    const arrival = Int32Array.from({ length: n }, (_, i) => (i < 2 ? 10 : 0))
    const [c] = simulateColdItems(
      world,
      { users, steps: 20, slate: 3, day: 5, arrival, priorStrength: 1e300 },
      [{ name: "greedy", kind: "greedy" }],
      createRng(1),
    )
    const w = [1, 1 / Math.log2(3), 0.5]
    for (let t = 0; t < 10; t++) expect(c.coldExposureShare[t]).toBe(0)
    for (let t = 10; t < 20; t++) expect(c.coldExposureShare[t]).toBeCloseTo((w[0] + w[1]) / (w[0] + w[1] + w[2]), 14)
    expect(Array.from(c.impressions.slice(0, 5))).toEqual([10, 10, 20, 10, 10])
    expect(c.coldNeverShown).toBe(0)
  })

  it("popularity never shows an item without clicks while clicked ones fill the slate; UCB shows every cold item", () => {
    const arrival = Int32Array.from({ length: n }, (_, i) => (i >= n - 10 ? 200 : 0))
    const history = {
      impressions: Float64Array.from({ length: n }, (_, i) => (i < n - 10 ? 50 : 0)),
      clicks: Float64Array.from({ length: n }, (_, i) => (i < n - 10 ? 1 + (i % 4) : 0)),
    }
    const options = { users, steps: 1000, slate: 4, day: 5, arrival, history }
    const [pop, greedy, ucb] = simulateColdItems(
      world,
      options,
      [
        { name: "popularity", kind: "popularity" },
        { name: "greedy", kind: "greedy" },
        { name: "ucb", kind: "ucb", c: 0.1 },
      ],
      createRng(2),
    )
    expect(pop.coldNeverShown).toBe(10)
    expect(pop.coldExposureShare.every((s) => s === 0)).toBe(true)
    expect(ucb.coldNeverShown).toBe(0)
    const mean = (s: Float64Array) => s.reduce((a, b) => a + b, 0) / s.length
    expect(mean(ucb.coldExposureShare)).toBeGreaterThan(0)
    // Common random numbers: a ranker's run does not depend on which others run beside it.
    const [alone] = simulateColdItems(world, options, [{ name: "greedy", kind: "greedy" }], createRng(2))
    expect(alone).toEqual(greedy)
    expect(alone.clickRate).toBeGreaterThan(0)
  })

  it("names bad options", () => {
    const arrival = new Int32Array(n)
    const run = (o: Partial<Parameters<typeof simulateColdItems>[1]>, c = 0.1) =>
      simulateColdItems(
        world,
        { users, steps: 10, slate: 3, day: 5, arrival, ...o },
        [{ name: "u", kind: "ucb", c }],
        createRng(1),
      )
    expect(() => run({ slate: 0 })).toThrow(/slate must be a positive integer, got 0/)
    expect(() => run({ arrival: new Int32Array(3) })).toThrow(/arrival has 3 entries, the world 60 items/)
    expect(() => run({ arrival: Int32Array.from({ length: n }, () => 10) })).toThrow(
      /arrival of item 0 is 10, allowed integers in \[0, 10\)/,
    )
    expect(() => run({}, -1)).toThrow(/ranker u: c must be a finite number >= 0, got -1/)
  })
})
