import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { randomInt } from "../../src/random/uniform"
import { fastNormal } from "../../src/random/fast-random"
import {
  Club,
  EnsembleSampling,
  FeedbackReweighting,
  FriendThompson,
  PerUserThompson,
  PerUserUcb,
  SegmentEpsilonGreedy,
} from "../../src/bandits"
import { fitUserArmFactors, solveSymmetric } from "../../src/bandits/user-arm-factors"
import { checkHistory, historyCounts, userOf, usersFor } from "../../src/bandits/user-arm-table"
import {
  bestArm,
  coinExplanation,
  indexExplanation,
  probabilityExplanation,
  sampleExplanation,
} from "../../src/bandits/explain-pick"
import { POLICY_TYPES, policyDescriptor } from "../../src/bandits/registry"
import { socialGraphFromTies } from "../../src/schema/social-graph"
import type { InteractionHistory } from "../../src/schema"
import { historyOf } from "./history-fixture"

const setting = { arms: 3, seed: 4, features: () => 2, users: () => 5 }

describe("user × arm tables", () => {
  it("userOf accepts the integers in [0, nUsers) and names the policy otherwise", () => {
    expect(userOf("p", { user: 0 }, 3)).toBe(0)
    expect(userOf("p", { user: 2 }, 3)).toBe(2)
    const message = (u: string) =>
      `p: context.user must be an integer in [0, 2] (users given by the option \`users\` or the warm-start history), got ${u}`
    expect(() => userOf("p", { user: 3 }, 3)).toThrow(message("3"))
    expect(() => userOf("p", { user: -1 }, 3)).toThrow(message("-1"))
    expect(() => userOf("p", { user: 1.5 }, 3)).toThrow(message("1.5"))
    expect(() => userOf("p", {} as { user: number }, 3)).toThrow(message("undefined"))
    expect(() => userOf("p", undefined, 3)).toThrow(message("undefined"))
  })

  it("checkHistory refuses, in one line, each column, row and value outside what is allowed", () => {
    const good = historyOf(2, 3, [
      [0, 0, 0],
      [1, 2, 1],
    ])
    expect(() => checkHistory("p", good, 3)).not.toThrow()
    expect(() => checkHistory("p", { ...good, propensity: Float64Array.of(1, 1) }, 3)).not.toThrow()
    const bad =
      (patch: Partial<InteractionHistory>, nArms = 3) =>
      () =>
        checkHistory("p", { ...good, ...patch }, nArms)
    expect(bad({}, 4)).toThrow("p: the history has 3 arms, the policy 4")
    expect(bad({ nUsers: 1.5 })).toThrow("p: history.nUsers must be an integer >= 0, got 1.5")
    expect(bad({ nUsers: -1 })).toThrow("p: history.nUsers must be an integer >= 0, got -1")
    expect(bad({ arm: Int32Array.of(0) })).toThrow("p: history.arm has 1 rows, history.user 2")
    expect(bad({ reward: Float64Array.of(0) })).toThrow("p: history.reward has 1 rows, history.user 2")
    expect(bad({ propensity: Float64Array.of(1) })).toThrow("p: history.propensity has 1 rows, history.user 2")
    expect(bad({ user: Int32Array.of(0, 2) })).toThrow("p: history.user[1] = 2 is outside [0, 1]")
    expect(bad({ user: Int32Array.of(-1, 0) })).toThrow("p: history.user[0] = -1 is outside [0, 1]")
    expect(bad({ arm: Int32Array.of(0, 3) })).toThrow("p: history.arm[1] = 3 is outside [0, 2]")
    expect(bad({ arm: Int32Array.of(-1, 0) })).toThrow("p: history.arm[0] = -1 is outside [0, 2]")
    expect(bad({ reward: Float64Array.of(0, 1.5) })).toThrow("p: history.reward[1] = 1.5 must be in [0, 1]")
    expect(bad({ reward: Float64Array.of(-0.5, 1) })).toThrow("p: history.reward[0] = -0.5 must be in [0, 1]")
    expect(bad({ propensity: Float64Array.of(0, 1) })).toThrow("p: history.propensity[0] = 0 must be in (0, 1]")
    expect(bad({ propensity: Float64Array.of(1, 1.2) })).toThrow("p: history.propensity[1] = 1.2 must be in (0, 1]")
  })

  it("historyCounts tallies clicks and showings per user × arm; usersFor takes the larger count", () => {
    const h = historyOf(2, 2, [
      [0, 1, 1],
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 1],
    ])
    const { clicks, shows } = historyCounts(h, 3)
    expect(Array.from(clicks)).toEqual([0, 2, 1, 0, 0, 0])
    expect(Array.from(shows)).toEqual([0, 3, 1, 0, 0, 0])
    expect(usersFor(3, h)).toBe(3)
    expect(usersFor(2, h)).toBe(2)
    expect(usersFor(1, h)).toBe(2)
    expect(usersFor(4, null)).toBe(4)
  })
})

