import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import type { Context } from "../../src/schema/world-types"

const world = generateWorld({ users: 400, items: 150, seed: 5 })
const ctx: Context = { day: 3.5, hour: 20, weekday: 2, device: 0, region: 1 }

describe("World ground truth", () => {
  it("has every category in the catalogue and Zipf popularity summing to 1", () => {
    expect(world.itemsByCategory.every((items) => items.length > 0)).toBe(true)
    expect(world.catalog.popularity.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    const sorted = Array.from(world.catalog.popularity).sort((a, b) => b - a)
    // Zipf with s = 1.05: the top item is 2^1.05 times as popular as the second.
    expect(sorted[0] / sorted[1]).toBeCloseTo(Math.pow(2, 1.05), 9)
  })

  it("describes items in English and Chinese with the category's words", () => {
    const i = 0
    expect(world.catalog.descriptionEn[i]).toMatch(/[a-z]/)
    expect(world.catalog.descriptionZh[i]).toMatch(/[\u4e00-\u9fff]/)
    expect(world.categories.length).toBe(12)
    expect(world.categories[0]).toEqual({ id: 0, en: "Women's clothing", zh: "女装" })
  })

  it("keeps interests on the simplex while they drift from start to end", () => {
    for (const u of [0, 17, 399]) {
      for (const day of [0, 10, 30, 60]) {
        const x = world.interestAt(u, day)
        expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
      }
      const w = world.users.drift[u]
      const start = world.interestAt(u, 0)
      const end = world.interestAt(u, world.config.days)
      for (let k = 0; k < world.nCategories; k++) {
        const a = world.users.interestStart[u * world.nCategories + k]
        const b = world.users.interestEnd[u * world.nCategories + k]
        expect(start[k]).toBeCloseTo(a, 12)
        expect(end[k]).toBeCloseTo((1 - w) * a + w * b, 12)
      }
    }
  })

  it("makes focused users more concentrated than broad ones (ground-truth segments)", () => {
    let focusedMax = 0
    let broadMax = 0
    let nf = 0
    for (let u = 0; u < world.nUsers; u++) {
      const m = Math.max(...world.interestAt(u, 0))
      if (world.users.segment[u] === 0) {
        focusedMax += m
        nf++
      } else broadMax += m
    }
    expect(focusedMax / nf).toBeGreaterThan(broadMax / (world.nUsers - nf) + 0.1)
  })

  it("gives probabilities in [0, 1] with the position-based model P(click) = (1+p)^−η · attraction", () => {
    for (let i = 0; i < world.nItems; i += 7) {
      const a = world.attraction(3, i, ctx)
      expect(a).toBeGreaterThan(0)
      expect(a).toBeLessThan(1)
      expect(world.clickProbability(3, i, ctx, 2)).toBeCloseTo(a * Math.pow(3, -0.8), 12)
      const p = world.purchaseProbability(3, i, ctx)
      expect(p > 0 && p < 1).toBe(true)
    }
  })

  it("makes interest, fatigue and price act in the documented direction", () => {
    const u = 11
    const top = world.trueTopCategories(u, 1, ctx.day)[0]
    const bottom = world.trueTopCategories(u, world.nCategories, ctx.day)[world.nCategories - 1]
    const meanAttraction = (c: number) => {
      const items = world.itemsByCategory[c]
      return items.reduce((s, i) => s + world.attraction(u, i, ctx), 0) / items.length
    }
    expect(meanAttraction(top)).toBeGreaterThan(meanAttraction(bottom))
    const item = world.itemsByCategory[top][0]
    expect(world.attraction(u, item, ctx, 5)).toBeLessThan(world.attraction(u, item, ctx, 0))
  })

  it("rejects unknown users and items with the index and the range", () => {
    expect(() => world.attraction(400, 0, ctx)).toThrow(/user 400 is outside \[0, 400\)/)
    expect(() => world.purchaseProbability(0, -1, ctx)).toThrow(/item -1 is outside/)
  })

  it("samples contexts with the user's region and a valid hour, weekday and device", () => {
    const r = createRng(1)
    for (let k = 0; k < 100; k++) {
      const c = world.sampleContext(9, 4, r)
      expect(c.region).toBe(world.users.region[9])
      expect(c.hour).toBeGreaterThanOrEqual(0)
      expect(c.hour).toBeLessThan(24)
      expect(Math.floor(c.day)).toBe(4)
      expect(c.weekday).toBe((world.startWeekday() + 4) % 7)
    }
  })

  it("is a pure function of its config: same seed, same world; other seed, other world", () => {
    const again = generateWorld({ users: 400, items: 150, seed: 5 })
    expect(Array.from(again.catalog.price)).toEqual(Array.from(world.catalog.price))
    expect(Array.from(again.users.interestStart)).toEqual(Array.from(world.users.interestStart))
    const other = generateWorld({ users: 400, items: 150, seed: 6 })
    expect(Array.from(other.catalog.price)).not.toEqual(Array.from(world.catalog.price))
  })

  it("names the field of an invalid config", () => {
    expect(() => generateWorld({ users: -3 })).toThrow(/field 'users'/)
    expect(() => generateWorld({ userz: 3 } as never)).toThrow(/unknown field userz/)
  })

  it("reads startDate strictly: the weekday agrees with Date's, an impossible date is refused", () => {
    // Monday = 0; Date's getUTCDay (Sunday = 0) is the independent check.
    for (const date of ["2026-01-05", "1970-01-01", "1969-12-29", "2000-02-29", "1000-01-01"]) {
      expect(generateWorld({ users: 5, items: 10, days: 1, startDate: date }).startWeekday()).toBe(
        (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7,
      )
    }
    expect(() => generateWorld({ users: 5, items: 10, days: 1, startDate: "2026-02-30" })).toThrow(
      "world config: field 'startDate': expected a real calendar date YYYY-MM-DD with a year in 1000..9999, got '2026-02-30'",
    )
  })
})
