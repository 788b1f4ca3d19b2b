import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { simulateConfig, simulationConfigSchema, type SimulationResult } from "../../src/simulation"

/** Needs the compiled worker: `npm run build` first (the test script does it). */
describe("determinism across worker counts", () => {
  const base = {
    environment: { type: "gaussian-testbed", arms: 10 },
    policies: [
      { type: "epsilon-greedy", epsilon: 0.1 },
      { type: "gaussian-thompson" },
      { type: "gradient", alpha: 0.1 },
    ],
    horizon: 200,
    runs: 40,
    seed: 5,
  }
  const curves = (r: SimulationResult): number[][] =>
    r.policies.flatMap((p) => [
      Array.from(p.meanReward),
      Array.from(p.cumulativeRegret),
      Array.from(p.regretUpper),
      Array.from(p.optimalRate),
    ])

  it("1, 2 and 3 workers give bit-identical results", async () => {
    const one = await simulateConfig(validate(simulationConfigSchema, { ...base, workers: 1 }, "test"))
    const two = await simulateConfig(validate(simulationConfigSchema, { ...base, workers: 2 }, "test"))
    const three = await simulateConfig(validate(simulationConfigSchema, { ...base, workers: 3 }, "test"))
    expect(curves(two)).toEqual(curves(one))
    expect(curves(three)).toEqual(curves(one))
    expect(two.policies.map((p) => p.finals)).toEqual(one.policies.map((p) => p.finals))
  })

  it("the e-commerce environment with contextual policies is identical on 1 and 2 workers", async () => {
    const config = {
      environment: { type: "ecommerce", world: { users: 200, items: 120, categories: 8, seed: 3 }, stepsPerDay: 20 },
      policies: [
        { type: "linucb", alpha: 0.5 },
        { type: "segment-epsilon-greedy", epsilons: [0.05, 0.3] },
        { type: "thompson" },
      ],
      horizon: 200,
      runs: 6,
      seed: 9,
    }
    const one = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 1 }, "test"))
    const two = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 2 }, "test"))
    expect(curves(two)).toEqual(curves(one))
    expect(two.policies.map((p) => p.finals)).toEqual(one.policies.map((p) => p.finals))
  })

  it("slate configs (top-3 under the position-based model) are identical on 1 and 2 workers", async () => {
    const config = {
      environment: { type: "ecommerce", world: { users: 60, items: 120, categories: 8, seed: 3 }, stepsPerDay: 50 },
      policies: [{ type: "ucb1" }, { type: "ucb", c: 1 }, { type: "linucb", alpha: 0.5 }],
      slate: { k: 3, clickModel: "position-based" },
      horizon: 300,
      runs: 5,
      seed: 4,
    }
    const one = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 1 }, "test"))
    const two = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 2 }, "test"))
    expect(curves(two)).toEqual(curves(one))
    expect(two.policies.map((p) => p.finals)).toEqual(one.policies.map((p) => p.finals))
    expect(one.policies[0].name).toBe("top3-position-based-ucb1")
    expect(one.policies[0].finals.clicksPerSlate.mean).toBeGreaterThan(0)
  })

  it("a slate over a policy that cannot score every arm is an error naming it", async () => {
    const config = {
      environment: { type: "ecommerce", world: { users: 20, items: 60, categories: 6, seed: 3 } },
      policies: [{ type: "ucb1" }, { type: "epsilon-greedy" }],
      slate: { k: 2, clickModel: "cascade" },
      horizon: 10,
      runs: 1,
    }
    await expect(simulateConfig(validate(simulationConfigSchema, config, "test"))).rejects.toThrow(
      /policies\[1\] \(epsilon-greedy\): a slate needs a policy that scores every arm/,
    )
    const pbm = { ...config, policies: [{ type: "thompson" }], slate: { k: 2, clickModel: "position-based" } }
    await expect(simulateConfig(validate(simulationConfigSchema, pbm, "test"))).rejects.toThrow(
      /policies\[0\] \(thompson\): position-based slates learn from inverse-propensity rewards/,
    )
    const bernoulli = {
      ...config,
      environment: { type: "bernoulli", probabilities: [0.1, 0.2, 0.3] },
      policies: [{ type: "ucb1" }],
    }
    await expect(simulateConfig(validate(simulationConfigSchema, bernoulli, "test"))).rejects.toThrow(
      /slate: needs an environment that shows slates/,
    )
  })
})