describe("explanations of a pick", () => {
  it("bestArm is the first maximiser", () => {
    expect(bestArm([1, 3, 3])).toBe(1)
    expect(bestArm([5])).toBe(0)
    expect(bestArm([2, 1, 0])).toBe(0)
    expect(bestArm([0, 1, 2])).toBe(2)
  })

  it("indexExplanation: exploit, explore past a better estimate, untried", () => {
    expect(indexExplanation("u", 2, 0.9, [0.5, 0.4, 0.6])).toEqual({
      item: 2,
      score: 0.9,
      kind: "exploit",
      combine: "sum",
      contributions: [
        { label: "estimate", value: 0.6 },
        { label: "exploration bonus", value: expect.closeTo(0.3, 15) },
      ],
      text: "Arm 2: estimate 0.6 + bonus 0.3 = index 0.9; it also has the best estimate: exploitation",
    })
    const explore = indexExplanation("u", 1, 0.95, [0.5, 0.4, 0.6], "mean")
    expect(explore.kind).toBe("explore")
    expect(explore.text).toBe(
      "Arm 1: mean 0.4 + bonus 0.55 = index 0.95; arm 2 has the best mean (0.6) but a smaller bonus: exploration",
    )
    expect(explore.contributions.map((c) => c.label)).toEqual(["mean", "exploration bonus"])
    const untried = indexExplanation("u", 0, Infinity, [0.6, 0.4])
    expect(untried.kind).toBe("explore")
    expect(untried.text).toBe("Arm 0 had not been tried yet, and untried arms go first: exploration")
    expect(() => indexExplanation("u", 3, 1, [0, 0])).toThrow("u: arm must be an integer in [0, 1], got 3")
  })

  it("sampleExplanation and probabilityExplanation word both cases", () => {
    expect(sampleExplanation("t", 0, 0.7, [0.5, 0.4])).toEqual({
      item: 0,
      score: 0.7,
      kind: "exploit",
      combine: "sum",
      contributions: [
        { label: "posterior mean", value: 0.5 },
        { label: "the draw's deviation", value: expect.closeTo(0.2, 15) },
      ],
      text: "Arm 0 drew 0.7 around a posterior mean of 0.5, the best posterior mean: exploitation",
    })
    const explore = sampleExplanation("t", 1, 0.8, [0.5, 0.4], "mean")
    expect(explore.kind).toBe("explore")
    expect(explore.text).toBe("Arm 1 drew 0.8 around a mean of 0.4, while arm 0 has the best mean (0.5): exploration")
    expect(() => sampleExplanation("t", -1, 0, [0])).toThrow("t: arm must be an integer in [0, 0], got -1")
    expect(probabilityExplanation("e", 0, [0.7, 0.3])).toEqual({
      item: 0,
      score: 0.7,
      kind: "exploit",
      combine: "none",
      contributions: [
        { label: "probability of arm 0", value: 0.7 },
        { label: "probability of arm 0, the most probable", value: 0.7 },
      ],
      text: "Arm 0 was drawn with probability 0.7, the highest: exploitation",
    })
    const low = probabilityExplanation("e", 1, [0.7, 0.3])
    expect(low.kind).toBe("explore")
    expect(low.text).toBe("Arm 1 was drawn with probability 0.3 while arm 0 had 0.7: exploration")
    expect(() => probabilityExplanation("e", 2, [0.7, 0.3])).toThrow("e: arm must be an integer in [0, 1], got 2")
  })

  it("coinExplanation: the coin fired (on the best arm or not) or did not", () => {
    expect(coinExplanation("g", 1, false, 0.1, [0.5, 0.6])).toEqual({
      item: 1,
      score: 0.6,
      kind: "exploit",
      combine: "none",
      contributions: [
        { label: "estimate", value: 0.6 },
        { label: "ε", value: 0.1 },
      ],
      text: "Arm 1 has the best estimate (0.6) and the ε-coin (ε = 0.1) did not fire: exploitation",
    })
    const fired = coinExplanation("g", 0, true, 0.25, [0.5, 0.6])
    expect(fired.kind).toBe("explore")
    expect(fired.text).toBe("the ε-coin (ε = 0.25) fired, so arm 0 was drawn uniformly at random: exploration")
    expect(coinExplanation("g", 1, true, 0.25, [0.5, 0.6]).text).toBe(
      "the ε-coin (ε = 0.25) fired, so arm 1 was drawn uniformly at random (it happens to have the best estimate): exploration",
    )
    expect(() => coinExplanation("g", 2, true, 0.25, [0.5, 0.6])).toThrow("g: arm must be an integer in [0, 1], got 2")
  })
})

describe("registry", () => {
  it("finds each type and names the allowed ones for an unknown type", () => {
    for (const type of POLICY_TYPES) expect(policyDescriptor(type).type).toBe(type)
    expect(POLICY_TYPES).toContain("club")
    expect(() => policyDescriptor("nope")).toThrow(`unknown policy type "nope"; allowed: ${POLICY_TYPES.join(", ")}`)
  })
})

describe("PerUserUcb exact indices", () => {
  it("warm start on top of updates, per-user rows, explanation and registry setting", () => {
    const p = new PerUserUcb({ arms: 2, c: 0.5 })
    expect(p.name).toBe("per-user-ucb")
    expect(p.config).toEqual({ arms: 2, users: 1, c: 0.5 })
    p.update(0, 1, { user: 0 })
    // The history has more users: the tables are rebuilt, so the update before it is gone.
    p.warmStart(
      historyOf(3, 2, [
        [0, 0, 0],
        [2, 1, 1],
        [2, 1, 0],
        [2, 1, 1],
        [2, 0, 0],
      ]),
    )
    expect(Array.from(p.counts)).toEqual([1, 0, 0, 0, 1, 3])
    expect(Array.from(p.values)).toEqual([0, 0, 0, 0, 0, 2 / 3])
    expect(Array.from(p.visits)).toEqual([1, 0, 4])
    const idx = p.indices({ user: 2 }, new Float64Array(2))
    expect(idx[0]).toBeCloseTo(0.5 * Math.sqrt(Math.log(4)), 14)
    expect(idx[1]).toBeCloseTo(2 / 3 + 0.5 * Math.sqrt(Math.log(4) / 3), 14)
    expect(Array.from(p.indices({ user: 1 }, new Float64Array(2)))).toEqual([Infinity, Infinity])
    // User 0 has one showing: ln max(1, 1) = 0, no bonus.
    expect(Array.from(p.indices({ user: 0 }, new Float64Array(2)))).toEqual([0, Infinity])
    expect(p.select({ user: 2 }, createRng(1))).toBe(1)
    expect(Array.from(p.probabilities({ user: 2 }))).toEqual([0, 1])
    const e = p.explain(1, { user: 2 })
    expect(e.kind).toBe("exploit")
    expect(e.contributions[0]).toEqual({ label: "your mean", value: 2 / 3 })
    expect(e.score).toBeCloseTo(idx[1], 14)
    p.update(1, 0, { user: 2 })
    expect(p.values[5]).toBeCloseTo(0.5, 15)
    expect(p.visits[2]).toBe(5)
    const q = new PerUserUcb({ arms: 2, users: 3 })
    q.update(1, 1, { user: 0 })
    q.warmStart(historyOf(2, 2, [[0, 1, 0]]))
    expect(Array.from(q.counts)).toEqual([0, 2, 0, 0, 0, 0])
    expect(Array.from(q.values)).toEqual([0, 0.5, 0, 0, 0, 0])
    expect(Array.from(q.visits)).toEqual([2, 0, 0])
    q.reset()
    expect([...q.counts, ...q.values, ...q.visits].every((v) => v === 0)).toBe(true)
    expect(() => q.update(2, 1, { user: 0 })).toThrow("per-user-ucb: arm must be an integer in [0, 1], got 2")
    expect(() => q.update(0, Number.NaN, { user: 0 })).toThrow("per-user-ucb: reward must be finite")
    expect(() => q.update(0, 1, { user: 3 })).toThrow("per-user-ucb: context.user must be an integer in [0, 2]")
    expect(() => new PerUserUcb({ arms: 2, users: 0 })).toThrow("PerUserUcb: users must be an integer >= 1, got 0")
    expect(() => new PerUserUcb({ arms: 0 })).toThrow("PerUserUcb: arms must be")
    expect(() => new PerUserUcb({ arms: 2, c: -1 })).toThrow(/^PerUserUcb: c/)
    expect(new PerUserUcb({ arms: 2, name: "x" }).name).toBe("x")
    expect((policyDescriptor("per-user-ucb").create({ c: 1 }, setting) as PerUserUcb).config).toEqual({
      arms: 3,
      users: 5,
      c: 1,
    })
  })
})

