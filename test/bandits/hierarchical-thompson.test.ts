import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { beta } from "../../src/random/beta"
import { HierarchicalThompson, PerUserThompson } from "../../src/bandits"
import { historyOf } from "./history-fixture"

/** Rows (user, arm, reward) giving user u `clicks[u]` clicks in `shows[u]` showings of `arm`. */
function rowsOf(arm: number, clicks: number[], shows: number[]): [number, number, number][] {
  const rows: [number, number, number][] = []
  clicks.forEach((c, u) => {
    for (let i = 0; i < shows[u]; i++) rows.push([u, arm, i < c ? 1 : 0])
  })
  return rows
}

describe("HierarchicalThompson", () => {
  it("fits the population prior by Kleinman's method of moments (numpy reference)", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 4, maxStrength: 100 })
    p.warmStart(historyOf(4, 2, rowsOf(0, [1, 4, 0, 6], [5, 8, 3, 10])))
    // test/bandits/reference/beta_binomial_moments.py
    const mu = 0.428571428571429
    const s = 9.921553693831
    expect(p.strength(0)).toBeCloseTo(s, 9)
    expect(p.priorAlpha[0] / p.strength(0)).toBeCloseTo(mu, 12)
    // Arm 1 has no data: mean 1/2 and the largest strength.
    expect(p.priorAlpha[1]).toBe(50)
    expect(p.priorBeta[1]).toBe(50)
  })

  it("recovers a known population Beta(2, 8) from 3000 users × 40 showings", () => {
    const rng = createRng(21)
    const users = 3000
    const clicks: number[] = []
    const shows: number[] = []
    for (let u = 0; u < users; u++) {
      const rate = beta(rng, 2, 8)
      let c = 0
      for (let i = 0; i < 40; i++) if (rng.next() < rate) c++
      clicks.push(c)
      shows.push(40)
    }
    const p = new HierarchicalThompson({ arms: 1, users })
    p.warmStart(historyOf(users, 1, rowsOf(0, clicks, shows)))
    // Standard errors at this size: about 0.003 on μ and 0.5 on s.
    expect(p.priorAlpha[0] / p.strength(0)).toBeCloseTo(0.2, 1)
    expect(Math.abs(p.priorAlpha[0] / p.strength(0) - 0.2)).toBeLessThan(0.012)
    expect(Math.abs(p.strength(0) - 10)).toBeLessThan(2)
  })

  it("online updates refit the prior to the same numbers as a warm start with the same data", () => {
    const rows = rowsOf(0, [1, 4, 0, 6], [5, 8, 3, 10]).concat(rowsOf(1, [2, 0, 3, 1], [4, 6, 3, 2]))
    const batch = new HierarchicalThompson({ arms: 2, users: 4 })
    batch.warmStart(historyOf(4, 2, rows))
    const online = new HierarchicalThompson({ arms: 2, users: 4 })
    for (const [u, a, r] of rows) online.update(a, r, { user: u })
    for (let a = 0; a < 2; a++) {
      expect(online.priorAlpha[a]).toBeCloseTo(batch.priorAlpha[a], 10)
      expect(online.priorBeta[a]).toBeCloseTo(batch.priorBeta[a], 10)
    }
    expect(Array.from(online.successes)).toEqual(Array.from(batch.successes))
  })

  it("a new user starts from the population's taste, where a per-user policy starts flat", () => {
    const rows: [number, number, number][] = []
    for (let u = 0; u < 50; u++) for (let i = 0; i < 20; i++) rows.push([u, i % 3, i % 3 === 1 && i % 2 === 0 ? 1 : 0])
    const history = historyOf(51, 3, rows)
    const h = new HierarchicalThompson({ arms: 3, users: 51, probabilityDraws: 4000 })
    const flat = new PerUserThompson({ arms: 3, users: 51, probabilityDraws: 4000 })
    h.warmStart(history)
    flat.warmStart(history)
    expect(h.probabilities({ user: 50 })[1]).toBeGreaterThan(0.9)
    expect(Math.abs(flat.probabilities({ user: 50 })[1] - 1 / 3)).toBeLessThan(0.03)
  })

  it("a fixed strength keeps s and fits only the means; options are checked", () => {
    const p = new HierarchicalThompson({ arms: 1, users: 2, strength: 10 })
    p.warmStart(historyOf(2, 1, rowsOf(0, [3, 1], [4, 4])))
    expect(p.strength(0)).toBeCloseTo(10, 12)
    expect(p.priorAlpha[0]).toBeCloseTo(10 * (5 / 10), 12)
    expect(() => new HierarchicalThompson({ arms: 2, minStrength: 5, maxStrength: 3 })).toThrow(
      /maxStrength must be >= minStrength/,
    )
    expect(() => new HierarchicalThompson({ arms: 2, strength: 0 })).toThrow(/strength must be a finite number > 0/)
  })
})
