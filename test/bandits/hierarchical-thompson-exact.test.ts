import { describe, expect, it } from "vitest"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { HierarchicalThompson, hierarchicalThompsonOptions } from "../../src/bandits/hierarchical-thompson"
import { monteCarloProbabilities } from "../../src/bandits/monte-carlo"
import { policyDescriptor } from "../../src/bandits/registry"
import { wilsonHilfertyArgmax } from "../../src/bandits/wilson-hilferty-argmax"
import { createRng } from "../../src/random/rng"
import { historyOf } from "./history-fixture"

/** Rows (user, arm, reward): user u gets `clicks[u]` clicks in `shows[u]` showings of `arm`. */
function rowsOf(arm: number, clicks: number[], shows: number[]): [number, number, number][] {
  const rows: [number, number, number][] = []
  clicks.forEach((c, u) => {
    for (let i = 0; i < shows[u]; i++) rows.push([u, arm, i < c ? 1 : 0])
  })
  return rows
}

// Every number below is worked out by hand from the method of moments in src/bandits/hierarchical-thompson.ts:
//   μ = (ΣS + 1)/(N + 2), spread = ΣS²/n − 2μΣS + μ²N, denominator = N − Σn²/N,
//   σ² = (spread − μ(1 − μ)(U − 1))/denominator, s = μ(1 − μ)/σ² − 1 clamped to [minStrength, maxStrength].
describe("HierarchicalThompson: the method of moments by hand", () => {
  it("two users (0 of 4, 3 of 4): μ = 0.4, σ² = 0.2225, s = 7/89 (unclamped with minStrength 0.01)", () => {
    const p = new HierarchicalThompson({ arms: 1, users: 2, minStrength: 0.01 })
    p.warmStart(historyOf(2, 1, rowsOf(0, [0, 3], [4, 4])))
    // μ = 4/10; spread = 9/4 − 2·0.4·3 + 0.16·8 = 1.13; denominator = 8 − 32/8 = 4; σ² = (1.13 − 0.24)/4 = 0.2225.
    expect(p.strength(0)).toBeCloseTo(7 / 89, 13)
    expect(p.priorAlpha[0]).toBeCloseTo((0.4 * 7) / 89, 13)
    expect(p.priorBeta[0]).toBeCloseTo((0.6 * 7) / 89, 13)
    // A third user with no showings of the arm does not count (U = 2 still): the same prior.
    const three = new HierarchicalThompson({ arms: 2, users: 3, minStrength: 0.01 })
    three.warmStart(historyOf(3, 2, [...rowsOf(0, [0, 3], [4, 4]), [2, 1, 1]]))
    expect(three.strength(0)).toBeCloseTo(7 / 89, 13)
  })

  it("two users (1 of 4, 3 of 4): s = 3 inside [2, 50], clamped to 2.5 above and 3.5 below", () => {
    // μ = 0.5; spread = 10/4 − 4 + 2 = 0.5; σ² = (0.5 − 0.25)/4 = 1/16; s = 0.25·16 − 1 = 3.
    const history = historyOf(2, 1, rowsOf(0, [1, 3], [4, 4]))
    const free = new HierarchicalThompson({ arms: 1, users: 2 })
    free.warmStart(history)
    expect(free.priorAlpha[0]).toBeCloseTo(1.5, 13)
    expect(free.priorBeta[0]).toBeCloseTo(1.5, 13)
    const capped = new HierarchicalThompson({ arms: 1, users: 2, minStrength: 1, maxStrength: 2.5 })
    capped.warmStart(history)
    expect(capped.strength(0)).toBe(2.5)
    const floored = new HierarchicalThompson({ arms: 1, users: 2, minStrength: 3.5, maxStrength: 10 })
    floored.warmStart(history)
    expect(floored.strength(0)).toBe(3.5)
  })

  it("a negative moment estimate and a single user both give maxStrength; the default bounds are 2 and 50", () => {
    // Equal rates (1 of 4 twice): μ = 0.3, spread = 0.5 − 1.2 + 0.72 = 0.02 < μ(1 − μ) = 0.21: σ² < 0.
    const same = new HierarchicalThompson({ arms: 1, users: 2, maxStrength: 30 })
    same.warmStart(historyOf(2, 1, rowsOf(0, [1, 1], [4, 4])))
    expect(same.priorAlpha[0]).toBeCloseTo(30 * 0.3, 12)
    expect(same.priorBeta[0]).toBeCloseTo(30 * 0.7, 12)
    // One user (2 of 5): U = 1 < 2, μ = 3/7.
    const one = new HierarchicalThompson({ arms: 1, users: 3 })
    one.warmStart(historyOf(3, 1, rowsOf(0, [0, 2], [0, 5])))
    expect(one.priorAlpha[0]).toBeCloseTo((50 * 3) / 7, 12)
    expect(one.priorBeta[0]).toBeCloseTo((50 * 4) / 7, 12)
    // Widely different rates (0 of 2, 2 of 2): s = −1/3, clamped to the default minStrength 2.
    const spread = new HierarchicalThompson({ arms: 1, users: 2 })
    spread.warmStart(historyOf(2, 1, rowsOf(0, [0, 2], [2, 2])))
    expect(spread.priorAlpha[0]).toBeCloseTo(1, 13)
    expect(spread.priorBeta[0]).toBeCloseTo(1, 13)
    expect(spread.config).toEqual({
      arms: 1,
      users: 2,
      strength: null,
      minStrength: 2,
      maxStrength: 50,
      probabilityDraws: 2000,
      seed: 0,
    })
    expect(spread.name).toBe("hierarchical-thompson")
  })

  it("online updates keep the running sums: the two-user case above, reached one click at a time", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 2, minStrength: 0.01 })
    for (const [u, a, r] of rowsOf(0, [0, 3], [4, 4])) p.update(a, r, { user: u })
    expect(p.strength(0)).toBeCloseTo(7 / 89, 13)
    expect(p.priorAlpha[0]).toBeCloseTo((0.4 * 7) / 89, 13)
    expect(Array.from(p.successes)).toEqual([0, 0, 3, 0])
    expect(Array.from(p.failures)).toEqual([4, 0, 1, 0])
    // Arm 1 was never updated: still Beta(25, 25).
    expect([p.priorAlpha[1], p.priorBeta[1]]).toEqual([25, 25])
    // After a reset the same updates give the same numbers.
    p.reset()
    expect([p.priorAlpha[0], p.priorBeta[0]]).toEqual([25, 25])
    for (const [u, a, r] of rowsOf(0, [0, 3], [4, 4])) p.update(a, r, { user: u })
    expect(p.strength(0)).toBeCloseTo(7 / 89, 13)
  })

  it("a warm start adds to earlier updates when it has no more users, and starts afresh when it enlarges the tables", () => {
    const p = new HierarchicalThompson({ arms: 1, users: 2, minStrength: 0.01 })
    for (const [u, a, r] of rowsOf(0, [0, 2], [2, 2])) p.update(a, r, { user: u })
    // Together with the history below: 0 of 4 and 3 of 4, the first case again.
    p.warmStart(historyOf(2, 1, rowsOf(0, [0, 1], [2, 2])))
    expect(p.strength(0)).toBeCloseTo(7 / 89, 13)
    expect(Array.from(p.successes)).toEqual([0, 3])
    const q = new HierarchicalThompson({ arms: 1, users: 1, minStrength: 0.01 })
    q.update(0, 1, { user: 0 })
    q.warmStart(historyOf(2, 1, rowsOf(0, [0, 3], [4, 4])))
    expect(q.successes).toHaveLength(2)
    expect(Array.from(q.successes)).toEqual([0, 3])
    expect(q.strength(0)).toBeCloseTo(7 / 89, 13)
    expect(() => q.update(0, 1, { user: 2 })).toThrow(/user/)
    // Two arms: the enlarged tables hold users × arms cells.
    const r = new HierarchicalThompson({ arms: 2, users: 1 })
    r.warmStart(historyOf(3, 2, [[2, 1, 1]]))
    expect(r.successes).toHaveLength(6)
    expect(r.failures).toHaveLength(6)
    expect(Array.from(r.successes)).toEqual([0, 0, 0, 0, 0, 1])
  })
})