describe("PerUserThompson exact posteriors", () => {
  it("counts from updates and the history, the explained posterior means, the checks", () => {
    const p = new PerUserThompson({ arms: 2, users: 2, priorAlpha: 2, priorBeta: 3, seed: 1 })
    expect(p.name).toBe("per-user-thompson")
    expect(p.config).toEqual({ arms: 2, users: 2, priorAlpha: 2, priorBeta: 3, probabilityDraws: 2000, seed: 1 })
    p.update(1, 1, { user: 1 })
    p.update(1, 0, { user: 1 })
    p.update(0, 0.25, { user: 0 })
    p.warmStart(
      historyOf(2, 2, [
        [1, 1, 1],
        [1, 0, 0],
      ]),
    )
    expect(Array.from(p.successes)).toEqual([0.25, 0, 0, 2])
    expect(Array.from(p.failures)).toEqual([0.75, 0, 1, 1])
    const arm = p.select({ user: 1 }, createRng(3))
    const e = p.explain(arm, { user: 1 })
    // Posterior means of user 1: arm 0 (2 + 0)/(2 + 0 + 3 + 1) = 1/3, arm 1 (2 + 2)/(4 + 3 + 1) = 1/2.
    expect(e.contributions[0].value).toBeCloseTo(arm === 0 ? 1 / 3 : 1 / 2, 15)
    expect(e.kind).toBe(arm === 1 ? "exploit" : "explore")
    expect(e.score).toBeGreaterThan(0)
    expect(e.score).toBeLessThan(1)
    // Propensities read the context's user: user 1 against a fresh twin holding only user 1's counts.
    const twin = new PerUserThompson({ arms: 2, users: 1, priorAlpha: 2, priorBeta: 3, seed: 1 })
    twin.successes.set([0, 2])
    twin.failures.set([1, 1])
    expect(Array.from(p.probabilities({ user: 1 }))).toEqual(Array.from(twin.probabilities({ user: 0 })))
    const big = new PerUserThompson({ arms: 2 })
    big.update(0, 1, { user: 0 })
    big.warmStart(historyOf(3, 2, [[2, 1, 1]]))
    expect(Array.from(big.successes)).toEqual([0, 0, 0, 0, 0, 1])
    expect(Array.from(big.failures)).toEqual([0, 0, 0, 0, 0, 0])
    big.reset()
    expect(Array.from(big.successes)).toEqual([0, 0, 0, 0, 0, 0])
    expect(() => p.update(0, 2, { user: 0 })).toThrow("per-user-thompson: reward must be in [0, 1], got 2")
    expect(() => p.update(2, 1, { user: 0 })).toThrow("per-user-thompson: arm must be an integer in [0, 1], got 2")
    expect(() => p.select({ user: 2 }, createRng(1))).toThrow(
      "per-user-thompson: context.user must be an integer in [0, 1]",
    )
    expect(() => new PerUserThompson({ arms: 2, seed: 0.5 })).toThrow("PerUserThompson: seed must be an integer >= 0")
    expect(() => new PerUserThompson({ arms: 2, users: 0 })).toThrow("PerUserThompson: users must be an integer >= 1")
    expect(() => new PerUserThompson({ arms: 2, priorAlpha: 0 })).toThrow(/^PerUserThompson: priorAlpha/)
    expect((policyDescriptor("per-user-thompson").create({}, setting) as PerUserThompson).config).toMatchObject({
      arms: 3,
      users: 5,
      seed: 4,
    })
  })
})

/** Connected components of the edges kept with probability p, labelled in order of their smallest member. */
function components(n: number, p: number, seed: number): number[] {
  const rng = createRng(seed, 0)
  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i]))
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (p < 1 && rng.next() >= p) continue
      const a = find(i)
      const b = find(j)
      parent[Math.max(a, b)] = Math.min(a, b)
    }
  const ids = new Map<number, number>()
  return Array.from({ length: n }, (_, i) => {
    const root = find(i)
    if (!ids.has(root)) ids.set(root, ids.size)
    return ids.get(root) as number
  })
}

/** The deletion test's width sqrt((1 + ln(1 + n))/(1 + n)). */
const width = (n: number) => Math.sqrt((1 + Math.log(1 + n)) / (1 + n))

