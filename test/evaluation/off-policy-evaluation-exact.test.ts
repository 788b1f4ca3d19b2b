import { describe, expect, it } from "vitest"
import { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { CrossFittedRewardModel } from "../../src/evaluation/cross-fitted-reward-model"
import { offPolicyEstimator } from "../../src/evaluation/estimators"
import { estimatePolicyValue, weightDiagnostics } from "../../src/evaluation/off-policy-estimator"
import type { OffPolicyInput } from "../../src/evaluation/off-policy-estimator"
import { evaluateOffPolicy, meanWithInterval, rewardModelFit } from "../../src/evaluation/off-policy-evaluation"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { createRng } from "../../src/random/rng"
import type { BanditLog } from "../../src/schema/bandit-log"
import { normalQuantile } from "../../src/stats/distributions"

// `evaluateOffPolicy` on eight rounds of two actions: its own numbers (IPW, the logged mean, the weights, clipping)
// by hand, and its wiring (reward model kind, L2, cross-fitting, bootstrap, switch threshold) against the same pieces
// assembled by hand in the order it uses them.

/** Eight rounds, one feature x = i/8, logged uniformly (p = 1/2); `rewards` default to 1, 0, 1, 1, 0, 0, 1, 0. */
function eightRounds(rewards = [1, 0, 1, 1, 0, 0, 1, 0]): BanditLog {
  return {
    length: 8,
    nActions: 2,
    nPositions: 1,
    action: Int32Array.of(0, 1, 1, 0, 1, 1, 0, 1),
    position: new Int32Array(8),
    reward: Float64Array.from(rewards),
    propensity: new Float64Array(8).fill(0.5),
    featureNames: ["x"],
    context: Float64Array.from({ length: 8 }, (_, i) => i / 8),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "eight rounds",
  }
}

const skewed = (): ContextFreeTarget => new ContextFreeTarget("skewed", 2, 1, Float64Array.of(0.25, 0.75))

describe("evaluateOffPolicy's own numbers", () => {
  it("IPW, the logged mean with its interval, the weights and their sample", () => {
    const r = evaluateOffPolicy(eightRounds(), skewed(), { estimators: ["ipw"], rng: createRng(1), resamples: 0 })
    // w = π(a)/0.5: 0.5 for action 0, 1.5 for action 1; IPW = (0.5 + 0 + 1.5 + 0.5 + 0 + 0 + 0.5 + 0)/8 = 3/8
    expect(r.estimates.ipw.value).toBe(0.375)
    expect(r.estimates.ipw.bootstrapCi95).toBeUndefined()
    expect([r.target, r.log, r.rows, r.rewardModel, r.rewardModelFit]).toEqual([
      "skewed",
      "eight rounds",
      8,
      undefined,
      undefined,
    ])
    expect(Array.from(r.weightSample)).toEqual([0.5, 1.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5])
    expect(r.weights.maxWeight).toBe(1.5)
    // the logged mean 4/8 with ± z·√((8·0.25/7)/8)
    const half = normalQuantile(0.975) * Math.sqrt(2 / 7 / 8)
    expect(r.loggedValue.value).toBe(0.5)
    expect(r.loggedValue.ci95).toEqual([expect.closeTo(0.5 - half, 15), expect.closeTo(0.5 + half, 15)])
  })

  it("clips every weight at clipWeights (π ← min(π, clip·p)) before any estimator sees it", () => {
    const r = evaluateOffPolicy(eightRounds(), skewed(), {
      estimators: ["ipw"],
      rng: createRng(1),
      resamples: 0,
      clipWeights: 1,
    })
    // action 1's weight 1.5 becomes 1: IPW = (0.5 + 1 + 0.5 + 0.5)/8
    expect(r.estimates.ipw.value).toBe(2.5 / 8)
    expect(Array.from(r.weightSample)).toEqual([0.5, 1, 1, 0.5, 1, 1, 0.5, 1])
    const wide = evaluateOffPolicy(eightRounds(), skewed(), {
      estimators: ["ipw"],
      rng: createRng(1),
      resamples: 0,
      clipWeights: 2,
    })
    expect(wide.estimates.ipw.value).toBe(0.375)
  })

  it("samples at most 20,000 evenly spaced weights, round ⌊k·n/m⌋", () => {
    const n = 25_000
    const log: BanditLog = {
      ...eightRounds(),
      length: n,
      action: Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      position: new Int32Array(n),
      reward: new Float64Array(n),
      propensity: new Float64Array(n).fill(0.5),
      context: new Float64Array(n),
    }
    const r = evaluateOffPolicy(log, skewed(), { estimators: ["ipw"], rng: createRng(1), resamples: 0 })
    expect(r.weightSample.length).toBe(20_000)
    for (const k of [0, 1, 2, 3, 4, 5, 19_999]) {
      const i = Math.floor((k * n) / 20_000)
      expect(r.weightSample[k]).toBe(i % 3 === 0 ? 1.5 : 0.5)
    }
    // k = 4, 5 read rounds ⌊5⌋ = 5 and ⌊6.25⌋ = 6
    expect(Array.from(r.weightSample.subarray(0, 6))).toEqual([1.5, 0.5, 0.5, 1.5, 0.5, 1.5])
  })

  it("refuses no estimator, a clip that is not > 0 and a bad log, in one line", () => {
    const rng = createRng(1)
    expect(() => evaluateOffPolicy(eightRounds(), skewed(), { estimators: [], rng })).toThrow(
      "evaluateOffPolicy: estimators must name at least one estimator",
    )
    for (const clipWeights of [0, -1, Number.NaN])
      expect(() => evaluateOffPolicy(eightRounds(), skewed(), { estimators: ["ipw"], rng, clipWeights })).toThrow(
        `evaluateOffPolicy: clipWeights must be a number > 0, got ${clipWeights}`,
      )
    const bad = { ...eightRounds(), propensity: Float64Array.of(0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5) }
    expect(() => evaluateOffPolicy(bad, skewed(), { estimators: ["ipw"], rng })).toThrow(/^eight rounds: round 2: /)
  })
})

describe("evaluateOffPolicy's wiring", () => {
  /** What evaluateOffPolicy should return for `estimators` with `model` (or none) and `resamples`, built step by step. */
  function byHand(
    log: BanditLog,
    estimators: string[],
    model: LinearRewardModel | CrossFittedRewardModel | undefined,
    resamples: number,
    switchThreshold?: number,
  ) {
    const rng = createRng(5)
    const fitted = model?.fit(log)
    const input = offPolicyInput(log, skewed(), { rewardModel: fitted, rng })
    const out: Record<string, ReturnType<typeof estimatePolicyValue>> = {}
    for (const name of estimators) {
      const e = offPolicyEstimator(name, { switchThreshold })
      out[e.name] = estimatePolicyValue(e, input, resamples > 0 ? { rng, resamples } : {})
    }
    return { out, input, name: fitted?.name }
  }

  it("fits a logistic model with L2 = 1 for 0/1 rewards, and draws 1000 bootstrap resamples by default", () => {
    const log = eightRounds()
    const r = evaluateOffPolicy(log, skewed(), { estimators: ["dr", "ipw"], rng: createRng(5) })
    const want = byHand(log, ["dr", "ipw"], new LinearRewardModel({ kind: "logistic", l2: 1 }), 1000)
    expect(r.rewardModel).toBe("logistic regression")
    expect(r.estimates).toEqual(want.out)
    expect(r.weights).toEqual(weightDiagnostics(want.input))
    expect(r.rewardModelFit).toEqual(rewardModelFit(want.input))
  })

  it("fits ridge when a reward is not 0/1 (first or last round), or when asked, with the L2 given", () => {
    for (const rewards of [
      [0.5, 0, 1, 1, 0, 0, 1, 0],
      [1, 0, 1, 1, 0, 0, 1, 0.5],
    ]) {
      const log = eightRounds(rewards)
      const r = evaluateOffPolicy(log, skewed(), { estimators: ["dm"], rng: createRng(5), resamples: 0 })
      expect(r.rewardModel).toBe("ridge regression")
      expect(r.estimates).toEqual(byHand(log, ["dm"], new LinearRewardModel({ kind: "ridge", l2: 1 }), 0).out)
    }
    const log = eightRounds()
    const options = { estimators: ["dm"], rng: createRng(5), resamples: 0, rewardModel: "ridge" as const, l2: 4 }
    const r = evaluateOffPolicy(log, skewed(), options)
    expect(r.estimates).toEqual(byHand(log, ["dm"], new LinearRewardModel({ kind: "ridge", l2: 4 }), 0).out)
  })

  it("cross-fits the reward model over more than one fold", () => {
    const log = eightRounds()
    const make = () => new LinearRewardModel({ kind: "logistic", l2: 1 })
    const two = evaluateOffPolicy(log, skewed(), {
      estimators: ["dm"],
      rng: createRng(5),
      resamples: 0,
      crossFitFolds: 2,
    })
    expect(two.rewardModel).toBe("logistic regression, 2-fold cross-fitted")
    expect(two.estimates).toEqual(byHand(log, ["dm"], new CrossFittedRewardModel(make, 2), 0).out)
    const one = evaluateOffPolicy(log, skewed(), {
      estimators: ["dm"],
      rng: createRng(5),
      resamples: 0,
      crossFitFolds: 1,
    })
    expect(one.rewardModel).toBe("logistic regression")
  })

  it("hands switch-DR its threshold and fits no model for estimators that need none", () => {
    const log = eightRounds()
    const r = evaluateOffPolicy(log, skewed(), {
      estimators: ["switch-dr"],
      rng: createRng(5),
      resamples: 0,
      switchThreshold: 1,
    })
    // τ = 1 switches action 1's rounds (w = 1.5) to the model; the default τ = 100 would not
    expect(r.estimates).toEqual(
      byHand(log, ["switch-dr"], new LinearRewardModel({ kind: "logistic", l2: 1 }), 0, 1).out,
    )
    const noThreshold = byHand(log, ["switch-dr"], new LinearRewardModel({ kind: "logistic", l2: 1 }), 0).out
    expect(r.estimates).not.toEqual(noThreshold)
    const ipw = evaluateOffPolicy(log, skewed(), { estimators: ["ipw", "snipw"], rng: createRng(5), resamples: 0 })
    expect([ipw.rewardModel, Object.keys(ipw.estimates)]).toEqual([undefined, ["ipw", "snipw"]])
  })

  it("passes the estimators' hyper-parameters", () => {
    const log = eightRounds()
    const r = evaluateOffPolicy(log, skewed(), {
      estimators: ["ipw-clip"],
      rng: createRng(5),
      resamples: 0,
      hyperParameters: { clip: 1 },
    })
    // weights clipped at 1: (0.5 + 1 + 0.5 + 0.5)/8
    expect(Object.values(r.estimates)[0].value).toBe(2.5 / 8)
  })
})

describe("rewardModelFit", () => {
  it("compares the mean prediction and reward, and gives the skill 1 − SSE/SST", () => {
    const input: OffPolicyInput = {
      reward: Float64Array.of(1, 0, 1, 1),
      propensity: new Float64Array(4).fill(0.5),
      targetProbability: new Float64Array(4).fill(0.5),
      loggedRewardModel: Float64Array.of(0.5, 0.5, 0.75, 0.25),
    }
    // SSE = 0.25 + 0.25 + 0.0625 + 0.5625 = 1.125, SST = 3 · 0.0625 + 0.5625 = 0.75
    expect(rewardModelFit(input)).toEqual({ meanPredicted: 0.5, meanReward: 0.75, skill: -0.5 })
    const flat = { ...input, reward: new Float64Array(4).fill(1) }
    expect(rewardModelFit(flat).skill).toBe(0)
    expect(() => rewardModelFit({ ...input, loggedRewardModel: undefined })).toThrow(
      "rewardModelFit: the input has no reward-model predictions",
    )
  })
})

describe("meanWithInterval", () => {
  it("gives x̄ ± z₀.₉₇₅ · sd/√n, sd with n − 1, and no width for one value", () => {
    // mean 2.5, Σ(x − x̄)² = 5, sd²/n = (5/3)/4; z from `normalQuantile` (its own tests check it to 10⁻⁸)
    const half = normalQuantile(0.975) * Math.sqrt(5 / 12)
    const m = meanWithInterval([1, 2, 3, 4])
    expect((m.ci95[1] - m.value) / Math.sqrt(5 / 12)).toBeCloseTo(1.959963985, 8)
    expect(m.value).toBe(2.5)
    expect(m.ci95).toEqual([expect.closeTo(2.5 - half, 14), expect.closeTo(2.5 + half, 14)])
    expect(meanWithInterval([7])).toEqual({ value: 7, ci95: [7, 7] })
    expect(() => meanWithInterval([])).toThrow("meanWithInterval: values must not be empty")
  })
})
