import { describe, expect, it } from "vitest"
import { BetaThompson, EpsilonGreedy, Greedy, OptimisticGreedy, Ucb, Ucb1 } from "../../src/bandits"
import { BernoulliArms, GaussianTestbed, simulate, type SimulationResult } from "../../src/simulation"

const curves = (r: SimulationResult): number[][] =>
  r.policies.flatMap((p) => [Array.from(p.meanReward), Array.from(p.rewardUpper), Array.from(p.optimalRate), Array.from(p.cumulativeRegret), Array.from(p.regretUpper)])

describe("specialised loops give exactly the generic loop's numbers", () => {
  it.each([
    ["bernoulli", () => new BernoulliArms([0.3, 0.5, 0.45, 0.2, 0.5])],
    ["gaussian testbed", () => new GaussianTestbed({ arms: 5, offset: 1 })],
  ])("%s", (_label, makeEnv) => {
    const policies = () => [
      new EpsilonGreedy({ arms: 5, epsilon: 0.1, decay: 0.01 }),
      new Greedy({ arms: 5 }),
      new OptimisticGreedy({ arms: 5 }),
      new Ucb({ arms: 5, c: 2 }),
      new Ucb1({ arms: 5 }),
      new BetaThompson({ arms: 5 }),
    ]
    const env = makeEnv()
    const isBernoulli = env instanceof BernoulliArms
    const chosen = () => policies().filter((p) => isBernoulli || !(p instanceof BetaThompson))
    const options = { horizon: 400, runs: 5, seed: 12 }
    const fast = simulate(env, chosen(), options)
    const generic = simulate(makeEnv(), chosen(), { ...options, fastPaths: false })
    expect(curves(fast)).toEqual(curves(generic))
    expect(fast.policies.map((p) => p.finals)).toEqual(generic.policies.map((p) => p.finals))
  })
})

describe("UCB's cached width table", () => {
  it("gives the generic loop's numbers whatever horizons and c values came before", () => {
    const env = new BernoulliArms([0.2, 0.6, 0.55])
    const policies = () => [new Ucb({ arms: 3, c: 0.5 }), new Ucb1({ arms: 3 }), new Ucb({ arms: 3, c: 0 })]
    // A long horizon first (table reused for shorter ones), then a longer one (table rebuilt).
    for (const horizon of [300, 40, 700]) {
      const options = { horizon, runs: 3, seed: horizon }
      const fast = simulate(env, policies(), options)
      const generic = simulate(env, policies(), { ...options, fastPaths: false })
      expect(curves(fast)).toEqual(curves(generic))
      expect(fast.policies.map((p) => p.finals)).toEqual(generic.policies.map((p) => p.finals))
    }
  })
})