describe("Club exact graph, deletion test and pooled bounds", () => {
  it("the initial graph is Erdős–Rényi(p) from the seed; clusters are its components", () => {
    for (const [n, p, seed] of [
      [12, 0.15, 5],
      [15, 0.1, 2],
    ]) {
      const club = new Club({ arms: 2, users: n, edgeProbability: p, seed })
      expect(Array.from(club.cluster)).toEqual(components(n, p, seed))
      expect(new Set(club.cluster).size).toBeGreaterThan(2)
    }
    // Default p = min(1, 3 ln n / n): 0.54 for n = 10.
    const byDefault = new Club({ arms: 2, users: 10, seed: 6 })
    expect(byDefault.config).toEqual({ arms: 2, users: 10, alpha: 0.2, alpha2: 1, edgeProbability: null, seed: 6 })
    expect(Array.from(byDefault.cluster)).toEqual(components(10, (3 * Math.log(10)) / 10, 6))
    expect(new Club({ arms: 2 }).name).toBe("club-0.2")
    expect(Array.from(new Club({ arms: 2 }).cluster)).toEqual([0])
  })

  it("an edge goes exactly when |w_i − w_l| > α₂(c(n_i) + c(n_l)) on some arm (warm start)", () => {
    // User 0: arm 1 clicked 3 of 3 (w = 3/4); user 1 saw nothing; gap 0.75 against α₂(c(3) + c(0)).
    const rows: [number, number, number][] = [
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 1],
    ]
    const threshold = 0.75 / (width(3) + width(0))
    for (const [alpha2, apart] of [
      [threshold * 0.999, true],
      [threshold * 1.001, false],
    ] as const) {
      const club = new Club({ arms: 2, users: 2, alpha2, edgeProbability: 1 })
      club.warmStart(historyOf(2, 2, rows))
      expect(Array.from(club.cluster)).toEqual(apart ? [0, 1] : [0, 0])
      expect(Array.from(club.clusterClicks)).toEqual(apart ? [0, 3, 0, 0] : [0, 3, 0, 0])
      expect(Array.from(club.clusterShows)).toEqual(apart ? [0, 3, 0, 0] : [0, 3, 0, 0])
      // User 1's bound on arm 1: its cluster's pooled 3 of 3 (together) or nothing (apart), t = 0: no bonus.
      expect(club.indices({ user: 1 }, new Float64Array(2))[1]).toBe(apart ? 0 : 0.75)
    }
  })

  it("online: the updated user splits off, keeps its id, the rest get the lowest free id; bounds and explanation", () => {
    // Three users on a complete graph; user 0 clicks arm 0 until the test cuts both of its edges.
    const alpha2 = 0.3
    const club = new Club({ arms: 2, users: 3, alpha: 0.5, alpha2, edgeProbability: 1 })
    club.update(1, 0, { user: 1 })
    club.update(1, 1, { user: 2 })
    expect(Array.from(club.cluster)).toEqual([0, 0, 0])
    let n = 0
    for (; n < 10 && club.cluster[0] === club.cluster[1]; n++) club.update(0, 1, { user: 0 })
    // The first n at which n/(1 + n) > α₂(c(n) + c(0)).
    let expected = 1
    while (!(expected / (1 + expected) > alpha2 * (width(expected) + width(0)))) expected++
    expect(n).toBe(expected)
    expect(Array.from(club.cluster)).toEqual([0, 1, 1])
    expect(Array.from(club.clusterClicks)).toEqual([n, 0, 0, 1, 0, 0])
    expect(Array.from(club.clusterShows)).toEqual([n, 0, 0, 2, 0, 0])
    const steps = n + 2
    const idx = club.indices({ user: 2 }, new Float64Array(2))
    expect(idx[0]).toBeCloseTo(0.5 * Math.sqrt(Math.log(steps + 1)), 14)
    expect(idx[1]).toBeCloseTo(1 / 3 + 0.5 * Math.sqrt(Math.log(steps + 1) / 3), 14)
    expect(Array.from(club.probabilities({ user: 2 }))).toEqual(idx[0] > idx[1] ? [1, 0] : [0, 1])
    const e = club.explain(1, { user: 2 })
    expect(e.contributions[0]).toEqual({ label: "your cluster's mean", value: 1 / 3 })
    expect(e.score).toBeCloseTo(idx[1], 14)
    expect(club.select({ user: 0 }, createRng(1))).toBe(0)
    club.reset()
    expect(Array.from(club.cluster)).toEqual([0, 0, 0])
    expect(Array.from(club.clusterShows.subarray(0, 2))).toEqual([0, 0])
    expect(Array.from(club.indices({ user: 0 }, new Float64Array(2)))).toEqual([0, 0])
  })

  it("a warm start with more users enlarges the tables; checks name the policy", () => {
    const club = new Club({ arms: 2, users: 1, edgeProbability: 1 })
    club.warmStart(historyOf(3, 2, [[2, 0, 1]]))
    expect(Array.from(club.shows)).toEqual([0, 0, 0, 0, 1, 0])
    expect(Array.from(club.cluster)).toEqual([0, 0, 0])
    expect(() => club.update(0, 1, { user: 3 })).toThrow("club-0.2: context.user must be an integer in [0, 2]")
    expect(() => club.update(2, 1, { user: 0 })).toThrow("club-0.2: arm must be an integer in [0, 1], got 2")
    expect(() => club.update(0, Number.NaN, { user: 0 })).toThrow("club-0.2: reward must be finite")
    expect(() => new Club({ arms: 2, seed: -1 })).toThrow("Club: seed must be an integer >= 0")
    expect(() => new Club({ arms: 2, users: 0 })).toThrow("Club: users must be an integer >= 1")
    expect(() => new Club({ arms: 2, edgeProbability: 2 })).toThrow(/^Club: edgeProbability/)
    expect((policyDescriptor("club").create({ alpha: 0.1, alpha2: 1 }, setting) as Club).config).toEqual({
      arms: 3,
      users: 5,
      alpha: 0.1,
      alpha2: 1,
      edgeProbability: null,
      seed: 4,
    })
  })
})

