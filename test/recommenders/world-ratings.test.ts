import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { worldRatings } from "../../src/recommenders/world-ratings"
import { defaultWorldConfig, generateWorld } from "../../src/world"

describe("worldRatings", () => {
  const world = generateWorld({ ...defaultWorldConfig, users: 200, items: 100, seed: 5 })

  it("gives 1–5 stars centred near 3, reproducibly", () => {
    const a = worldRatings(world, 5000, createRng(1), { day: 3 })
    const b = worldRatings(world, 5000, createRng(1), { day: 3 })
    expect(Array.from(a.values)).toEqual(Array.from(b.values))
    let mean = 0
    for (const v of a.values) {
      expect(v >= 1 && v <= 5).toBe(true)
      mean += v / a.values.length
    }
    expect(Math.abs(mean - 3)).toBeLessThan(0.2)
    expect(() => worldRatings(world, 0, createRng(1))).toThrow(/n must be a positive integer, got 0/)
  })
})
