import { describe, expect, it } from "vitest"
import { EnsembleSampling, ensembleSamplingOptions } from "../../src/bandits/ensemble-sampling"
import { policyDescriptor } from "../../src/bandits/registry"
import { fastNormal } from "../../src/random/fast-random"
import { createRng } from "../../src/random/rng"
import { historyOf } from "./history-fixture"

describe("EnsembleSampling: defaults, ties and warm starts", () => {
  it("the options' defaults, the default name and a given one", () => {
    const p = new EnsembleSampling({ arms: 2 })
    expect(p.config).toEqual({
      arms: 2,
      users: 1,
      models: 10,
      factors: 3,
      priorSd: 0.1,
      noiseSd: 0.1,
      learningRate: 0.02,
      regularization: 0.01,
      epochs: 20,
      seed: 0,
    })
    expect(p.name).toBe("ensemble-sampling-10")
    expect(p.nArms).toBe(2)
    expect(p.userFactors).toHaveLength(10 * 3)
    expect(p.armFactors).toHaveLength(10 * 2 * 3)
    expect(p.bias).toHaveLength(10 * 2)
    expect(new EnsembleSampling({ arms: 2, name: "mine" }).name).toBe("mine")
    expect(Object.keys(ensembleSamplingOptions.fields)).toEqual([
      "models",
      "factors",
      "priorSd",
      "noiseSd",
      "learningRate",
      "regularization",
      "epochs",
    ])
    expect(() => new EnsembleSampling({ arms: 2, regularization: 1.5 })).toThrow(/^EnsembleSampling: regularization/)
    expect(() => new EnsembleSampling({ arms: 2, learningRate: 0 })).toThrow(/^EnsembleSampling: learningRate/)
    expect(policyDescriptor("ensemble-sampling").description).toBe(
      "ensemble sampling: M perturbed user × arm factor models, one drawn per step (Lu & Van Roy 2017)",
    )
  })

  it("with σ₀ = 0 every model predicts 0 for every arm: propensities 1/K, ties broken by the caller's generator", () => {
    const p = new EnsembleSampling({ arms: 4, users: 2, models: 3, priorSd: 0 })
    expect(Array.from(p.probabilities({ user: 1 }))).toEqual([0.25, 0.25, 0.25, 0.25])
    const seen = new Set<number>()
    for (let seed = 0; seed < 60; seed++) seen.add(p.select({ user: 0 }, createRng(seed)))
    expect([...seen].sort()).toEqual([0, 1, 2, 3])
    const e = p.explain(2, { user: 0 })
    expect(e.kind).toBe("exploit")
    expect(e.score).toBe(0)
    expect(e.contributions).toEqual([
      { label: "ensemble mean", value: 0 },
      { label: "the draw's deviation", value: 0 },
    ])
  })

  it("each update draws one noise per model from the policy's generator, after the prior samples", () => {
    const options = {
      arms: 2,
      users: 1,
      models: 2,
      factors: 1,
      noiseSd: 0.3,
      learningRate: 0.1,
      regularization: 0,
      seed: 5,
    }
    const p = new EnsembleSampling(options)
    const twin = new EnsembleSampling(options)
    p.update(0, 1, { user: 0 })
    twin.update(0, 1, { user: 0 })
    const noise = createRng(5, 0)
    // Priors: 2 user factors, 4 arm factors, 4 biases; then the first update's two noises.
    for (let i = 0; i < 2 + 4 + 4 + 2; i++) fastNormal(noise)
    p.update(1, 0, { user: 0 })
    for (let m = 0; m < 2; m++) {
      const prediction = twin.bias[m * 2 + 1] + twin.userFactors[m] * twin.armFactors[m * 2 + 1]
      const e = 0 + 0.3 * fastNormal(noise) - prediction
      expect(p.bias[m * 2 + 1]).toBeCloseTo(twin.bias[m * 2 + 1] + 0.1 * e, 14)
    }
  })

  it("a warm start with no more users adds to earlier updates; rewards outside [0, 1] are accepted", () => {
    const options = { arms: 3, users: 2, models: 2, factors: 2, seed: 3, epochs: 1 }
    const p = new EnsembleSampling(options)
    const twin = new EnsembleSampling(options)
    p.update(1, 2.5, { user: 1 })
    twin.update(1, 2.5, { user: 1 })
    p.warmStart(historyOf(2, 3, [[0, 2, 1]]), createRng(1))
    twin.update(2, 1, { user: 0 })
    expect(Array.from(p.userFactors)).toEqual(Array.from(twin.userFactors))
    expect(Array.from(p.armFactors)).toEqual(Array.from(twin.armFactors))
    expect(Array.from(p.bias)).toEqual(Array.from(twin.bias))
    expect(() => p.warmStart(historyOf(2, 4, [[0, 3, 1]]), createRng(1))).toThrow(/arm/)
  })
})
