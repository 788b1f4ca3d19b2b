import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Club } from "../../src/bandits"
import { historyOf } from "./history-fixture"

describe("Club", () => {
  it("indices are the pooled ridge estimate plus α·sqrt(ln(t + 1)/(1 + N̄)) of the user's cluster", () => {
    // A complete graph and a few observations: no edge fails the test yet, one cluster of all users.
    const p = new Club({ arms: 3, users: 3, alpha: 0.5, edgeProbability: 1 })
    const steps: [number, number, number][] = [
      [0, 0, 1],
      [1, 0, 0],
      [2, 1, 1],
    ]
    for (const [u, a, r] of steps) p.update(a, r, { user: u })
    expect(new Set(Array.from(p.cluster)).size).toBe(1)
    const idx = p.indices({ user: 1 }, new Float64Array(3))
    const logT = Math.log(3 + 1)
    expect(idx[0]).toBeCloseTo(1 / 3 + 0.5 * Math.sqrt(logT / 3), 14)
    expect(idx[1]).toBeCloseTo(1 / 2 + 0.5 * Math.sqrt(logT / 2), 14)
    expect(idx[2]).toBeCloseTo(0 + 0.5 * Math.sqrt(logT / 1), 14)
  })

  it("splits the user graph into the true groups (the setting of Gentile, Li & Zappella 2014)", () => {
    // 30 users in 3 groups; group g clicks arm g with probability 0.9 and every other arm with 0.05.
    const users = 30
    const p = new Club({ arms: 6, users, alpha: 0.2, edgeProbability: 1, alpha2: 0.5 })
    const rng = createRng(4)
    const env = createRng(5)
    for (let t = 0; t < 12000; t++) {
      const u = t % users
      const ctx = { user: u }
      const a = p.select(ctx, rng)
      p.update(a, env.next() < (a === u % 3 ? 0.9 : 0.05) ? 1 : 0, ctx)
    }
    for (let u = 0; u < users; u++) {
      for (let v = 0; v < users; v++) expect(p.cluster[u] === p.cluster[v]).toBe(u % 3 === v % 3)
    }
  })

  it("a warm start prunes by the history and clusters at once; the graph is reproducible from the seed", () => {
    const rows: [number, number, number][] = []
    for (let u = 0; u < 20; u++) for (let i = 0; i < 40; i++) rows.push([u, u < 10 ? 0 : 1, 1], [u, u < 10 ? 1 : 0, 0])
    const a = new Club({ arms: 2, users: 20, edgeProbability: 0.5, seed: 3 })
    const b = new Club({ arms: 2, users: 20, edgeProbability: 0.5, seed: 3 })
    a.warmStart(historyOf(20, 2, rows))
    b.warmStart(historyOf(20, 2, rows))
    expect(Array.from(a.cluster)).toEqual(Array.from(b.cluster))
    for (let u = 0; u < 10; u++) for (let v = 10; v < 20; v++) expect(a.cluster[u]).not.toBe(a.cluster[v])
  })
})