describe("HierarchicalThompson: decisions, propensities and explanations", () => {
  it("select draws with betaArgmax (or wilsonHilfertyArgmax when approximate) on the user's row", () => {
    for (const approximate of [false, true]) {
      const p = new HierarchicalThompson({ arms: 3, users: 2, approximate })
      p.warmStart(historyOf(2, 3, [...rowsOf(0, [1, 4], [5, 6]), ...rowsOf(2, [3, 0], [3, 7])]))
      const mine = createRng(5)
      const theirs = createRng(5)
      const argmax = approximate ? wilsonHilfertyArgmax : betaArgmax
      for (let t = 0; t < 200; t++) {
        const u = t % 2
        const expected = argmax(theirs, p.priorAlpha, p.priorBeta, p.successes, p.failures, 3 * u, 3, null)
        expect(p.select({ user: u }, mine)).toBe(expected)
      }
      expect(mine.nextUint32()).toBe(theirs.nextUint32())
    }
  })

  it("probabilities are the Monte Carlo shares of the seeded sampler on the user's row", () => {
    for (const approximate of [false, true]) {
      const p = new HierarchicalThompson({ arms: 3, users: 2, seed: 7, probabilityDraws: 300, approximate })
      p.warmStart(historyOf(2, 3, [...rowsOf(0, [1, 4], [5, 6]), ...rowsOf(2, [3, 0], [3, 7])]))
      const argmax = approximate ? wilsonHilfertyArgmax : betaArgmax
      const expected = monteCarloProbabilities(3, 300, 7, (rng, out) => {
        argmax(rng, p.priorAlpha, p.priorBeta, p.successes, p.failures, 3, 3, out)
      })
      expect(Array.from(p.probabilities({ user: 1 }))).toEqual(Array.from(expected))
    }
  })

  it("explains an exploitation and an exploration with the posterior means split into the user's and the population's parts", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 1, strength: 4 })
    p.warmStart(historyOf(1, 2, [...rowsOf(0, [3], [4]), ...rowsOf(1, [0], [2])]))
    // Arm 0: μ = 4/6, prior Beta(8/3, 4/3); posterior mean (8/3 + 3)/(4 + 4) = 17/24; weight w = 4/8.
    // Arm 1: μ = 1/4, prior Beta(1, 3); posterior mean 1/6; weight w = 2/6.
    const best = p.explain(0, { user: 0 })
    expect(best.kind).toBe("exploit")
    expect(best.item).toBe(0)
    expect(best.score).toBeCloseTo(17 / 24, 14)
    expect(best.combine).toBe("sum")
    expect(best.contributions?.map((c) => c.label)).toEqual([
      "your own click rate, weighted 0.5",
      "the population's click rate, weighted 0.5",
    ])
    expect(best.contributions?.[0].value).toBeCloseTo(0.375, 14)
    expect(best.contributions?.[1].value).toBeCloseTo(1 / 3, 14)
    expect(best.text).toBe(
      "Arm 0: posterior mean 0.708 from your 4 showings (weight 0.5) and the population prior (weight 0.5), your best mean: exploitation",
    )
    const other = p.explain(1, { user: 0 })
    expect(other.kind).toBe("explore")
    expect(other.score).toBeCloseTo(1 / 6, 14)
    expect(other.contributions?.[0].value).toBe(0)
    expect(other.contributions?.[1].value).toBeCloseTo(1 / 6, 14)
    expect(other.text).toBe(
      "Arm 1: posterior mean 0.167 from your 2 showings (weight 0.333) and the population prior (weight 0.667); arm 0 has your best mean (0.708) and the posterior draw decided: exploration",
    )
    expect(() => p.explain(2, { user: 0 })).toThrow(/arm/)
  })

  it("explains from the row of the context's user, against that user's best arm (here not the first)", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 2, strength: 4 })
    p.warmStart(historyOf(2, 2, [...rowsOf(0, [3, 0], [4, 2]), ...rowsOf(1, [0, 3], [2, 4])]))
    // Both arms: μ = (3 + 1)/(6 + 2) = 1/2, prior Beta(2, 2). User 1: arm 0 (2 + 0)/(4 + 2) = 1/3, arm 1 (2 + 3)/(4 + 4) = 5/8.
    const e = p.explain(0, { user: 1 })
    expect(e.kind).toBe("explore")
    expect(e.score).toBeCloseTo(1 / 3, 14)
    expect(e.text).toBe(
      "Arm 0: posterior mean 0.333 from your 2 showings (weight 0.333) and the population prior (weight 0.667); arm 1 has your best mean (0.625) and the posterior draw decided: exploration",
    )
    expect(p.explain(1, { user: 1 }).kind).toBe("exploit")
    expect(p.explain(0, { user: 0 }).score).toBeCloseTo(5 / 8, 14)
  })

  it("names the first of tied best arms, and an arm never shown has no own part", () => {
    const p = new HierarchicalThompson({ arms: 3, users: 1, strength: 2 })
    p.warmStart(historyOf(1, 3, rowsOf(2, [0], [2])))
    // Arms 0 and 1: no data, mean 1/2; arm 2: μ = 1/4, posterior mean 0.5/4 = 1/8.
    const e = p.explain(2, { user: 0 })
    expect(e.text).toContain("arm 0 has your best mean (0.5)")
    const fresh = p.explain(1, { user: 0 })
    expect(fresh.kind).toBe("exploit")
    expect(fresh.contributions?.[0].value).toBe(0)
    expect(fresh.contributions?.[1].value).toBe(0.5)
    expect(fresh.contributions?.[0].label).toBe("your own click rate, weighted 0")
  })

  it("the registry builds it from the setting; the options' defaults and their one-line checks", () => {
    const setting = { arms: 3, seed: 4, features: () => 2, users: () => 5 }
    const p = policyDescriptor("hierarchical-thompson").create({ maxStrength: 20 }, setting) as HierarchicalThompson
    expect(p).toBeInstanceOf(HierarchicalThompson)
    expect(p.config).toEqual({
      arms: 3,
      users: 5,
      strength: null,
      minStrength: 2,
      maxStrength: 20,
      probabilityDraws: 2000,
      seed: 4,
    })
    expect(p.nArms).toBe(3)
    expect(policyDescriptor("hierarchical-thompson").description).toBe(
      "hierarchical Thompson sampling: per-user Beta posteriors shrunk toward a population prior fitted to all users",
    )
    expect(hierarchicalThompsonOptions.fields.approximate.default).toBe(false)
    expect(new HierarchicalThompson({ arms: 2, name: "mine" }).name).toBe("mine")
    expect(() => new HierarchicalThompson({ arms: 2, minStrength: 5, maxStrength: 3 })).toThrow(
      "HierarchicalThompson: maxStrength must be >= minStrength (5)",
    )
    // Equal bounds are allowed: every strength is then that bound.
    const fixed = new HierarchicalThompson({ arms: 1, users: 2, minStrength: 4, maxStrength: 4 })
    fixed.warmStart(historyOf(2, 1, rowsOf(0, [1, 3], [4, 4])))
    expect(fixed.strength(0)).toBe(4)
    expect(() => new HierarchicalThompson({ arms: 2, users: 0 })).toThrow(/users/)
    expect(() => new HierarchicalThompson({ arms: 2, seed: -1 })).toThrow(/seed/)
    expect(new HierarchicalThompson({ arms: 2, seed: 0 }).config.seed).toBe(0)
    expect(() => new HierarchicalThompson({ arms: 2 }).update(0, 2, { user: 0 })).toThrow(/reward/)
  })
})
