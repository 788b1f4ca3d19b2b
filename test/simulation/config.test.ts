import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { EpsilonGreedy } from "../../src/bandits"
import { simulate, simulationConfigSchema } from "../../src/simulation"
import type { Environment } from "../../src/schema"

const base = {
  environment: { type: "bernoulli", probabilities: [0.5, 0.4] },
  policies: [{ type: "ucb1" }],
  horizon: 10,
}

describe("simulation config: one line naming the field and what is allowed", () => {
  it.each([
    [
      { ...base, policies: [{ type: "magic" }] },
      /field 'policies\[0\]\.type': unknown type 'magic'; allowed: random, greedy, epsilon-greedy/,
    ],
    [
      { ...base, environment: { type: "moon" } },
      /field 'environment\.type': unknown type 'moon'; allowed: bernoulli, gaussian-testbed/,
    ],
    [
      { ...base, environment: { type: "bernoulli", probabilities: [0.5, 1.2] } },
      /field 'environment\.probabilities\[1\]': a probability must be in \[0, 1\], got 1\.2/,
    ],
    [
      { ...base, policies: [{ type: "epsilon-greedy", epsilon: -0.1 }] },
      /field 'policies\[0\]\.epsilon': must be in \[0, 1\], got -0\.1$/,
    ],
    [{ ...base, horizon: 0 }, /field 'horizon': must be a positive integer.*, got 0$/],
    [{ ...base, policies: [{ type: "ucb", c: 1, foo: 2 }] }, /unknown field policies\[0\]\.foo/],
  ])("%#", (config, message) => {
    let error: Error | null = null
    try {
      validate(simulationConfigSchema, config, "exp.yaml")
    } catch (e) {
      error = e as Error
    }
    expect(error?.message).toMatch(message)
    expect(error?.message).not.toContain("\n")
  })

  it("a custom environment's non-finite reward names run, step and arm", () => {
    const broken: Environment<undefined> = {
      name: "broken",
      nArms: 2,
      stationary: true,
      reset: () => undefined,
      context: () => undefined,
      expectedReward: () => 0.5,
      expectedRewards: (_c, out) => out.fill(0.5),
      reward: (arm, _c, rng) => (rng.next() < 0.02 ? NaN : arm),
    }
    expect(() =>
      simulate(broken as Environment<unknown>, [new EpsilonGreedy({ arms: 2 })], { horizon: 500, runs: 3, seed: 1 }),
    ).toThrow(/environment broken returned a non-finite reward \(NaN\) at run 0, step \d+, arm [01]/)
  })
})
