import { describe, expect, it } from "vitest"
import { Ucb1 } from "../../src/bandits"
import { validate } from "../../src/config/load-config"
import { createRng } from "../../src/random/rng"
import {
  createSlatePolicies,
  EcommerceEnvironment,
  estimateExamination,
  simulationConfigSchema,
} from "../../src/simulation"

describe("estimateExamination: κ̂ from a result-randomisation experiment", () => {
  const env = new EcommerceEnvironment({ world: { users: 60, items: 120, categories: 10, seed: 4 }, stepsPerDay: 50 })

  it("recovers the world's κ_p = (1 + p)^−η within 4 standard errors, with κ̂_0 = 1", () => {
    const k = 4
    const kappa = estimateExamination(env, k, 40_000, createRng(11, 0))
    expect(kappa[0]).toBe(1)
    const again = estimateExamination(env, k, 40_000, createRng(11, 0))
    expect(Array.from(again)).toEqual(Array.from(kappa))
    for (let p = 1; p < k; p++) {
      const truth = env.examination(p)
      expect(truth).toBeLessThan(1)
      // Relative SE ≈ √(1/c_p + 1/c_0); c_0 ≥ 1,000 here, so 4 SE ≤ 4·√(2/(1000·truth)).
      expect(Math.abs(kappa[p] - truth) / truth).toBeLessThan(4 * Math.sqrt(2 / (1000 * truth)))
      expect(kappa[p]).not.toBe(truth)
    }
  })

  it("rejects a slate longer than the arms and a non-positive number of impressions, naming the argument", () => {
    expect(() => estimateExamination(env, env.nArms + 1, 100, createRng(1, 0))).toThrow(/k must be an integer/)
    expect(() => estimateExamination(env, 2, 0, createRng(1, 0))).toThrow(/impressions must be a positive integer/)
  })

  it("a position-based config hands its slate policies the estimate, never the world's κ_p", () => {
    const config = validate(
      simulationConfigSchema,
      {
        environment: { type: "ecommerce", world: { users: 60, items: 120, categories: 10, seed: 4 }, stepsPerDay: 50 },
        policies: [{ type: "ucb1" }],
        slate: { k: 3, clickModel: "position-based", randomisedImpressions: 5000 },
        horizon: 10,
        runs: 1,
        seed: 3,
      },
      "test",
    )
    const { slates } = createSlatePolicies(config, env, [new Ucb1({ arms: env.nArms })])
    const given = slates[0].config.examination as readonly number[]
    expect(given).toHaveLength(3)
    expect(given[0]).toBe(1)
    for (let p = 1; p < 3; p++) {
      expect(given[p]).not.toBe(env.examination(p))
      expect(Math.abs(given[p] - env.examination(p))).toBeLessThan(0.15)
    }
  })
})
