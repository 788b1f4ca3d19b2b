import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { simulateConfig, simulationConfigSchema, type SimulationResult } from "../../src/simulation"

/** Needs the compiled worker: `npm run build` first (the test script does it). */
describe("determinism across worker counts", () => {
  const base = {
    environment: { type: "gaussian-testbed", arms: 10 },
    policies: [{ type: "epsilon-greedy", epsilon: 0.1 }, { type: "gaussian-thompson" }, { type: "gradient", alpha: 0.1 }],
    horizon: 200,
    runs: 40,
    seed: 5,
  }
  const curves = (r: SimulationResult): number[][] => r.policies.flatMap((p) => [Array.from(p.meanReward), Array.from(p.cumulativeRegret), Array.from(p.regretUpper), Array.from(p.optimalRate)])

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
      policies: [{ type: "linucb", alpha: 0.5 }, { type: "segment-epsilon-greedy", epsilons: [0.05, 0.3] }, { type: "thompson" }],
      horizon: 200,
      runs: 6,
      seed: 9,
    }
    const one = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 1 }, "test"))
    const two = await simulateConfig(validate(simulationConfigSchema, { ...config, workers: 2 }, "test"))
    expect(curves(two)).toEqual(curves(one))
    expect(two.policies.map((p) => p.finals)).toEqual(one.policies.map((p) => p.finals))
  })
})
