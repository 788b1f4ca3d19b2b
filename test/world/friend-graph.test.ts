import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { degrees } from "../../src/schema/social-graph"
import { generateWorld } from "../../src/world/world"
import {
  expectedDegrees,
  generateFriendGraph,
  tieProbability,
  unitRows,
  worldFriendGraph,
} from "../../src/world/friend-graph"
import { expectedTieSimilarity, tieSimilarity } from "../../src/world/friend-homophily"

const world = generateWorld({ users: 400, items: 120, categories: 12, days: 10, seed: 11 })
const nc = world.nCategories

describe("friend graph with homophily (latent-space model)", () => {
  for (const homophily of [0, 2]) {
    const model = worldFriendGraph(world, { meanDegree: 10, homophily })
    const g = model.graph

    it(`h = ${homophily}: symmetric, no self-loops, sorted friend lists`, () => {
      for (let u = 0; u < g.nUsers; u++) {
        for (let j = g.offsets[u]; j < g.offsets[u + 1]; j++) {
          const v = g.neighbours[j]
          expect(v).not.toBe(u)
          if (j > g.offsets[u]) expect(v).toBeGreaterThan(g.neighbours[j - 1])
          const back = Array.from(g.neighbours.subarray(g.offsets[v], g.offsets[v + 1]))
          expect(back).toContain(u)
        }
      }
    })

    it(`h = ${homophily}: the closed-form expected mean degree is the option, the drawn one within 4 sd`, () => {
      const expected = expectedDegrees(model)
      const mean = expected.reduce((s, x) => s + x, 0) / g.nUsers
      expect(mean).toBeCloseTo(10, 8)
      // Ties are independent Bernoullis: Var(number of ties) = Σ_{u<v} p(1 − p).
      let variance = 0
      for (let u = 0; u < g.nUsers; u++)
        for (let v = u + 1; v < g.nUsers; v++) {
          const p = tieProbability(model, u, v)
          variance += p * (1 - p)
        }
      const sdMeanDegree = (2 * Math.sqrt(variance)) / g.nUsers
      const drawn = g.neighbours.length / g.nUsers
      expect(Math.abs(drawn - 10)).toBeLessThan(4 * sdMeanDegree)
    })

    it(`h = ${homophily}: measured tie similarity matches E[cos | tie] within 4 standard errors`, () => {
      const m = tieSimilarity(g, model.unitInterests, nc)
      // Standard error of a mean of m.ties similarities, from the spread of the cosine over all pairs.
      const se = model.similaritySd / Math.sqrt(m.ties)
      expect(Math.abs(m.tieMean - expectedTieSimilarity(model))).toBeLessThan(4 * se)
      if (homophily === 0) {
        expect(expectedTieSimilarity(model)).toBeCloseTo(m.pairMean, 10)
        expect(Math.abs(m.tieMean - m.pairMean)).toBeLessThan(4 * se)
      } else {
        // Friends are more alike than random pairs: by more than 10 standard errors.
        expect(m.tieMean - m.pairMean).toBeGreaterThan(10 * se)
      }
    })
  }

  it("h = 0 is Erdős–Rényi: every pair has p = d/(n − 1)", () => {
    const model = worldFriendGraph(world, { meanDegree: 10, homophily: 0 })
    expect(tieProbability(model, 0, 1)).toBeCloseTo(10 / 399, 12)
    expect(tieProbability(model, 5, 300)).toBeCloseTo(10 / 399, 12)
  })

  it("each user's degree averages its closed-form expected degree over seeds", () => {
    const small = generateWorld({ users: 120, items: 60, categories: 12, days: 10, seed: 5 })
    const options = { meanDegree: 8, homophily: 3 }
    const seeds = 60
    const sums = new Float64Array(small.nUsers)
    let model = generateFriendGraph(small.users.interestStart, nc, options, createRng(1, 0))
    for (let s = 0; s < seeds; s++) {
      model = generateFriendGraph(small.users.interestStart, nc, options, createRng(1, s))
      const d = degrees(model.graph)
      for (let u = 0; u < small.nUsers; u++) sums[u] += d[u]
    }
    const expected = expectedDegrees(model)
    let chi2 = 0
    let spread = 0
    for (let u = 0; u < small.nUsers; u++) {
      let variance = 0
      for (let v = 0; v < small.nUsers; v++) {
        if (v === u) continue
        const p = tieProbability(model, u, v)
        variance += p * (1 - p)
      }
      chi2 += (sums[u] / seeds - expected[u]) ** 2 / (variance / seeds)
      spread = Math.max(spread, expected[u])
    }
    // χ² with 120 degrees of freedom (degrees of a user are correlated only through shared ties): 99.9th percentile ≈ 173.
    expect(chi2).toBeLessThan(173)
    // Homophily makes the expected degrees unequal (a user with common tastes has more friends).
    expect(spread).toBeGreaterThan(12)
  })

  it("draws from its own stream: the same world gives the same graph, the world's outputs are untouched", () => {
    const before = Array.from(world.users.activity.subarray(0, 5))
    const a = worldFriendGraph(world, { meanDegree: 6, homophily: 1 })
    const b = worldFriendGraph(world, { meanDegree: 6, homophily: 1 })
    expect(Array.from(a.graph.neighbours)).toEqual(Array.from(b.graph.neighbours))
    expect(Array.from(world.users.activity.subarray(0, 5))).toEqual(before)
  })

  it("unit rows and refusals", () => {
    const unit = unitRows(Float64Array.of(3, 4, 0, 0), 2)
    expect(unit[0]).toBeCloseTo(0.6, 15)
    expect(unit[1]).toBeCloseTo(0.8, 15)
    expect(Array.from(unit.subarray(2))).toEqual([0, 0])
    const x = world.users.interestStart
    expect(() => generateFriendGraph(x, nc, { meanDegree: 399, homophily: 1 }, createRng(1))).toThrow(
      "friends.meanDegree must be in (0, 399) for 400 users, got 399",
    )
    expect(() => generateFriendGraph(x, nc, { meanDegree: 5, homophily: -1 }, createRng(1))).toThrow(
      "friends.homophily must be a finite number >= 0, got -1",
    )
  })
})
