import { describe, expect, it } from "vitest"
import { simulate } from "../../src/simulation/runner"
import { BernoulliArms } from "../../src/simulation/bernoulli"
import { Ucb1 } from "../../src/bandits/ucb1"
import { EpsilonGreedy } from "../../src/bandits/epsilon-greedy"

describe("simulate's reused accumulators", () => {
  const env = new BernoulliArms([0.6, 0.5, 0.4])
  const policies = () => [new Ucb1({ arms: 3 }), new EpsilonGreedy({ arms: 3, epsilon: 0.1 })]

  it("give the same numbers in a later call, with one-run and multi-run chunks", () => {
    for (const runs of [5, 130]) {
      const first = simulate(env, policies(), { horizon: 300, runs, seed: 7 })
      simulate(env, policies(), { horizon: 300, runs: 3, seed: 99 }) // leaves other sums behind in the pool
      const again = simulate(env, policies(), { horizon: 300, runs, seed: 7 })
      expect(again.policies.map((p) => Array.from(p.cumulativeRegret))).toEqual(
        first.policies.map((p) => Array.from(p.cumulativeRegret)),
      )
      expect(again.policies.map((p) => p.finals.meanReward.mean)).toEqual(
        first.policies.map((p) => p.finals.meanReward.mean),
      )
    }
  })

  it("are not shared with a simulate nested in onProgress", () => {
    const alone = simulate(env, policies(), { horizon: 200, runs: 4, seed: 3 })
    let inner: ReturnType<typeof simulate> | null = null
    const outer = simulate(env, policies(), {
      horizon: 200,
      runs: 4,
      seed: 3,
      onProgress: (done) => {
        if (done === 2) inner = simulate(env, policies(), { horizon: 200, runs: 4, seed: 3 })
      },
    })
    expect(Array.from(outer.policies[0].meanReward)).toEqual(Array.from(alone.policies[0].meanReward))
    expect(inner).not.toBeNull()
    expect(Array.from((inner as unknown as ReturnType<typeof simulate>).policies[1].cumulativeRegret)).toEqual(
      Array.from(alone.policies[1].cumulativeRegret),
    )
  })
})
