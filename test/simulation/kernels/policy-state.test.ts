import { describe, expect, it } from "vitest"
import type { Policy } from "../../../src/bandits/policy"
import { BetaThompson, EpsilonGreedy, Greedy, OptimisticGreedy, Ucb, Ucb1 } from "../../../src/bandits"
import { BernoulliArms, GaussianTestbed, simulate } from "../../../src/simulation"
import { KERNELS, kernelFor } from "../../../src/simulation/kernels/dispatch"

type Make = () => Policy<unknown>

/** The policy's own fields, private ones included, but `leftOut`. */
const fields = (policy: Policy<unknown>, leftOut: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(policy).filter(([key]) => !leftOut.includes(key)))

// Every class a kernel plays, with options that reach each config field (decay, constant step size, priors).
const cases: [string, Make][] = [
  ["ε-greedy", () => new EpsilonGreedy({ arms: 4, epsilon: 0.2 })],
  [
    "ε-greedy, decay and step size",
    () => new EpsilonGreedy({ arms: 4, epsilon: 0.3, decay: 0.05, stepSize: 0.2, initialValue: 0.5 }),
  ],
  ["greedy", () => new Greedy({ arms: 4 })],
  ["optimistic", () => new OptimisticGreedy({ arms: 4, epsilon: 0.05 })],
  ["UCB c = 0.7", () => new Ucb({ arms: 4, c: 0.7 })],
  ["UCB1", () => new Ucb1({ arms: 4 })],
  ["Thompson", () => new BetaThompson({ arms: 4 })],
  ["Thompson, priors 2 and 1.5", () => new BetaThompson({ arms: 4, priorAlpha: 2, priorBeta: 1.5 })],
]
const environments: [string, () => BernoulliArms | GaussianTestbed][] = [
  ["Bernoulli", () => new BernoulliArms([0.3, 0.5, 0.45, 0.5])],
  ["Gaussian testbed", () => new GaussianTestbed({ arms: 4, offset: 1 })],
]

describe("a kernel leaves the policy in the state the generic loop leaves it in", () => {
  it("covers every class a kernel plays", () => {
    const tested = new Set(cases.map(([, make]) => make().constructor))
    for (const kernel of KERNELS)
      for (const c of kernel.policies) expect(tested.has(c), `${kernel.name}: ${c.name}`).toBe(true)
  })

  for (const [envLabel, makeEnv] of environments) {
    for (const [label, make] of cases) {
      const env = makeEnv()
      const kernel = kernelFor(env, make())
      if (kernel === null) continue // Thompson on the testbed: the generic loop only
      const scratch = kernel.scratch
      it(`${label}, ${envLabel}`, () => {
        const fast = make()
        const generic = make()
        const options = { horizon: 300, runs: 3, seed: 9 }
        const a = simulate(env, [fast], options)
        const b = simulate(makeEnv(), [generic], { ...options, fastPaths: false })
        expect(a.policies[0].finals).toEqual(b.policies[0].finals)
        expect(Array.from(a.policies[0].meanReward)).toEqual(Array.from(b.policies[0].meanReward))
        expect(Array.from(a.policies[0].cumulativeRegret)).toEqual(Array.from(b.policies[0].cumulativeRegret))
        // Every own field, private ones included (values, counts, steps, cached constants…), but
        // the kernel's declared work space.
        expect(fast.constructor).toBe(generic.constructor)
        expect(fields(fast, scratch)).toStrictEqual(fields(generic, scratch))
        // Not the state right after construction: the last run's 300 updates are in it.
        expect(fields(fast, scratch)).not.toStrictEqual(fields(make(), scratch))
        expect(fast.probabilities(undefined)).toEqual(generic.probabilities(undefined))
      })

      if (scratch.length === 0) continue
      it(`${label}, ${envLabel}: ${scratch.join(", ")} is work space, overwritten before it is read`, () => {
        const clean = make()
        const dirty = make()
        for (const f of scratch) (Reflect.get(dirty, f) as Float64Array).fill(Number.NaN)
        const options = { horizon: 200, runs: 2, seed: 4, fastPaths: false }
        const a = simulate(env, [clean], options)
        const b = simulate(makeEnv(), [dirty], options)
        expect(b.policies[0].cumulativeRegret).toEqual(a.policies[0].cumulativeRegret)
        expect(dirty).toStrictEqual(clean)
      })
    }
  }
})
