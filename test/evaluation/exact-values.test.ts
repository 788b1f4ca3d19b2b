import { describe, expect, it } from "vitest"
import { balancedPropensity } from "../../src/evaluation/balanced-propensity"
import { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { DirectMethod } from "../../src/evaluation/direct-method"
import { DoublyRobust } from "../../src/evaluation/doubly-robust"
import { OFF_POLICY_ESTIMATORS, offPolicyEstimator } from "../../src/evaluation/estimators"
import { InverseProbabilityWeighting } from "../../src/evaluation/ipw"
import {
  MarginalizedInverseProbabilityWeighting,
  SelfNormalizedMarginalizedInverseProbabilityWeighting,
} from "../../src/evaluation/mips"
import {
  type OffPolicyEstimator,
  type OffPolicyInput,
  checkOffPolicyInput,
  estimatePolicyValue,
  weightDiagnostics,
} from "../../src/evaluation/off-policy-estimator"
import { Replay } from "../../src/evaluation/replay"
import { ShrunkDoublyRobust } from "../../src/evaluation/shrunk-dr"
import { ShrunkInverseProbabilityWeighting } from "../../src/evaluation/shrunk-ipw"
import { slope, slopeWidth, studentTQuantile } from "../../src/evaluation/slope"
import { tuneBySlope } from "../../src/evaluation/slope-tuning"
import { SelfNormalizedDoublyRobust } from "../../src/evaluation/sndr"
import { SelfNormalizedInverseProbabilityWeighting } from "../../src/evaluation/snipw"
import { SwitchDoublyRobust } from "../../src/evaluation/switch-dr"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import type { RewardModel } from "../../src/evaluation/reward-model"
import type { Rng } from "../../src/random/rng"
import { checkShrinkage, shrinkWeight } from "../../src/evaluation/weight-shrinkage"
import { createRng } from "../../src/random/rng"
import type { BanditLog } from "../../src/schema/bandit-log"
import { bootstrapIndexCi } from "../../src/stats/bootstrap"
import { normalQuantile } from "../../src/stats/distributions"

// Six logged rounds of two actions, one position: weights w = π/p = [0.5, 2, 3, 0, 3, 4] (two of them exactly at
// the threshold 3), q̂ of the logged action and ĝ = Σₐ π(a) q̂(a). Reference numbers: Open Bandit Pipeline's own
// estimator classes (obp/ope/estimators.py) on this log, standard errors by numpy (sd with ddof = 1 over √n for
// the mean-type estimators, the delta method for the ratio ones), run by hand on Debian's numpy 1.24 and scipy
// 1.10: test/evaluation/reference/exact_values.py.
const input: OffPolicyInput = {
  reward: Float64Array.of(1, 0, 1, 1, 0, 1),
  propensity: Float64Array.of(0.5, 0.25, 0.25, 0.5, 0.125, 0.25),
  targetProbability: Float64Array.of(0.25, 0.5, 0.75, 0, 0.375, 1),
  loggedRewardModel: Float64Array.of(0.4, 0.3, 0.5, 0.6, 0.2, 0.7),
  targetRewardModel: Float64Array.of(0.775, 0.2, 0.425, 0.8, 0.3875, 0.7),
}

/** [value, stderr] from OBP / numpy (exact_values.py). */
const OBP: Record<string, [number, number]> = {
  ipw: [1.25, 0.7274384280931733],
  dm: [0.5479166666666667, 0.10002169903464837],
  dr: [0.8479166666666668, 0.4083556541518409],
  "switch-dr(3)": [0.6479166666666667, 0.35012522561379544],
  "ipw-clip(3)": [1.0833333333333333, 0.6112373606964083],
  "ipw-sg(0.3)": [0.7614164086687306, 0.4006348728744861],
  "dr-clip(3)": [0.7979166666666667, 0.3849839913699155],
  "dros(2)": [0.6085227272727273, 0.15937894050056983],
  "dr-sg(0.3)": [0.7288302770500913, 0.28420398900831045],
  snipw: [0.6, 0.23623716896373442],
  sndr: [0.6919166666666666, 0.22818014733490238],
  mips: [0.9583333333333334, 0.4301969833046769],
  snmips: [0.6764705882352942, 0.20043459803323416],
  replay: [0.5, 0.25],
}

/** The rounds `rows` of an input as an input of their own (a resample written out). */
function pick(from: OffPolicyInput, rows: readonly number[]): OffPolicyInput {
  const take = (a: Float64Array | undefined): Float64Array | undefined =>
    a === undefined ? undefined : Float64Array.from(rows, (i) => a[i])
  const takeInt = (a: Int32Array | undefined): Int32Array | undefined =>
    a === undefined ? undefined : Int32Array.from(rows, (i) => a[i])
  return {
    reward: take(from.reward) as Float64Array,
    propensity: take(from.propensity) as Float64Array,
    targetProbability: take(from.targetProbability) as Float64Array,
    loggedRewardModel: take(from.loggedRewardModel),
    targetRewardModel: take(from.targetRewardModel),
    action: takeInt(from.action),
    targetAction: takeInt(from.targetAction),
    marginalWeight: take(from.marginalWeight),
  }
}

const marginal: OffPolicyInput = { ...input, marginalWeight: Float64Array.of(0.75, 1.5, 2, 0.5, 1.25, 2.5) }
// a uniformly random log (p = 1/2) with the target's choices: rounds 0, 1, 4 and 5 match, rewards 1, 0, 0, 1
const replayInput: OffPolicyInput = {
  ...input,
  propensity: new Float64Array(6).fill(0.5),
  action: Int32Array.of(0, 1, 0, 1, 0, 1),
  targetAction: Int32Array.of(0, 1, 1, 0, 0, 1),
}

const CASES: [string, OffPolicyEstimator, OffPolicyInput][] = [
  ["ipw", new InverseProbabilityWeighting(), input],
  ["dm", new DirectMethod(), input],
  ["dr", new DoublyRobust(), input],
  ["switch-dr(3)", new SwitchDoublyRobust({ threshold: 3 }), input],
  ["ipw-clip(3)", new ShrunkInverseProbabilityWeighting("clip", 3), input],
  ["ipw-sg(0.3)", new ShrunkInverseProbabilityWeighting("sub-gaussian", 0.3), input],
  ["dr-clip(3)", new ShrunkDoublyRobust("clip", 3), input],
  ["dros(2)", new ShrunkDoublyRobust("optimistic", 2), input],
  ["dr-sg(0.3)", new ShrunkDoublyRobust("sub-gaussian", 0.3), input],
  ["snipw", new SelfNormalizedInverseProbabilityWeighting(), input],
  ["sndr", new SelfNormalizedDoublyRobust(), input],
  ["mips", new MarginalizedInverseProbabilityWeighting(), marginal],
  ["snmips", new SelfNormalizedMarginalizedInverseProbabilityWeighting(), marginal],
  ["replay", new Replay(), replayInput],
]

describe("every estimator on a six-round log", () => {
  it("equals Open Bandit Pipeline's value and numpy's standard error", () => {
    for (const [name, estimator, data] of CASES) {
      const e = estimatePolicyValue(estimator, data)
      expect([name, e.value]).toEqual([name, expect.closeTo(OBP[name][0], 15)])
      expect([name, e.stderr]).toEqual([name, expect.closeTo(OBP[name][1], 14)])
      expect(e.rows).toBe(6)
      expect(e.estimator).toBe(estimator.name)
    }
  })

  it("gives the same value and standard error from an index multiset as from the rounds written out", () => {
    const rows = [5, 2, 2, 0, 1]
    for (const [name, estimator, data] of CASES) {
      const viaIndices = new Float64Array(estimator.sumsLength)
      estimator.accumulate(data, viaIndices, Int32Array.from(rows))
      const written = new Float64Array(estimator.sumsLength)
      estimator.accumulate(pick(data, rows), written)
      expect([name, Array.from(viaIndices)]).toEqual([name, Array.from(written)])
    }
  })

  it("has a normal interval value ± z₀.₉₇₅·stderr and the input's weight diagnostics", () => {
    const e = estimatePolicyValue(new InverseProbabilityWeighting(), input)
    const z = normalQuantile(0.975)
    expect(e.ci95[0]).toBe(e.value - z * e.stderr)
    expect(e.ci95[1]).toBe(e.value + z * e.stderr)
    expect(e.bootstrapCi95).toBeUndefined()
    // w = [0.5, 2, 3, 0, 3, 4]: Σw = 12.5, Σw² = 38.25, ESS = 12.5²/38.25 (numpy: 4.084967320261438)
    expect(e.weights).toEqual({
      maxWeight: 4,
      meanWeight: 12.5 / 6,
      effectiveSampleSize: expect.closeTo(4.084967320261438, 14),
      zeroWeightShare: 1 / 6,
    })
    // the largest weight wherever it is, not the last one
    expect(weightDiagnostics(pick(input, [5, 0, 2])).maxWeight).toBe(4)
    const none = weightDiagnostics({ ...input, targetProbability: new Float64Array(6) })
    expect(none).toEqual({ maxWeight: 0, meanWeight: 0, effectiveSampleSize: 0, zeroWeightShare: 1 })
  })

  it("bootstraps by resampling rounds: the percentile interval of the estimator on each resample", () => {
    for (const estimator of [new InverseProbabilityWeighting(), new SelfNormalizedInverseProbabilityWeighting()]) {
      const statistic = (indices: Int32Array): number => {
        const sums = new Float64Array(estimator.sumsLength)
        estimator.accumulate(input, sums, indices)
        return estimator.finalize(sums).value
      }
      const expected = bootstrapIndexCi(6, statistic, createRng(3), { resamples: 50 })
      const got = estimatePolicyValue(estimator, input, { rng: createRng(3), resamples: 50 })
      expect(got.bootstrapCi95).toEqual([expected.lower, expected.upper])
      const byDefault = bootstrapIndexCi(6, statistic, createRng(4))
      expect(estimatePolicyValue(estimator, input, { rng: createRng(4) }).bootstrapCi95).toEqual([
        byDefault.lower,
        byDefault.upper,
      ])
    }
  })

  it("switch-DR keeps the correction where w ≤ τ (w = τ included, as OBP), and defaults to τ = 100", () => {
    expect(estimatePolicyValue(new SwitchDoublyRobust({ threshold: 3 }), input).value).toBeCloseTo(
      OBP["switch-dr(3)"][0],
      15,
    )
    // OBP's SwitchDoublyRobust(lambda_=100) on this log equals DR (exact_values.py)
    expect(new SwitchDoublyRobust().threshold).toBe(100)
    expect(estimatePolicyValue(new SwitchDoublyRobust(), input).value).toBeCloseTo(OBP.dr[0], 15)
    expect(new SwitchDoublyRobust({ threshold: 0 }).threshold).toBe(0)
    expect(estimatePolicyValue(new SwitchDoublyRobust({ threshold: 0 }), input).value).toBeCloseTo(OBP.dm[0], 15)
    expect(() => new SwitchDoublyRobust({ threshold: Number.NaN })).toThrow(
      "SwitchDoublyRobust: threshold must be >= 0 (a weight), got NaN",
    )
  })

  it("one round: the mean-type standard error is 0, not a division by n − 1 = 0", () => {
    const one = pick(input, [0])
    expect(estimatePolicyValue(new InverseProbabilityWeighting(), one)).toMatchObject({ value: 0.5, stderr: 0 })
    // SNDR: ĝ + w(r − q̂)/w = 0.775 + 0.6
    expect(estimatePolicyValue(new SelfNormalizedDoublyRobust(), one)).toMatchObject({
      value: expect.closeTo(1.375, 15),
      stderr: 0,
    })
  })

  it("constant terms: the standard error is 0, never the NaN of a rounding-negative variance", () => {
    // IPW terms 0.1, 0.1, 0.1: Σx² − n·x̄² rounds to −1.7e−18
    const flat: OffPolicyInput = {
      reward: Float64Array.of(0.1, 0.1, 0.1),
      propensity: Float64Array.of(0.5, 0.5, 0.5),
      targetProbability: Float64Array.of(0.5, 0.5, 0.5),
    }
    expect(estimatePolicyValue(new InverseProbabilityWeighting(), flat).stderr).toBe(0)
    // SNIPW with w = 0.5, 1.5, 2.5, … and every reward 0.7: Σw²(r − V)² rounds to −1.8e−15
    const w = [0.5, 1.5, 2.5, 0.5, 1.5, 2.5, 0.5]
    const ratio: OffPolicyInput = {
      reward: new Float64Array(7).fill(0.7),
      propensity: new Float64Array(7).fill(0.25),
      targetProbability: Float64Array.from(w, (x) => x * 0.25),
    }
    expect(estimatePolicyValue(new SelfNormalizedInverseProbabilityWeighting(), ratio).stderr).toBe(0)
  })

  it("refuses a self-normalised estimate with no weight, naming the estimator", () => {
    const zero = { ...input, targetProbability: new Float64Array(6), marginalWeight: new Float64Array(6) }
    expect(() => estimatePolicyValue(new SelfNormalizedInverseProbabilityWeighting(), zero)).toThrow(
      "self-normalised estimate undefined: the target policy gives zero weight to every logged round",
    )
    expect(() => estimatePolicyValue(new SelfNormalizedDoublyRobust(), zero)).toThrow(
      "sndr: the target policy gives zero weight to every logged round",
    )
    expect(() => estimatePolicyValue(new SelfNormalizedMarginalizedInverseProbabilityWeighting(), zero)).toThrow(
      /zero weight to every logged round/,
    )
  })
})

describe("replay", () => {
  it("accepts propensities equal to 1e−9 relative and names the first round that differs more", () => {
    const close = { ...replayInput, propensity: Float64Array.of(0.5, 0.5, 0.5, 0.5 * (1 + 1e-12), 0.5, 0.5) }
    expect(estimatePolicyValue(new Replay(), close).value).toBe(0.5)
    // 1e−9 absolute is 2e−9 relative to 0.5: refused
    const tight = { ...replayInput, propensity: Float64Array.of(0.5, 0.5 + 1e-9, 0.5, 0.5, 0.5, 0.5) }
    expect(() => estimatePolicyValue(new Replay(), tight)).toThrow("at round 1")
    const off = { ...replayInput, propensity: Float64Array.of(0.5, 0.5, 0.5, 0.5000005, 0.5, 0.5) }
    expect(() => estimatePolicyValue(new Replay(), off)).toThrow(
      "replay: needs uniformly random logging (Li et al. 2011), but propensities differ (0.5 and 0.5000005 at round 3); use ipw or snipw",
    )
  })

  it("refuses an input without actions, and one where the target never matches the log", () => {
    expect(() => estimatePolicyValue(new Replay(), input)).toThrow(
      "replay: the input needs 'action' and 'targetAction' (build it with offPolicyInput(..., { rng }))",
    )
    const missing = "replay: the input needs 'action' and 'targetAction'"
    expect(() => estimatePolicyValue(new Replay(), { ...replayInput, action: undefined })).toThrow(missing)
    expect(() => estimatePolicyValue(new Replay(), { ...replayInput, targetAction: undefined })).toThrow(missing)
    const never = { ...replayInput, targetAction: Int32Array.of(1, 0, 1, 0, 1, 0) }
    expect(() => estimatePolicyValue(new Replay(), never)).toThrow(
      "replay: no logged action matches the target policy's choice, so replay has no round to average",
    )
  })
})

describe("MIPS", () => {
  it("needs no reward model", () => {
    const bare: OffPolicyInput = {
      reward: input.reward,
      propensity: input.propensity,
      targetProbability: input.targetProbability,
      marginalWeight: marginal.marginalWeight,
    }
    expect(estimatePolicyValue(new MarginalizedInverseProbabilityWeighting(), bare).value).toBeCloseTo(OBP.mips[0], 15)
    expect(estimatePolicyValue(new SelfNormalizedMarginalizedInverseProbabilityWeighting(), bare).value).toBeCloseTo(
      OBP.snmips[0],
      15,
    )
  })

  it("names the missing marginal weights", () => {
    expect(() => estimatePolicyValue(new MarginalizedInverseProbabilityWeighting(), input)).toThrow(
      "mips: the input needs 'marginalWeight' (see marginalImportanceWeights)",
    )
    expect(() => estimatePolicyValue(new SelfNormalizedMarginalizedInverseProbabilityWeighting(), input)).toThrow(
      "snmips: the input needs 'marginalWeight' (see marginalImportanceWeights)",
    )
  })
})

describe("the input check", () => {
  it("returns the number of rounds and names the estimator and the array at fault", () => {
    expect(checkOffPolicyInput(input, new DoublyRobust())).toBe(6)
    const empty: OffPolicyInput = {
      reward: new Float64Array(0),
      propensity: new Float64Array(0),
      targetProbability: new Float64Array(0),
    }
    expect(() => checkOffPolicyInput(empty, new InverseProbabilityWeighting())).toThrow("ipw: the input has no rounds")
    const noPropensity = { ...input, propensity: undefined } as unknown as OffPolicyInput
    expect(() => checkOffPolicyInput(noPropensity, new InverseProbabilityWeighting())).toThrow(
      "ipw: the input needs 'propensity' (logging propensities)",
    )
    const noTarget = { ...input, targetProbability: undefined } as unknown as OffPolicyInput
    expect(() => checkOffPolicyInput(noTarget, new InverseProbabilityWeighting())).toThrow(
      "ipw: the input needs 'targetProbability' (target probabilities)",
    )
    expect(() =>
      checkOffPolicyInput({ ...input, targetProbability: new Float64Array(5) }, new InverseProbabilityWeighting()),
    ).toThrow("ipw: 'targetProbability' has 5 entries, expected 6 (one per round)")
    expect(() => checkOffPolicyInput({ ...input, loggedRewardModel: undefined }, new DoublyRobust())).toThrow(
      "dr: the input needs 'loggedRewardModel' (fit a reward model)",
    )
    expect(() => checkOffPolicyInput({ ...input, targetRewardModel: undefined }, new DirectMethod())).toThrow(
      "dm: the input needs 'targetRewardModel' (fit a reward model)",
    )
    // IPW does not need a reward model
    expect(checkOffPolicyInput({ ...input, loggedRewardModel: undefined }, new InverseProbabilityWeighting())).toBe(6)
  })
})

describe("weight shrinkage", () => {
  it("follows OBP's formulas, at the clipping level too", () => {
    expect(shrinkWeight(2, "clip", 3)).toBe(2)
    expect(shrinkWeight(3, "clip", 3)).toBe(3)
    expect(shrinkWeight(4, "clip", 3)).toBe(3)
    expect(shrinkWeight(3, "optimistic", 2)).toBe(6 / 11) // 2·3/(9 + 2)
    expect(shrinkWeight(3, "sub-gaussian", 0.3)).toBeCloseTo(1.875, 15) // 3/(0.7 + 0.9)
  })

  it("accepts λ at the ends of its range and names the estimator and the range otherwise", () => {
    expect(checkShrinkage("ipw-sg", "sub-gaussian", 0)).toBe(0)
    expect(checkShrinkage("ipw-sg", "sub-gaussian", 1)).toBe(1)
    expect(checkShrinkage("ipw-clip", "clip", 0)).toBe(0)
    expect(checkShrinkage("dros", "optimistic", Infinity)).toBe(Infinity)
    expect(() => checkShrinkage("ipw-sg", "sub-gaussian", -0.1)).toThrow("ipw-sg: lambda must be in [0, 1], got -0.1")
    expect(() => checkShrinkage("dr-sg", "sub-gaussian", 1.1)).toThrow("dr-sg: lambda must be in [0, 1], got 1.1")
    expect(() => checkShrinkage("ipw-clip", "clip", -1)).toThrow(
      "ipw-clip: lambda must be >= 0 (Infinity allowed), got -1",
    )
    expect(() => checkShrinkage("dros", "optimistic", Number.NaN)).toThrow(
      "dros: lambda must be >= 0 (Infinity allowed), got NaN",
    )
    expect(() => new ShrunkInverseProbabilityWeighting("clip", -2)).toThrow("ipw-clip: lambda must be >= 0")
    expect(() => new ShrunkDoublyRobust("sub-gaussian", 2)).toThrow("dr-sg: lambda must be in [0, 1], got 2")
    expect(() => new ShrunkDoublyRobust("clip", -2)).toThrow("dr-clip: lambda must be >= 0")
  })
})

describe("estimators by name", () => {
  it("builds each with its name, its need of a reward model and its default hyper-parameter", () => {
    const built = OFF_POLICY_ESTIMATORS.map((name) => {
      const e = offPolicyEstimator(name)
      return [e.name, e.needsRewardModel]
    })
    expect(built).toEqual([
      ["replay", false],
      ["ipw", false],
      ["snipw", false],
      ["dm", true],
      ["dr", true],
      ["sndr", true],
      ["switch-dr", true],
      ["ipw-clip", false],
      ["ipw-sg", false],
      ["dr-clip", true],
      ["dros", true],
      ["dr-sg", true],
    ])
    const lambda = (name: string, options = {}): [string, number] => {
      const e = offPolicyEstimator(name, options) as ShrunkInverseProbabilityWeighting | ShrunkDoublyRobust
      return [e.kind, e.lambda]
    }
    expect(lambda("ipw-clip")).toEqual(["clip", 100])
    expect(lambda("ipw-sg")).toEqual(["sub-gaussian", 0.1])
    expect(lambda("dr-clip")).toEqual(["clip", 100])
    expect(lambda("dros")).toEqual(["optimistic", 100])
    expect(lambda("dr-sg")).toEqual(["sub-gaussian", 0.1])
    expect((offPolicyEstimator("switch-dr") as SwitchDoublyRobust).threshold).toBe(100)
  })

  it("passes each hyper-parameter to its estimators only", () => {
    const options = { switchThreshold: 7, clip: 3, shrinkage: 2, subGaussian: 0.3 }
    const lambda = (name: string): number =>
      (offPolicyEstimator(name, options) as ShrunkInverseProbabilityWeighting | ShrunkDoublyRobust).lambda
    expect(["ipw-clip", "ipw-sg", "dr-clip", "dros", "dr-sg"].map(lambda)).toEqual([3, 0.3, 3, 2, 0.3])
    expect((offPolicyEstimator("switch-dr", options) as SwitchDoublyRobust).threshold).toBe(7)
    expect(() => offPolicyEstimator("ips")).toThrow(
      "unknown estimator 'ips' (allowed: replay, ipw, snipw, dm, dr, sndr, switch-dr, ipw-clip, ipw-sg, dr-clip, dros, dr-sg)",
    )
  })
})

describe("SLOPE", () => {
  it("Student-t quantiles equal scipy's t.ppf, and widths scale the standard error", () => {
    // scipy 1.10: t.ppf(0.9, 5) = 1.4758840487820273, t.ppf(0.8, 5) = 0.919543780236326 (exact_values.py);
    // to 1e−9, the accuracy of studentTCdf
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(1.4758840487820273, 9)
    expect(studentTQuantile(0.8, 5)).toBeCloseTo(0.919543780236326, 9)
    expect(slopeWidth(6, 0.5)).toBe(0.5 * studentTQuantile(0.9, 5))
    expect(slopeWidth(6, 0.5, 0.2)).toBe(0.5 * studentTQuantile(0.8, 5))
    expect(() => studentTQuantile(0, 5)).toThrow("studentTQuantile: p must be in (0, 1), got 0")
    expect(() => studentTQuantile(1, 5)).toThrow("studentTQuantile: p must be in (0, 1), got 1")
  })

  it("tests the widest first, accepts a tie at the bound, stops at the first contradiction", () => {
    expect(() => slope([])).toThrow("slope: give at least one candidate")
    // widths 0: an estimate agrees only with an equal one, |a − c| ≤ 0
    expect(
      slope([
        { name: "a", value: 1, width: 0 },
        { name: "b", value: 1, width: 0 },
      ]).chosen,
    ).toBe("b")
    const choice = slope([
      { name: "narrow", value: 0.5, width: 0.1 },
      { name: "wide", value: 0.5, width: 0.3 },
      { name: "off", value: 5, width: 0.2 },
      { name: "off-too", value: 9, width: 0.15 },
    ])
    // after "off" is rejected nothing is accepted, even "narrow", which agrees with "wide"
    expect(choice.tested.map((t) => [t.name, t.accepted])).toEqual([
      ["wide", true],
      ["off", false],
      ["off-too", false],
      ["narrow", false],
    ])
    expect(choice.tested[0]).toEqual({ name: "wide", value: 0.5, width: 0.3, accepted: true })
    expect(choice.chosen).toBe("wide")
    expect(choice.reason).toBe(
      "wide is the most precise estimate (±0.300) that every less biased one agrees with; off (5.000 ± 0.200) is narrower but contradicts them, a sign of bias",
    )
    const agree = slope([
      { name: "x", value: 0.5, width: 0.3 },
      { name: "y", value: 0.45, width: 0.1 },
    ])
    expect(agree.chosen).toBe("y")
    expect(agree.reason).toBe("y has the narrowest interval (±0.100) and agrees with every wider one")
  })

  it("tunes λ with the Student-t widths at the given δ", () => {
    expect(() => tuneBySlope((l) => new ShrunkInverseProbabilityWeighting("clip", l), [], input)).toThrow(
      "tuneBySlope: give at least one lambda",
    )
    const lambdas = [1, 3, Infinity]
    for (const delta of [0.1, 0.3]) {
      const tuned = tuneBySlope((l) => new ShrunkInverseProbabilityWeighting("clip", l), lambdas, input, delta)
      const candidates = lambdas.map((l) => {
        const e = estimatePolicyValue(new ShrunkInverseProbabilityWeighting("clip", l), input)
        return { name: String(l), value: e.value, width: slopeWidth(6, e.stderr, delta) }
      })
      const expected = slope(candidates)
      expect(tuned.choice).toEqual(expected)
      expect(tuned.lambda).toBe(Number(expected.chosen))
      expect(tuned.value).toBe(candidates.find((c) => c.name === expected.chosen)?.value)
    }
  })
})

describe("balanced propensities", () => {
  // two loggers, uniform and (0.2, 0.8), with shares 1/4 and 3/4: p̄(0) = 0.125 + 0.15, p̄(1) = 0.125 + 0.6
  const log: BanditLog = {
    length: 3,
    nActions: 2,
    nPositions: 1,
    action: Int32Array.of(0, 1, 1),
    position: new Int32Array(3),
    reward: Float64Array.of(1, 0, 1),
    propensity: Float64Array.of(0.5, 0.5, 0.8),
    featureNames: [],
    context: new Float64Array(0),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "three rounds",
  }
  const uniform = new ContextFreeTarget("uniform", 2, 1, Float64Array.of(0.5, 0.5))
  const skewed = new ContextFreeTarget("skewed", 2, 1, Float64Array.of(0.2, 0.8))

  it("mixes the loggers' probabilities of the logged action by their shares", () => {
    const p = balancedPropensity(log, [uniform, skewed], [0.25, 0.75])
    expect(Array.from(p)).toEqual([0.125 + 0.2 * 0.75, 0.125 + 0.8 * 0.75, 0.125 + 0.8 * 0.75])
    // a logger may have a zero share
    expect(Array.from(balancedPropensity(log, [uniform, skewed], [0, 1]))).toEqual([0.2, 0.8, 0.8])
    // shares that sum to 1 only up to rounding are accepted
    expect(balancedPropensity(log, [uniform, skewed, uniform], [0.1, 0.2, 0.7])[0]).toBeCloseTo(
      0.5 * 0.8 + 0.2 * 0.2,
      15,
    )
  })

  it("names what is wrong with the loggers, the shares or a round", () => {
    expect(() => balancedPropensity(log, [], [])).toThrow(
      "balancedPropensity: give one share per logger (0 loggers, 0 shares)",
    )
    expect(() => balancedPropensity(log, [uniform, skewed], [1])).toThrow(
      "balancedPropensity: give one share per logger (2 loggers, 1 shares)",
    )
    expect(() => balancedPropensity(log, [uniform, skewed], [0.5, 0.6])).toThrow(
      "balancedPropensity: shares must be >= 0 and sum to 1, got 0.5, 0.6",
    )
    expect(() => balancedPropensity(log, [uniform, skewed], [-0.5, 1.5])).toThrow(
      "balancedPropensity: shares must be >= 0 and sum to 1, got -0.5, 1.5",
    )
    const first = new ContextFreeTarget("first", 2, 1, Float64Array.of(1, 0))
    expect(() => balancedPropensity(log, [first], [1])).toThrow(
      "balancedPropensity: round 1: no logger could have logged action 1",
    )
  })
})

describe("offPolicyInput", () => {
  // four rounds of three actions; target π = (0.2, 0.3, 0.5); q̂(round i) = (0.1 + i/100, 0.4, 0.7)
  const log: BanditLog = {
    length: 4,
    nActions: 3,
    nPositions: 1,
    action: Int32Array.of(0, 2, 1, 2),
    position: new Int32Array(4),
    reward: Float64Array.of(1, 0, 0, 1),
    propensity: new Float64Array(4).fill(1 / 3),
    featureNames: [],
    context: new Float64Array(0),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "four rounds",
  }
  const target = new ContextFreeTarget("t", 3, 1, Float64Array.of(0.2, 0.3, 0.5))
  const model: RewardModel = {
    name: "table",
    fit() {
      return this
    },
    predictRound(_log, i, out) {
      out.set([0.1 + i / 100, 0.4, 0.7])
    },
  }

  it("gives π(aᵢ), q̂(aᵢ) and Σₐ π(a) q̂(a) per round, and draws ãᵢ by the inverse CDF of π", () => {
    const draws = [0.1, 0.2, 0.45, 0.6]
    let next = 0
    const rng: Rng = { next: () => draws[next++], nextUint32: () => 0 }
    const x = offPolicyInput(log, target, { rewardModel: model, rng })
    expect(Array.from(x.targetProbability)).toEqual([0.2, 0.5, 0.3, 0.5])
    expect(Array.from(x.loggedRewardModel as Float64Array)).toEqual([0.1, 0.7, 0.4, 0.7])
    const g = [0, 1, 2, 3].map((i) => expect.closeTo(0.2 * (0.1 + i / 100) + 0.3 * 0.4 + 0.5 * 0.7, 15))
    expect(Array.from(x.targetRewardModel as Float64Array)).toEqual(g)
    // u = 0.1 < 0.2 → 0; u = 0.2 is not below 0.2 → 1; 0.45 − 0.2 < 0.3 → 1; 0.6 − 0.2 − 0.3 ≥ 0 → the last, 2
    expect(Array.from(x.targetAction as Int32Array)).toEqual([0, 1, 1, 2])
    expect([x.reward, x.propensity, x.action]).toEqual([log.reward, log.propensity, log.action])
  })

  it("draws the last action when u lies beyond probabilities that sum to 1 only up to rounding", () => {
    const short = new ContextFreeTarget("short", 3, 1, Float64Array.of(0.2, 0.3, 0.4999999))
    const rng: Rng = { next: () => 0.99999995, nextUint32: () => 0 }
    expect(Array.from(offPolicyInput(log, short, { rng }).targetAction as Int32Array)).toEqual([2, 2, 2, 2])
  })

  it("leaves out what it was not asked for, and refuses a target of another action count", () => {
    const x = offPolicyInput(log, target)
    expect([x.loggedRewardModel, x.targetRewardModel, x.targetAction]).toEqual([undefined, undefined, undefined])
    const two = new ContextFreeTarget("two", 2, 1, Float64Array.of(0.5, 0.5))
    expect(() => offPolicyInput(log, two)).toThrow("offPolicyInput: the target 'two' has 2 actions, the log has 3")
  })
})