describe("EnsembleSampling exact steps", () => {
  const options = { arms: 3, users: 2, models: 4, factors: 2, seed: 7 }

  /** r̂ᵐ_ua = bᵐ_a + pᵐ_uᵀqᵐ_a from the public parameters. */
  function predict(p: EnsembleSampling, users: number, m: number, u: number): number[] {
    const f = p.config.factors
    return [0, 1, 2].map((a) => {
      let s = p.bias[m * 3 + a]
      for (let i = 0; i < f; i++) s += p.userFactors[(m * users + u) * f + i] * p.armFactors[(m * 3 + a) * f + i]
      return s
    })
  }

  it("priors are σ₀·z from the seeded generator (users, then arms, then biases); reset draws them again", () => {
    const p = new EnsembleSampling({ ...options, priorSd: 0.5 })
    expect(p.name).toBe("ensemble-sampling-4")
    const rng = createRng(7, 0)
    const users = Array.from({ length: 16 }, () => 0.5 * fastNormal(rng))
    const arms = Array.from({ length: 24 }, () => 0.5 * fastNormal(rng))
    const bias = Array.from({ length: 12 }, () => 0.5 * fastNormal(rng))
    expect(Array.from(p.userFactors)).toEqual(users)
    expect(Array.from(p.armFactors)).toEqual(arms)
    expect(Array.from(p.bias)).toEqual(bias)
    p.update(1, 1, { user: 1 })
    expect(Array.from(p.bias)).not.toEqual(bias)
    p.reset()
    expect(Array.from(p.userFactors)).toEqual(users)
    expect(Array.from(p.bias)).toEqual(bias)
    // After reset the noise generator restarts too: the same update gives the same numbers.
    const q = new EnsembleSampling({ ...options, priorSd: 0.5 })
    p.update(2, 0.5, { user: 0 })
    q.update(2, 0.5, { user: 0 })
    expect(Array.from(p.armFactors)).toEqual(Array.from(q.armFactors))
  })

  it("select plays the greedy arm of a uniformly drawn model; explain against the ensemble mean; exact propensities", () => {
    const p = new EnsembleSampling(options)
    for (const seed of [1, 2, 3, 4, 5]) {
      const m = randomInt(createRng(seed), 4)
      const scores = predict(p, 2, m, 1)
      const best = scores.indexOf(Math.max(...scores))
      expect(p.select({ user: 1 }, createRng(seed))).toBe(best)
      const e = p.explain(best, { user: 1 })
      expect(e.score).toBeCloseTo(scores[best], 15)
      const mean = [0, 1, 2, 3].reduce((s, k) => s + predict(p, 2, k, 1)[best] / 4, 0)
      expect(e.contributions[0]).toEqual({ label: "ensemble mean", value: expect.closeTo(mean, 15) })
    }
    const expected = [0, 0, 0]
    for (let m = 0; m < 4; m++) {
      const scores = predict(p, 2, m, 0)
      expected[scores.indexOf(Math.max(...scores))] += 0.25
    }
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual(expected)
  })

  it("one update steps every model on its own perturbed reward r + σ_w z", () => {
    const p = new EnsembleSampling({ ...options, noiseSd: 0.3, learningRate: 0.1, regularization: 0.2 })
    const before = new EnsembleSampling({ ...options })
    const noise = createRng(7, 0)
    for (let i = 0; i < 16 + 24 + 12; i++) fastNormal(noise)
    p.update(2, 1, { user: 1 })
    for (let m = 0; m < 4; m++) {
      const e = 1 + 0.3 * fastNormal(noise) - predict(before, 2, m, 1)[2]
      const b0 = before.bias[m * 3 + 2]
      // The prior sample of every parameter is its starting value: the pull λ(θ − θ̃) starts at 0.
      expect(p.bias[m * 3 + 2]).toBeCloseTo(b0 + 0.1 * e, 14)
      for (let i = 0; i < 2; i++) {
        const pu = before.userFactors[(m * 2 + 1) * 2 + i]
        const qa = before.armFactors[(m * 3 + 2) * 2 + i]
        expect(p.userFactors[(m * 2 + 1) * 2 + i]).toBeCloseTo(pu + 0.1 * e * qa, 14)
        expect(p.armFactors[(m * 3 + 2) * 2 + i]).toBeCloseTo(qa + 0.1 * e * pu, 14)
      }
    }
    // A second step pulls toward the prior samples: λ(θ − θ̃) ≠ 0 now.
    const twice = new EnsembleSampling({ ...options, noiseSd: 0, learningRate: 0.1, regularization: 0.2 })
    const prior = Array.from(twice.bias)
    twice.update(0, 1, { user: 0 })
    const afterOne = Array.from(twice.bias)
    const p0 = predict(twice, 2, 0, 0)[0]
    twice.update(0, 1, { user: 0 })
    expect(twice.bias[0]).toBeCloseTo(afterOne[0] + 0.1 * (1 - p0 - 0.2 * (afterOne[0] - prior[0])), 14)
  })

  it("warm start: `epochs` passes in an order shuffled by Fisher–Yates from the given generator", () => {
    const rows: [number, number, number][] = [
      [0, 0, 1],
      [1, 2, 0],
      [1, 1, 1],
    ]
    const p = new EnsembleSampling({ ...options, epochs: 2 })
    p.warmStart(historyOf(2, 3, rows), createRng(11))
    const twin = new EnsembleSampling({ ...options })
    const rng = createRng(11)
    const order = [0, 1, 2]
    for (let e = 0; e < 2; e++) {
      for (let i = 2; i > 0; i--) {
        const j = randomInt(rng, i + 1)
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      for (const r of order) twin.update(rows[r][1], rows[r][2], { user: rows[r][0] })
    }
    expect(Array.from(p.userFactors)).toEqual(Array.from(twin.userFactors))
    expect(Array.from(p.armFactors)).toEqual(Array.from(twin.armFactors))
    expect(Array.from(p.bias)).toEqual(Array.from(twin.bias))
    // A history with more users: the tables grow and the priors are those of a policy built that size.
    const grown = new EnsembleSampling({ ...options, epochs: 0 })
    grown.warmStart(historyOf(5, 3, [[4, 0, 1]]), createRng(1))
    expect(Array.from(grown.userFactors)).toEqual(
      Array.from(new EnsembleSampling({ ...options, users: 5 }).userFactors),
    )
    expect(() => grown.update(3, 1, { user: 0 })).toThrow(
      "ensemble-sampling-4: arm must be an integer in [0, 2], got 3",
    )
    expect(() => grown.update(0, Number.NaN, { user: 0 })).toThrow("ensemble-sampling-4: reward must be finite")
    expect(() => grown.select({ user: 5 }, createRng(1))).toThrow("ensemble-sampling-4: context.user must be")
    expect(() => new EnsembleSampling({ arms: 2, seed: -1 })).toThrow("EnsembleSampling: seed must be an integer >= 0")
    expect(() => new EnsembleSampling({ arms: 2, users: 0 })).toThrow("EnsembleSampling: users must be")
    expect(() => new EnsembleSampling({ arms: 2, models: 0 })).toThrow(/^EnsembleSampling: models/)
    expect((policyDescriptor("ensemble-sampling").create({}, setting) as EnsembleSampling).config).toMatchObject({
      arms: 3,
      users: 5,
      seed: 4,
    })
  })
})

describe("FriendThompson exact priors", () => {
  // The path 0–1–2 and user 3 alone.
  const graph = socialGraphFromTies(4, Int32Array.of(0, 1), Int32Array.of(1, 2))

  it("online clicks reach the clicker's friends and the population; posterior means in the explanation", () => {
    const p = new FriendThompson({ arms: 2, users: 1, strength: 4, shrinkage: 2, seed: 3 })
    expect(p.name).toBe("friend-thompson")
    p.warmStart({ ...historyOf(4, 2, [[0, 0, 1]]), friends: graph })
    expect(p.graph).toBe(graph)
    expect(Array.from(p.friendClicks)).toEqual([0, 0, 1, 0, 0, 0, 0, 0])
    p.update(1, 1, { user: 1 })
    p.update(1, 0, { user: 1 })
    expect(Array.from(p.friendClicks)).toEqual([0, 1, 1, 0, 0, 1, 0, 0])
    expect(Array.from(p.friendShows)).toEqual([0, 2, 1, 0, 0, 2, 0, 0])
    expect(Array.from(p.populationClicks)).toEqual([1, 1])
    expect(Array.from(p.populationShows)).toEqual([1, 2])
    expect(Array.from(p.successes)).toEqual([1, 0, 0, 1, 0, 0, 0, 0])
    expect(Array.from(p.failures)).toEqual([0, 0, 0, 1, 0, 0, 0, 0])
    // User 0: μ = (2/3, 2/4); arm 0 FN = 0 → m = μ₀ = 2/3; arm 1 FS = 1, FN = 2 → m = (1 + 2·0.5)/(2 + 2) = 0.5.
    const m0 = p.priorMean(0)
    expect(m0[0]).toBeCloseTo(2 / 3, 15)
    expect(m0[1]).toBeCloseTo(0.5, 15)
    const arm = p.select({ user: 0 }, createRng(2))
    const e = p.explain(arm, { user: 0 })
    // Posterior means: arm 0 (4·2/3 + 1)/(4 + 1), arm 1 (4·0.5 + 0)/(4 + 0).
    expect(e.contributions[0].value).toBeCloseTo(arm === 0 ? (8 / 3 + 1) / 5 : 0.5, 14)
    expect(e.kind).toBe(arm === 0 ? "exploit" : "explore")
    expect(() => p.explain(2, { user: 0 })).toThrow("friend-thompson: arm must be an integer in [0, 1], got 2")
    p.reset()
    expect(p.graph).toBe(null)
    expect(Array.from(p.populationShows)).toEqual([0, 0])
    expect(Array.from(p.friendShows).every((v) => v === 0)).toBe(true)
    expect(Array.from(p.priorMean(1))).toEqual([0.5, 0.5])
  })

  it("shrinkage 0 with no friends' data falls back to the population's rate; users outside the graph", () => {
    const p = new FriendThompson({ arms: 2, users: 5, shrinkage: 0 })
    p.warmStart({ ...historyOf(4, 2, [[0, 1, 1]]), friends: graph })
    // User 1's friend 0 clicked arm 1 once: m = 1/1; arm 0: no friends' data → μ₀ = 1/2.
    expect(Array.from(p.priorMean(1))).toEqual([0.5, 1])
    // User 4 is beyond the graph: an update reaches only the population.
    p.update(0, 1, { user: 4 })
    expect(Array.from(p.populationClicks)).toEqual([1, 1])
    expect(Array.from(p.friendShows).reduce((s, v) => s + v, 0)).toBe(1)
    const twin = new FriendThompson({ arms: 2, users: 5, shrinkage: 0 })
    twin.warmStart({ ...historyOf(4, 2, [[0, 1, 1]]), friends: graph })
    twin.update(0, 1, { user: 4 })
    expect(Array.from(p.probabilities({ user: 1 }))).toEqual(Array.from(twin.probabilities({ user: 1 })))
    expect(() => p.update(0, 1.5, { user: 0 })).toThrow("friend-thompson: reward must be in [0, 1], got 1.5")
    expect(() => p.update(2, 1, { user: 0 })).toThrow("friend-thompson: arm must be an integer in [0, 1], got 2")
    expect(() => p.select({ user: 5 }, createRng(1))).toThrow("friend-thompson: context.user must be")
    expect(() => new FriendThompson({ arms: 2, seed: -1 })).toThrow("FriendThompson: seed must be an integer >= 0")
    expect(() => new FriendThompson({ arms: 2, users: 0 })).toThrow("FriendThompson: users must be")
    expect(() => new FriendThompson({ arms: 2, strength: 0 })).toThrow(/^FriendThompson: strength/)
    expect(() =>
      new FriendThompson({ arms: 2, users: 5 }).warmStart({ ...historyOf(5, 2, []), friends: graph }),
    ).toThrow("friend-thompson: the friend graph has 4 users, the history 5")
    expect((policyDescriptor("friend-thompson").create({}, setting) as FriendThompson).config).toMatchObject({
      arms: 3,
      users: 5,
      seed: 4,
    })
  })
})

describe("FeedbackReweighting exact weights", () => {
  it("decay, skips, per-user rows, the draw and the explanation", () => {
    const p = new FeedbackReweighting({ arms: 3, users: 2, learningRate: 2, decay: 0.25, skipFeedback: -0.5 })
    expect(p.name).toBe("feedback-reweighting")
    expect(p.config).toEqual({ arms: 3, users: 2, learningRate: 2, decay: 0.25, exploration: 0.05, skipFeedback: -0.5 })
    p.update(0, 1, { user: 1 })
    p.update(1, 0, { user: 1 })
    // w = (2, 0, 0) → ×0.75 → (1.5, 0, 0) − 2·0.5 on arm 1.
    expect(Array.from(p.logWeights)).toEqual([0, 0, 0, 1.5, -1, 0])
    const z = Math.exp(1.5) + Math.exp(-1) + 1
    const expected = [Math.exp(1.5) / z, Math.exp(-1) / z, 1 / z].map((v) => 0.95 * v + 0.05 / 3)
    const probs = p.probabilities({ user: 1 })
    expected.forEach((v, a) => expect(probs[a]).toBeCloseTo(v, 14))
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual([1 / 3, 1 / 3, 1 / 3])
    expect(Array.from(p.probabilities(undefined))).toEqual([1 / 3, 1 / 3, 1 / 3])
    // sampleIndex: the first arm whose cumulative probability passes u.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const u = createRng(seed).next()
      const arm = u < expected[0] ? 0 : u < expected[0] + expected[1] ? 1 : 2
      expect(p.select({ user: 1 }, createRng(seed))).toBe(arm)
    }
    const e = p.explain(2, { user: 1 })
    expect(e.kind).toBe("explore")
    expect(e.score).toBeCloseTo(expected[2], 14)
    expect(p.explain(0, { user: 1 }).kind).toBe("exploit")
    // Large weights: the softmax is taken relative to the maximum (no overflow).
    for (let t = 0; t < 400; t++) p.update(2, 1000, { user: 0 })
    expect(p.probabilities({ user: 0 })[2]).toBeCloseTo(0.95 + 0.05 / 3, 14)
    expect(() => p.update(0, 1, { user: 2 })).toThrow(
      "feedback-reweighting: context.user must be an integer in [0, 1], got 2",
    )
    expect(() => p.update(0, 1, { user: 0.5 })).toThrow("context.user must be an integer in [0, 1], got 0.5")
    expect(() => p.update(3, 1, { user: 0 })).toThrow("feedback-reweighting: arm must be an integer in [0, 2], got 3")
    expect(() => p.update(0, Number.NaN, { user: 0 })).toThrow("feedback-reweighting: reward must be finite")
    p.reset()
    expect(Array.from(p.logWeights).every((v) => v === 0)).toBe(true)
  })

  it("one shared profile ignores the user; the registry keeps a profile per user only with perUser", () => {
    const shared = new FeedbackReweighting({ arms: 2, decay: 0 })
    shared.update(1, -1, { user: 7 })
    expect(Array.from(shared.logWeights)).toEqual([0, -0.5])
    expect(() => new FeedbackReweighting({ arms: 2, users: 0 })).toThrow("FeedbackReweighting: users must be")
    expect(() => new FeedbackReweighting({ arms: 2, decay: 1 })).toThrow(/^FeedbackReweighting: decay/)
    const d = policyDescriptor("feedback-reweighting")
    expect((d.create({ perUser: true }, setting) as FeedbackReweighting).config.users).toBe(5)
    expect((d.create({ perUser: false }, setting) as FeedbackReweighting).config.users).toBe(1)
  })
})

