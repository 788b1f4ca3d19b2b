import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { simulateConfig, simulationConfigSchema, type SimulationResult } from "../../src/simulation"

/** Needs the compiled worker: `npm run build` first (the test script does it). */
describe("personalised policies: determinism across worker counts", () => {
  const curves = (r: SimulationResult): number[][] =>
    r.policies.flatMap((p) => [Array.from(p.meanReward), Array.from(p.cumulativeRegret)])

  it("every personalised policy gives bit-identical results on 1 and 2 workers", async () => {
    const config = {
      environment: { type: "ecommerce", world: { users: 60, items: 120, categories: 8, seed: 3 }, stepsPerDay: 50 },
      policies: [
        { type: "per-user-thompson" },
        { type: "per-user-ucb" },
        { type: "hierarchical-thompson" },
        { type: "hybrid-linucb", alpha: 0.5 },
        { type: "segment-epsilon-greedy", epsilons: [0.02, 0.2] },
        { type: "club" },
        { type: "ensemble-sampling" },
      ],
      horizon: 300,
      runs: 6,
      seed: 11,
    }
    const one = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 1 }, "test"))
    const two = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 2 }, "test"))
    expect(curves(two)).toEqual(curves(one))
    expect(two.policies.map((p) => p.finals)).toEqual(one.policies.map((p) => p.finals))
  })

  it("a personalised policy outside the e-commerce environment is an error naming it", async () => {
    const config = validate(
      simulationConfigSchema,
      {
        environment: { type: "bernoulli", probabilities: [0.1, 0.2] },
        policies: [{ type: "hierarchical-thompson" }],
        horizon: 10,
        runs: 1,
      },
      "test",
    )
    await expect(simulateConfig(config)).rejects.toThrow(
      /policies\[0\] \(hierarchical-thompson\): needs users in the context \(ecommerce or online-retail environment\)/,
    )
  })
})
