import { describe, expect, it } from "vitest"
import { PlackettLuceSlatePolicy } from "../../src/evaluation/plackett-luce-slate-policy"
import { slateOffPolicyInput } from "../../src/evaluation/slate-input"
import { singleItemLog, singleItemTarget } from "../../src/evaluation/slate-policy-target"
import type { SlateRewardModel } from "../../src/evaluation/slate-reward-model"
import type { SlateLog } from "../../src/schema/slate-log"

// The slate estimators' input on two slates of two items out of three, every weight worked out by hand.
// Target: Plackett–Luce with scores (0, ln 2, ln 3)·x₀ (x₁ has weight 0). Slate 0 has x = (1, 0): item weights
// ∝ (1, 2, 3), total 6; slate 1 has x = (0, 1): uniform.
//   slate 0 shows (2, 0): cascade π(2) = 3/6 = 1/2, π(2, 0) = 1/2 · 1/(6 − 3) = 1/6;
//     marginals at position 0: (1/6, 1/3, 1/2); at position 1: item 0: 1/3 · 1/4 + 1/2 · 1/3 = 1/4,
//     item 1: 1/6 · 2/5 + 1/2 · 2/3 = 2/5, item 2: 1/6 · 3/5 + 1/3 · 3/4 = 7/20;
//     conditionals: position 0 (1/6, 1/3, 1/2), position 1 after item 2: (1/3, 2/3, 0).
//   slate 1 shows (1, 2): cascade 1/3, 1/3 · 1/2 = 1/6; marginals 1/3 everywhere;
//     conditionals: position 0 (1/3, 1/3, 1/3), position 1 after item 1: (1/2, 0, 1/2).
function target(): PlackettLuceSlatePolicy {
  return new PlackettLuceSlatePolicy("target", Float64Array.of(0, 0, Math.log(2), 0, Math.log(3), 0), 3, 2)
}

function twoSlates(): SlateLog {
  return {
    length: 2,
    slateLength: 2,
    nActions: 3,
    nFeatures: 2,
    features: Float64Array.of(1, 0, 0, 1),
    action: Int32Array.of(2, 0, 1, 2),
    reward: Float64Array.of(1, 0, 0, 1),
    pscoreSlate: Float64Array.of(0.25, 0.5),
    pscoreItem: Float64Array.of(0.25, 0.5, 0.25, 0.5),
    pscoreCascade: Float64Array.of(0.5, 0.25, 0.5, 0.5),
    source: "two slates",
  }
}

/** q̂(xᵢ, ·, k) = (1 + i + 10k, 2, 4), recording each (i, k) asked. */
function tableModel(asked: number[][]): SlateRewardModel {
  return {
    name: "table",
    fit() {
      return this
    },
    predict(_log, i, k, out) {
      asked.push([i, k])
      out.set([1 + i + 10 * k, 2, 4])
    },
  }
}

const close = (values: number[]): unknown[] => values.map((v) => expect.closeTo(v, 14))

describe("slateOffPolicyInput", () => {
  it("gives the standard, independent and cascade weights of each slate and position", () => {
    const log = twoSlates()
    const x = slateOffPolicyInput(log, target())
    expect(x.slateLength).toBe(2)
    expect(x.reward).toBe(log.reward)
    // π(s)/π₀(s): (1/6)/0.25, (1/6)/0.5
    expect(Array.from(x.standardWeight)).toEqual(close([2 / 3, 1 / 3]))
    // cascade: (1/2)/0.5, (1/6)/0.25, (1/3)/0.5, (1/6)/0.5
    expect(Array.from(x.cascadeWeight)).toEqual(close([1, 2 / 3, 2 / 3, 1 / 3]))
    // marginals of the shown items: (1/2)/0.25, (1/4)/0.5, (1/3)/0.25, (1/3)/0.5
    expect(Array.from(x.independentWeight)).toEqual(close([2, 0.5, 4 / 3, 2 / 3]))
    expect([x.loggedRewardModel, x.targetRewardModel]).toEqual([undefined, undefined])
  })

  it("with a reward model: q̂ of the shown item and Σₐ π(a at k | prefix) q̂(a) at every position", () => {
    const asked: number[][] = []
    const x = slateOffPolicyInput(twoSlates(), target(), tableModel(asked))
    expect(asked).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ])
    // shown items 2, 0, 1, 2 with q̂ (1, 2, 4), (11, 2, 4), (2, 2, 4), (12, 2, 4)
    expect(Array.from(x.loggedRewardModel as Float64Array)).toEqual([4, 11, 2, 4])
    // 1/6 + 2/3 + 2 = 17/6; 11/3 + 4/3 = 5; (2 + 2 + 4)/3 = 8/3; 12/2 + 4/2 = 8
    expect(Array.from(x.targetRewardModel as Float64Array)).toEqual(close([17 / 6, 5, 8 / 3, 8]))
  })

  it("refuses a target of other items or features, naming both counts", () => {
    const log = twoSlates()
    const fewerItems = new PlackettLuceSlatePolicy("small", new Float64Array(4), 2, 2)
    expect(() => slateOffPolicyInput(log, fewerItems)).toThrow(
      "slateOffPolicyInput: the target 'small' has 2 items and 2 features, the log 3 and 2",
    )
    const moreFeatures = new PlackettLuceSlatePolicy("wide", new Float64Array(9), 3, 3)
    expect(() => slateOffPolicyInput(log, moreFeatures)).toThrow(
      "slateOffPolicyInput: the target 'wide' has 3 items and 3 features, the log 3 and 2",
    )
  })
})

describe("one-item slates as a bandit log", () => {
  it("the target's distribution is its first-position marginal at round i's features", () => {
    const t = singleItemTarget(target())
    expect([t.name, t.nActions]).toEqual(["target", 3])
    const log = singleItemLog({ ...twoSlates(), slateLength: 1, action: Int32Array.of(2, 1) })
    const out = new Float64Array(3)
    t.actionProbabilities(log, 0, out)
    expect(Array.from(out)).toEqual(close([1 / 6, 1 / 3, 1 / 2]))
    t.actionProbabilities(log, 1, out)
    expect(Array.from(out)).toEqual(close([1 / 3, 1 / 3, 1 / 3]))
  })

  it("keeps the slate log's arrays, propensity = the slate's, one position, features named f0, f1 …", () => {
    const slates = { ...twoSlates(), slateLength: 1, action: Int32Array.of(2, 1) }
    const log = singleItemLog(slates)
    expect(log).toEqual({
      length: 2,
      nActions: 3,
      nPositions: 1,
      action: slates.action,
      position: new Int32Array(2),
      reward: slates.reward,
      propensity: slates.pscoreSlate,
      featureNames: ["f0", "f1"],
      context: slates.features,
      categoricalNames: [],
      categorical: new Int32Array(0),
      categoricalLevels: [],
      source: "two slates",
    })
    expect(log.propensity).toBe(slates.pscoreSlate)
    expect(() => singleItemLog(twoSlates())).toThrow("singleItemLog: the slates hold 2 items, expected 1")
  })
})