describe("fitUserArmFactors and solveSymmetric", () => {
  it("solves a 3 × 3 positive-definite system exactly", () => {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, −1, 2): b = A x = (2, −1, 5).
    expect(
      Array.from(solveSymmetric(Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3), Float64Array.of(2, -1, 5), 3)),
    ).toEqual([expect.closeTo(1, 14), expect.closeTo(-1, 14), expect.closeTo(2, 14)])
  })

  it("each sweep solves the normal equations; the loss is the weighted squared error plus λ‖·‖²", () => {
    const nUsers = 3
    const nArms = 2
    const shows = Float64Array.of(2, 1, 0, 3, 4, 0)
    const clicks = Float64Array.of(1, 1, 0, 2, 1, 0)
    const lambda = 0.3
    const fit = fitUserArmFactors(clicks, shows, nUsers, nArms, 2, lambda, 1, createRng(8))
    // The starting Q: N(0.5, 0.1²) after the users' starting values.
    const rng = createRng(8)
    for (let i = 0; i < nUsers * 2; i++) fastNormal(rng)
    const Q0 = Array.from({ length: nArms * 2 }, () => 0.5 + 0.1 * fastNormal(rng))
    const residual = (rows: ArrayLike<number>, r: number, other: ArrayLike<number>, cells: [number, number][]) => {
      // (Σ n q qᵀ + λI) p − Σ S q for row r.
      const out = [0, 1].map((i) => lambda * rows[r * 2 + i])
      for (const [o, c] of cells)
        for (let i = 0; i < 2; i++) {
          let dot = 0
          for (let j = 0; j < 2; j++) dot += other[o * 2 + j] * rows[r * 2 + j]
          out[i] += shows[c] * other[o * 2 + i] * dot - clicks[c] * other[o * 2 + i]
        }
      return out
    }
    for (const [u, cells] of [
      [0, [0, 1]],
      [1, [1]],
      [2, [0]],
    ] as const) {
      const pairs = cells.map((a) => [a, u * nArms + a] as [number, number])
      for (const v of residual(fit.users, u, Q0, pairs)) expect(v).toBeCloseTo(0, 12)
    }
    // User 1's row has one observed cell, arm 1.
    for (const [a, us] of [
      [0, [0, 2]],
      [1, [0, 1]],
    ] as const) {
      const pairs = us.map((u) => [u, u * nArms + a] as [number, number])
      for (const v of residual(fit.arms, a, fit.users, pairs)) expect(v).toBeCloseTo(0, 12)
    }
    let loss = 0
    for (let u = 0; u < nUsers; u++)
      for (let a = 0; a < nArms; a++) {
        const n = shows[u * nArms + a]
        if (n === 0) continue
        const dot = fit.users[u * 2] * fit.arms[a * 2] + fit.users[u * 2 + 1] * fit.arms[a * 2 + 1]
        loss += n * (clicks[u * nArms + a] / n - dot) ** 2
      }
    for (const v of [...fit.users, ...fit.arms]) loss += lambda * v * v
    expect(fit.loss).toHaveLength(1)
    expect(fit.loss[0]).toBeCloseTo(loss, 12)
    expect(fit.factors).toBe(2)
  })
})

