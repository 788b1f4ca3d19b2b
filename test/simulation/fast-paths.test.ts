import { describe, expect, it } from "vitest"
import { BetaThompson, EpsilonGreedy, Greedy, OptimisticGreedy, Ucb, Ucb1 } from "../../src/bandits"
import { BernoulliArms, GaussianTestbed, simulate, type SimulationResult } from "../../src/simulation"
import { playKernel } from "../../src/simulation/kernels/dispatch"
import { emptyAccumulator } from "../../src/simulation/accumulator"

const curves = (r: SimulationResult): number[][] =>
  r.policies.flatMap((p) => [
    Array.from(p.meanReward),
    Array.from(p.rewardUpper),
    Array.from(p.optimalRate),
    Array.from(p.cumulativeRegret),
    Array.from(p.regretUpper),
  ])

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

describe("Thompson's inline gammas", () => {
  it("give the generic loop's numbers, with small shapes (more squeeze failures) and many ziggurat slow paths", () => {
    const env = new BernoulliArms([0.1, 0.15, 0.05, 0.12])
    const policies = () => [
      new BetaThompson({ arms: 4 }),
      new BetaThompson({ arms: 4, priorAlpha: 1.25, priorBeta: 3.5 }),
    ]
    // 2 policies × 6 runs × 1500 steps × 8 gammas ≈ 144,000 gammas: over a thousand take the slow path.
    const options = { horizon: 1500, runs: 6, seed: 5 }
    const fast = simulate(env, policies(), options)
    const generic = simulate(env, policies(), { ...options, fastPaths: false })
    expect(curves(fast)).toEqual(curves(generic))
    expect(fast.policies.map((p) => p.finals)).toEqual(generic.policies.map((p) => p.finals))
  })

  it("are used for priors ≥ 1 only: priors below 1 (the U^(1/shape) boost) take the generic loop", () => {
    const env = new BernoulliArms([0.1, 0.15])
    const play = (policy: BetaThompson) => playKernel(env, policy, 0, 0, 10, 1, emptyAccumulator(10))
    expect(play(new BetaThompson({ arms: 2 }))).toBe(true)
    expect(play(new BetaThompson({ arms: 2, priorAlpha: 0.5, priorBeta: 2 }))).toBe(false)
    expect(play(new BetaThompson({ arms: 2, priorAlpha: 2, priorBeta: 0.7 }))).toBe(false)
  })
})
