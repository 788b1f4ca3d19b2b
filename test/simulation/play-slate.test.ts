import { describe, expect, it } from "vitest"
import { BetaThompson, TopKSlate, Ucb1, type ScoringPolicy } from "../../src/bandits"
import type { Rng } from "../../src/random/rng"
import { EcommerceEnvironment, simulateSlates } from "../../src/simulation"

describe("simulateSlates", () => {
  const env = new EcommerceEnvironment({ world: { users: 40, items: 120, categories: 10, seed: 4 }, stepsPerDay: 50 })
  const k = 3
  const kappa = Array.from({ length: k }, (_, p) => env.examination(p))
  /** Uniformly random scores: a random slate each step (the no-learning baseline). */
  const randomScores = (arms: number): ScoringPolicy<unknown> => ({
    name: "random",
    nArms: arms,
    scores: (_c: unknown, rng: Rng, out: Float64Array) => {
      for (let a = 0; a < arms; a++) out[a] = rng.next()
      return out
    },
    probabilities: () => new Float64Array(arms).fill(1 / arms),
    select: (_c: unknown, rng: Rng) => Math.floor(rng.next() * arms),
    update: () => {},
    reset: () => {},
  })
  const policies = () => [
    new TopKSlate(randomScores(env.nArms), { k, clickModel: "cascade" }),
    new TopKSlate(new Ucb1({ arms: env.nArms }), { k, clickModel: "position-based", examination: kappa }),
    new TopKSlate(new BetaThompson({ arms: env.nArms }), { k, clickModel: "cascade" }),
  ]

  it("a learning top-k policy has less regret to the best slate than random slates; results repeat exactly", () => {
    const options = { horizon: 1500, runs: 4, seed: 3 }
    const a = simulateSlates(env, policies(), options)
    const b = simulateSlates(env, policies(), options)
    expect(Array.from(b.policies[1].cumulativeRegret)).toEqual(Array.from(a.policies[1].cumulativeRegret))
    const [random, ucb, thompson] = a.policies
    for (const learner of [ucb, thompson]) {
      expect(learner.finals.cumulativeRegret.mean).toBeLessThan(random.finals.cumulativeRegret.mean)
      expect(learner.finals.meanReward.mean).toBeGreaterThan(random.finals.meanReward.mean)
    }
    // A slate earns at most κ_0 + κ_1 + κ_2 expected clicks; per-step rewards are click counts in [0, k].
    expect(ucb.finals.clicksPerSlate.mean).toBeLessThan(kappa.reduce((s, x) => s + x, 0))
    expect(random.finals.coverage.mean).toBe(1)
    expect(ucb.finals.interestDiscovery.mean).toBeGreaterThan(0)
  })

  it("rejects a slate policy over a different number of arms", () => {
    const wrong = new TopKSlate(new Ucb1({ arms: env.nArms + 1 }), { k, clickModel: "cascade" })
    expect(() => simulateSlates(env, [wrong], { horizon: 10, runs: 1, seed: 0 })).toThrow(
      /ranks 11 arms, the environment has 10/,
    )
  })
})