describe("Club edge cases found by mutation testing", () => {
  /** `shows` showings of each arm per user, clicked when `likes(u, a)`. */
  function rowsOf(nUsers: number, nArms: number, shows: number, likes: (u: number, a: number) => boolean) {
    const rows: [number, number, number][] = []
    for (let u = 0; u < nUsers; u++)
      for (let a = 0; a < nArms; a++) for (let i = 0; i < shows; i++) rows.push([u, a, likes(u, a) ? 1 : 0])
    return rows
  }

  it("the default edge probability 3 ln n / n decides which users the data-less user 0 stays linked to", () => {
    // Users 1..19 each click only their own arm (40 showings of every arm): all their mutual edges go.
    // User 0 has no data (width c(0) = 1), so its edges stay: its cluster is itself and its initial neighbours.
    const n = 20
    const rows = rowsOf(n, n, 40, (u, a) => u === a).filter((r) => r[0] > 0 && r[1] > 0)
    const club = new Club({ arms: n, users: n, seed: 8 })
    club.warmStart(historyOf(n, n, rows))
    const p = (3 * Math.log(n)) / n
    const rng = createRng(8, 0)
    const linked = Array.from({ length: n - 1 }, () => rng.next() < p)
    const expected: number[] = [0]
    let next = 1
    for (let j = 1; j < n; j++) expected.push(linked[j - 1] ? 0 : next++)
    expect(Array.from(club.cluster)).toEqual(expected)
    expect(linked.filter(Boolean).length).toBeGreaterThan(3)
    expect(linked.filter((l) => !l).length).toBeGreaterThan(3)
  })

  it("each user's test reads only its own edges and arms; equal high rates keep an edge", () => {
    // Users 0 and 2 click arm 0, user 1 arm 1: only the edge 0–2 stays.
    const a = new Club({ arms: 2, users: 3, edgeProbability: 1 })
    a.warmStart(
      historyOf(
        3,
        2,
        rowsOf(3, 2, 30, (u, arm) => (u === 1 ? arm === 1 : arm === 0)),
      ),
    )
    expect(Array.from(a.cluster)).toEqual([0, 1, 0])
    // Users 0 and 1 click arm 0 (rate 30/31 both), user 2 clicks nothing.
    const b = new Club({ arms: 2, users: 3, edgeProbability: 1 })
    b.warmStart(
      historyOf(
        3,
        2,
        rowsOf(3, 2, 30, (u, arm) => u < 2 && arm === 0),
      ),
    )
    expect(Array.from(b.cluster)).toEqual([0, 0, 1])
    expect(Array.from(b.clusterClicks.subarray(0, 4))).toEqual([60, 0, 0, 0])
    // α₂ = 0: identical users stay linked (the test is a strict >).
    const c = new Club({ arms: 2, users: 2, alpha2: 0, edgeProbability: 1 })
    c.warmStart(
      historyOf(
        2,
        2,
        rowsOf(2, 2, 3, () => true),
      ),
    )
    expect(Array.from(c.cluster)).toEqual([0, 0])
  })

  it("online updates pool into the user's cluster before any split; a warm start of as many users keeps them", () => {
    const club = new Club({ arms: 3, users: 3, alpha: 0.5, alpha2: 10, edgeProbability: 1 })
    club.update(2, 1, { user: 1 })
    club.update(1, 0, { user: 2 })
    club.update(2, 0.5, { user: 2 })
    expect(Array.from(club.clicks)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0.5])
    expect(Array.from(club.shows)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 1])
    expect(Array.from(club.clusterClicks.subarray(0, 3))).toEqual([0, 0, 1.5])
    expect(Array.from(club.clusterShows.subarray(0, 3))).toEqual([0, 1, 2])
    const idx = club.indices({ user: 0 }, new Float64Array(3))
    const logT = Math.log(4)
    expect(idx[1]).toBeCloseTo(0.5 * Math.sqrt(logT / 2), 14)
    expect(idx[2]).toBeCloseTo(1.5 / 3 + 0.5 * Math.sqrt(logT / 3), 14)
    club.warmStart(historyOf(3, 3, [[0, 0, 1]]))
    expect(Array.from(club.clicks)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0.5])
    expect(Array.from(club.clusterShows.subarray(0, 3))).toEqual([1, 1, 2])
  })

  it("after a reset the same updates split the graph into the same clusters with the same pooled counts", () => {
    const club = new Club({ arms: 2, users: 3, alpha2: 0.3, edgeProbability: 1 })
    const play = () => {
      club.update(1, 0, { user: 1 })
      club.update(1, 1, { user: 2 })
      for (let t = 0; t < 6; t++) club.update(0, 1, { user: 0 })
      return [Array.from(club.cluster), Array.from(club.clusterClicks), Array.from(club.clusterShows)]
    }
    const first = play()
    expect(first[0]).toEqual([0, 1, 1])
    club.reset()
    expect(play()).toEqual(first)
    // User 1 keeps missing arm 1 that user 2 clicked: cluster 1 splits again, its pooled counts rebuilt.
    let n = 0
    for (; n < 100 && club.cluster[1] === club.cluster[2]; n++) club.update(1, 0, { user: 1 })
    expect(n).toBeLessThan(100)
    expect(Array.from(club.cluster)).toEqual([0, 1, 2])
    expect(Array.from(club.clusterShows)).toEqual([6, 0, 0, n + 1, 0, 1])
    expect(Array.from(club.clusterClicks)).toEqual([6, 0, 0, 0, 0, 1])
  })
})

