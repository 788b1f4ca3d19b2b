import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { FriendThompson, HierarchicalThompson } from "../../src/bandits"
import { socialGraphFromTies } from "../../src/schema/social-graph"
import { simulateScenarios, simulationConfigSchema } from "../../src/simulation"
import { interval } from "../../src/simulation/result"
import { historyOf } from "./history-fixture"

// The path 0–1–2 and user 3 alone.
const graph = socialGraphFromTies(4, Int32Array.of(0, 1), Int32Array.of(1, 2))
// User 0: arm 0 clicked 2 of 3; user 2: arm 0 clicked 0 of 1, arm 1 clicked 1 of 1; user 3: arm 1 not clicked once.
const rows: [number, number, number][] = [
  [0, 0, 1],
  [0, 0, 1],
  [0, 0, 0],
  [2, 0, 0],
  [2, 1, 1],
  [3, 1, 0],
]

describe("FriendThompson", () => {
  it("user 1's prior is its friends' click rate shrunk toward the population's (hand computation)", () => {
    const p = new FriendThompson({ arms: 2, users: 4, strength: 10, shrinkage: 4 })
    p.warmStart({ ...historyOf(4, 2, rows), friends: graph })
    // Population: arm 0 2 clicks / 4 shows → μ₀ = 3/6 = 0.5; arm 1 1 / 2 → μ₁ = 2/4 = 0.5.
    // User 1's friends are 0 and 2: arm 0 FS = 2, FN = 4 → m = (2 + 4·0.5)/(4 + 4) = 0.5;
    // arm 1 FS = 1, FN = 1 → m = (1 + 2)/(1 + 4) = 0.6.
    expect(Array.from(p.priorMean(1))).toEqual([0.5, expect.closeTo(0.6, 15)])
    // User 0's only friend is 1, with no data: the population's rates.
    expect(Array.from(p.priorMean(0))).toEqual([0.5, 0.5])
    // User 3 has no friends: the population's rates.
    expect(Array.from(p.priorMean(3))).toEqual([0.5, 0.5])
    // An online click of user 0 on arm 1 reaches its friend 1 and the population:
    // μ₁ = (2 + 1)/(3 + 2) = 0.6, FS = 2, FN = 2 → m = (2 + 4·0.6)/(2 + 4) = 4.4/6.
    p.update(1, 1, { user: 0 })
    expect(p.priorMean(1)[1]).toBeCloseTo(4.4 / 6, 15)
    expect(p.friendShows[1 * 2 + 1]).toBe(2)
  })

  it("without a graph it is HierarchicalThompson with a fixed strength κ (same choices)", () => {
    const h = historyOf(4, 3, [...rows, [1, 2, 1], [1, 2, 0]])
    const a = new FriendThompson({ arms: 3, users: 4, strength: 7, probabilityDraws: 500 })
    const b = new HierarchicalThompson({ arms: 3, users: 4, strength: 7, probabilityDraws: 500 })
    a.warmStart(h)
    b.warmStart(h)
    const ra = createRng(3)
    const rb = createRng(3)
    const env = createRng(4)
    for (let t = 0; t < 400; t++) {
      const c = { user: t % 4 }
      const arm = a.select(c, ra)
      expect(b.select(c, rb)).toBe(arm)
      const r = env.next() < 0.2 + 0.2 * arm ? 1 : 0
      a.update(arm, r, c)
      b.update(arm, r, c)
    }
    const pa = a.probabilities({ user: 2 })
    const pb = b.probabilities({ user: 2 })
    for (let k = 0; k < 3; k++) expect(pa[k]).toBeCloseTo(pb[k], 12)
  })

  it("refuses a graph over other users than the history's", () => {
    const p = new FriendThompson({ arms: 2, users: 5 })
    expect(() => p.warmStart({ ...historyOf(5, 2, rows), friends: graph })).toThrow(
      "friend-thompson: the friend graph has 4 users, the history 5",
    )
  })
})

describe("FriendThompson on a world with a friend graph (paired runs, 95% intervals)", () => {
  // 300 users, 10 friends each on average, 5 days of logged history (5 impressions per user),
  // 3000 visits (10 per user): the early phase, where a user's own clicks are few.
  const config = simulationConfigSchema.parse({
    title: "friend prior",
    environment: {
      type: "ecommerce",
      world: { users: 300, items: 200, categories: 12, days: 20, seed: 21 },
      stepsPerDay: 300,
      history: { days: 5 },
    },
    scenarios: [
      { name: "homophily 2", environment: { friends: { meanDegree: 10, homophily: 2 } } },
      { name: "homophily 0", environment: { friends: { meanDegree: 10, homophily: 0 } } },
    ],
    policies: [
      { type: "per-user-thompson" },
      { type: "hierarchical-thompson", strength: 10 },
      { type: "friend-thompson", strength: 10, shrinkage: 10 },
    ],
    horizon: 3000,
    runs: 8,
    seed: 21,
    workers: 1,
  })
  const results = simulateScenarios(config)
  /** Per-run regret of policy b minus policy a in scenario s, as a mean with a 95% interval. */
  const paired = async (s: number, a: number, b: number) => {
    const r = (await results)[s].result.policies
    const x = r[a].perRun.cumulativeRegret
    const y = r[b].perRun.cumulativeRegret
    return { diff: interval(y.map((v, i) => v - x[i])), base: interval(x) }
  }

  it("with homophily, the friend prior has less regret than per-user Thompson, and than the same prior without friends", async () => {
    const vsPerUser = await paired(0, 0, 2)
    expect(vsPerUser.diff.ci95[1]).toBeLessThan(0)
    const vsPopulation = await paired(0, 1, 2)
    expect(vsPopulation.diff.ci95[1]).toBeLessThan(0)
  }, 120_000)

  // Measured (seed 21): with homophily 2, 50 less regret than the prior without friends (95% CI 41–59, base 407);
  // with homophily 0, 9 more (CI −6 to 24): the friends' noise costs at most the stated 8%.
  it("with homophily 0, it does no harm: less regret than per-user Thompson, at most 8% more than the prior without friends", async () => {
    const vsPerUser = await paired(1, 0, 2)
    expect(vsPerUser.diff.ci95[1]).toBeLessThan(0)
    const vsPopulation = await paired(1, 1, 2)
    expect(vsPopulation.diff.ci95[1]).toBeLessThan(0.08 * vsPopulation.base.mean)
  }, 120_000)
})