describe("PerUserThompson propensities read the user's posterior", () => {
  it("a user with a clear winner gets nearly all the mass on it, a fresh user about half", () => {
    const p = new PerUserThompson({ arms: 2, users: 2, probabilityDraws: 400 })
    for (let t = 0; t < 30; t++) p.update(1, 1, { user: 1 })
    for (let t = 0; t < 30; t++) p.update(0, 0, { user: 1 })
    expect(p.probabilities({ user: 1 })[1]).toBe(1)
    expect(Math.abs(p.probabilities({ user: 0 })[0] - 0.5)).toBeLessThan(0.1)
  })
})

describe("feedback re-weighting, slates and history checks: cases found by mutation testing", () => {
  it("softmax against the row's own maximum, per-user decay, a negative user refused", () => {
    const p = new FeedbackReweighting({ arms: 2, users: 2, learningRate: 1, decay: 0.5, exploration: 0 })
    // User 1's arm 0 weight is huge; user 0's arm 0 is large: neither row may overflow or read the other.
    p.update(0, 1e6, { user: 1 })
    p.update(0, 1000, { user: 0 })
    expect(p.logWeights[2]).toBe(1e6)
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual([1, 0])
    expect(Array.from(p.probabilities({ user: 1 }))).toEqual([1, 0])
    expect(() => p.update(0, 1, { user: -1 })).toThrow(
      "feedback-reweighting: context.user must be an integer in [0, 1], got -1",
    )
    expect(() => policyDescriptor("feedback-reweighting").create({ perUser: "yes" }, setting)).toThrow(
      /^FeedbackReweighting: perUser/,
    )
  })

  it("checkHistory accepts an empty history of no users", () => {
    expect(() => checkHistory("p", historyOf(0, 2, []), 2)).not.toThrow()
  })
})

describe("FriendThompson cases found by mutation testing", () => {
  const graph = socialGraphFromTies(3, Int32Array.of(0, 1), Int32Array.of(1, 2))

  it("warm-start failures and population counts; user rows beyond 0; no graph at all", () => {
    const p = new FriendThompson({ arms: 2, users: 3, strength: 2, shrinkage: 1, probabilityDraws: 200 })
    p.update(1, 1, { user: 2 })
    p.warmStart({
      ...historyOf(3, 2, [
        [1, 0, 0],
        [1, 1, 1],
        [2, 1, 0],
        [2, 0, 1],
      ]),
      friends: graph,
    })
    expect(Array.from(p.successes)).toEqual([0, 0, 0, 1, 1, 1])
    expect(Array.from(p.failures)).toEqual([0, 0, 1, 0, 0, 1])
    expect(Array.from(p.populationClicks)).toEqual([1, 2])
    expect(Array.from(p.populationShows)).toEqual([2, 3])
    const arm = p.select({ user: 1 }, createRng(4))
    const e = p.explain(arm, { user: 1 })
    expect(e.contributions[0].value).toBeGreaterThan(0)
    expect(e.score).toBeGreaterThan(0)
    for (let t = 0; t < 40; t++) p.update(0, 1, { user: 1 })
    expect(p.probabilities({ user: 1 })[0]).toBeGreaterThan(0.9)
    const lonely = new FriendThompson({ arms: 2, users: 2 })
    lonely.warmStart(historyOf(2, 2, [[0, 1, 1]]))
    lonely.update(1, 1, { user: 1 })
    expect(Array.from(lonely.friendShows)).toEqual([0, 0, 0, 0])
    expect(Array.from(lonely.populationShows)).toEqual([0, 2])
  })
})

describe("SegmentEpsilonGreedy cases found by mutation testing", () => {
  it("no move before a fit, no coin drawn at ε = 0, explain before select, names itself", () => {
    const p = new SegmentEpsilonGreedy({ arms: 3, epsilons: [0, 0.5], users: 3 })
    expect(p.explain(0, { user: 0 }).kind).toBe("exploit")
    p.update(0, 1, { user: 0 })
    p.update(1, 1, { user: 2 })
    expect(Array.from(p.segment)).toEqual([1, 1, 1])
    expect(Array.from(p.segmentClicks)).toEqual([0, 0, 0, 1, 1, 0])
    expect(Array.from(p.clicks)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0])
    // A warm start of as many users keeps the updates.
    p.warmStart(historyOf(3, 3, [[1, 2, 1]]), createRng(2))
    expect(Array.from(p.clicks)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0])
    // Exactly k = 2 active users are enough for a fit: user 0 (arm 0) and user 1 (arm 2) get their own segments.
    const fitted = new SegmentEpsilonGreedy({ arms: 3, epsilons: [0, 0.5], users: 2 })
    fitted.warmStart(
      historyOf(2, 3, [
        [0, 0, 1],
        [0, 0, 1],
        [1, 2, 1],
      ]),
      createRng(2),
    )
    expect(fitted.segment[0]).not.toBe(fitted.segment[1])
    const focused = fitted.segment[0] === 0 ? 0 : 1
    const rng = createRng(9)
    fitted.select({ user: focused }, rng)
    expect(rng.next()).toBe(createRng(9).next())
    expect(() => new SegmentEpsilonGreedy({ arms: 3, epsilons: [0.1], users: 0 })).toThrow(
      "SegmentEpsilonGreedy: users must be an integer >= 1, got 0",
    )
    expect(() => new SegmentEpsilonGreedy({ arms: 0, epsilons: [0.1] })).toThrow("SegmentEpsilonGreedy: arms must be")
  })

  it("the focused segment comes first whatever order k-means returns its centres in", () => {
    const rows: [number, number, number][] = []
    for (let u = 0; u < 8; u++)
      for (let a = 0; a < 4; a++) rows.push([u, a, u < 4 ? (a === 0 ? 1 : 0) : a === 0 ? 0 : 1])
    const first = new Set<number>()
    for (let seed = 1; seed <= 8; seed++) {
      const p = new SegmentEpsilonGreedy({ arms: 4, epsilons: [0.1, 0.4], users: 8 })
      p.warmStart(historyOf(8, 4, rows), createRng(seed))
      expect(Array.from(p.segment)).toEqual([0, 0, 0, 0, 1, 1, 1, 1])
      first.add(p.centres[0])
    }
    expect(first.size).toBe(1)
  })
})
