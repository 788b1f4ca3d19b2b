import { describe, expect, it } from "vitest"
import { PlackettLuceSlatePolicy } from "../../src/evaluation/plackett-luce-slate-policy"
import {
  SlateCascadeDoublyRobust,
  SlateIndependentIps,
  SlateRewardInteractionIps,
  SlateStandardIps,
  estimateSlatePolicyValue,
} from "../../src/evaluation/slate-estimators"
import type { SlateOffPolicyInput } from "../../src/evaluation/slate-input"
import { TabularSlateRewardModel } from "../../src/evaluation/slate-reward-model"
import type { Rng } from "../../src/random/rng"
import type { SlateLog } from "../../src/schema/slate-log"

// Hand-computed cases: three items with scores sₐ = Wₐ·x, W = (0, 1, 2) and x = ln 2, so that the
// Plackett–Luce weights exp(sₐ) are 1, 2 and 4 (total 7).

/** An Rng that returns the given uniforms in turn. */
function fixedRng(...values: number[]): Rng {
  let i = 0
  return { next: () => values[i++], nextUint32: () => 0 }
}

/** The features row (99, ln 2): the policies read it at offset 1. */
function features(): Float64Array {
  return Float64Array.of(99, Math.LN2)
}

function policy(temperature?: number): PlackettLuceSlatePolicy {
  return new PlackettLuceSlatePolicy("pl", Float64Array.of(0, 1, 2), 3, 1, temperature ? { temperature } : {})
}

describe("PlackettLuceSlatePolicy by hand (weights 1, 2, 4)", () => {
  it("cascade probabilities are the products of the conditionals: 4/7, 4/7·2/3, then 1", () => {
    const out = new Float64Array(5)
    policy().cascadeProbabilities(features(), 1, Int32Array.of(7, 2, 1, 0), 1, 3, out, 1)
    expect(out[0]).toBe(0)
    expect(out[1]).toBeCloseTo(4 / 7, 15)
    expect(out[2]).toBeCloseTo(8 / 21, 15)
    expect(out[3]).toBeCloseTo(8 / 21, 15)
    expect(out[4]).toBe(0)
    // default offset 0, a prefix of one
    const first = new Float64Array(1)
    policy().cascadeProbabilities(features(), 1, Int32Array.of(0), 0, 1, first)
    expect(first[0]).toBeCloseTo(1 / 7, 15)
  })

  it("the conditional at position k renormalises over the items not shown above", () => {
    const out = new Float64Array(3)
    policy().conditional(features(), 1, Int32Array.of(5, 2, 0), 1, 0, out)
    expect(Array.from(out).map((v) => v * 7)).toEqual([1, 2, 4].map((v) => expect.closeTo(v, 13)))
    policy().conditional(features(), 1, Int32Array.of(5, 2, 0), 1, 1, out)
    expect(out[0]).toBeCloseTo(1 / 3, 15)
    expect(out[1]).toBeCloseTo(2 / 3, 15)
    expect(out[2]).toBe(0)
    policy().conditional(features(), 1, Int32Array.of(5, 2, 0), 1, 2, out)
    expect(Array.from(out)).toEqual([0, 1, 0])
  })

  it("marginals enumerate the prefixes: position 2 is (26, 45, 34)/105, position 3 (64, 30, 11)/105", () => {
    const out = new Float64Array(9).fill(5)
    policy().marginals(features(), 1, 3, out)
    const expected = [15, 30, 60, 26, 45, 34, 64, 30, 11].map((v) => v / 105)
    for (let j = 0; j < 9; j++) expect(out[j]).toBeCloseTo(expected[j], 14)
    // a shorter slate fills its rows only and clears what was there
    const two = new Float64Array(9).fill(5)
    policy().marginals(features(), 1, 2, two)
    for (let j = 0; j < 6; j++) expect(two[j]).toBeCloseTo(expected[j], 14)
    expect(Array.from(two.subarray(6))).toEqual([5, 5, 5])
    const one = new Float64Array(3)
    policy().marginals(features(), 1, 1, one)
    expect(Array.from(one).map((v) => v * 7)).toEqual([1, 2, 4].map((v) => expect.closeTo(v, 13)))
  })

  it("the temperature divides the scores: weights 1, √2, 2 at τ = 2", () => {
    const out = new Float64Array(2)
    policy(2).cascadeProbabilities(features(), 1, Int32Array.of(2, 1), 0, 2, out)
    const total = 1 + Math.SQRT2 + 2
    expect(out[0]).toBeCloseTo(2 / total, 15)
    expect(out[1]).toBeCloseTo((2 / total) * (Math.SQRT2 / (1 + Math.SQRT2)), 15)
  })

  it("reads row a of W (nActions × nFeatures) against the context at its offset", () => {
    // W = ((0, 0), (0, 1), (2, 0)) and x = (ln 2, ln 2) at offset 2: scores 0, ln 2, 2 ln 2
    const twoFeatures = new PlackettLuceSlatePolicy("two", Float64Array.of(0, 0, 0, 1, 2, 0), 3, 2)
    const out = new Float64Array(2)
    twoFeatures.cascadeProbabilities(Float64Array.of(9, 9, Math.LN2, Math.LN2), 2, Int32Array.of(2, 1), 0, 2, out)
    expect(out[0]).toBeCloseTo(4 / 7, 15)
    expect(out[1]).toBeCloseTo(8 / 21, 15)
  })

  it("subtracts the largest score before exp: scores of 800 and 1600 give (0, 0, 1), not NaN", () => {
    const out = new Float64Array(3)
    policy().marginals(Float64Array.of(800), 0, 1, out)
    expect(Array.from(out)).toEqual([0, 0, 1])
    // the largest score is not the last: (0, 1600, 800)
    new PlackettLuceSlatePolicy("mid", Float64Array.of(0, 2, 1), 3, 1).marginals(Float64Array.of(800), 0, 1, out)
    expect(Array.from(out)).toEqual([0, 1, 0])
    // all scores negative: the largest is still the reference
    const neg = new PlackettLuceSlatePolicy("neg", Float64Array.of(-3, -2, -1), 3, 1)
    neg.marginals(Float64Array.of(800), 0, 1, out)
    expect(Array.from(out)).toEqual([0, 0, 1])
  })

  it("samples by the inverse CDF over the items left, u·total compared with < (u = 1/7 is item 1)", () => {
    const slate = new Int32Array(4).fill(-1)
    // u = 0.5: x = 3.5 passes 1 and 2 → item 2; then total 3, x = 1.5 passes 1 → item 1; then item 0
    policy().sample(features(), 1, 3, fixedRng(0.5, 0.5, 0.5), slate, 1)
    expect(Array.from(slate)).toEqual([-1, 2, 1, 0])
    // x = 1 equals item 0's weight: it is not below it, so item 1; then x = 0 picks item 0 (the first left)
    slate.fill(-1)
    policy().sample(features(), 1, 2, fixedRng(1 / 7, 0), slate)
    expect(Array.from(slate)).toEqual([1, 0, -1, -1])
    // just under: item 0; then x = 0.99·6 = 5.94 passes item 1 (2) and lands on item 2 (4)
    policy().sample(features(), 1, 2, fixedRng(0.99 / 7, 0.99), slate)
    expect(Array.from(slate.subarray(0, 2))).toEqual([0, 2])
    // after item 0 the total is 6: x = 0.3·6 = 1.8 is item 1's
    policy().sample(features(), 1, 2, fixedRng(0.1, 0.3), slate)
    expect(Array.from(slate.subarray(0, 2))).toEqual([0, 1])
    // after item 1 (total 5), x = 1.5 passes item 0 and skips the used item 1 to land on item 2
    policy().sample(features(), 1, 2, fixedRng(1.5 / 7, 0.3), slate)
    expect(Array.from(slate.subarray(0, 2))).toEqual([1, 2])
    // a round-off past the end picks the last item not yet shown
    policy().sample(features(), 1, 3, fixedRng(0.9, 0.5, 1), slate)
    expect(Array.from(slate.subarray(0, 3))).toEqual([2, 1, 0])
  })

  it("names bad weights, temperatures and slate lengths; a slate of every item is allowed", () => {
    expect(() => new PlackettLuceSlatePolicy("p", new Float64Array(5), 3, 2)).toThrow(
      "PlackettLuceSlatePolicy: weights must have nActions × nFeatures = 6 entries, got 5",
    )
    expect(() => new PlackettLuceSlatePolicy("p", new Float64Array(3), 3, 1, { temperature: 0 })).toThrow(
      "PlackettLuceSlatePolicy: temperature must be > 0, got 0",
    )
    expect(() => new PlackettLuceSlatePolicy("p", new Float64Array(3), 3, 1, { temperature: Number.NaN })).toThrow(
      "temperature must be > 0, got NaN",
    )
    const out = new Float64Array(9)
    for (const bad of [0, 4, 1.5])
      expect(() => policy().marginals(features(), 1, bad, out)).toThrow(`pl: a slate holds 1..3 items, got ${bad}`)
    expect(() => policy().sample(features(), 1, 4, fixedRng(0.5), new Int32Array(4))).toThrow(
      "pl: a slate holds 1..3 items, got 4",
    )
    expect(() => policy().cascadeProbabilities(features(), 1, new Int32Array(4), 0, 0, out)).toThrow(
      "pl: a slate holds 1..3 items, got 0",
    )
    expect(() => policy().marginals(features(), 1, 3, out)).not.toThrow()
  })
})

/** Two slates of two positions, weights chosen by hand. */
function handInput(): SlateOffPolicyInput {
  return {
    slateLength: 2,
    reward: Float64Array.of(1, 0, 0, 1),
    standardWeight: Float64Array.of(2, 0.5),
    independentWeight: Float64Array.of(1.5, 1, 0.5, 2),
    cascadeWeight: Float64Array.of(1.5, 2, 0.25, 0.5),
    loggedRewardModel: Float64Array.of(0.5, 0.2, 0.4, 0.3),
    targetRewardModel: Float64Array.of(0.6, 0.1, 0.3, 0.2),
  }
}

describe("slate estimators by hand", () => {
  it("per-slate terms, their mean and the standard error sd/√n", () => {
    // per slate: SIPS 2 and 0.5; IIPS 1.5 and 2; RIPS 1.5 and 0.5; cascade-DR 1.1 and 0.6
    const cases = [
      [new SlateStandardIps(), 2, 0.5],
      [new SlateIndependentIps(), 1.5, 2],
      [new SlateRewardInteractionIps(), 1.5, 0.5],
      [new SlateCascadeDoublyRobust(), 1.1, 0.6],
    ] as const
    for (const [estimator, a, b] of cases) {
      const { value, stderr } = estimateSlatePolicyValue(estimator, handInput())
      expect(value, estimator.name).toBeCloseTo((a + b) / 2, 14)
      // two values: s = |a − b|/√2, stderr = s/√2 = |a − b|/2
      expect(stderr, estimator.name).toBeCloseTo(Math.abs(a - b) / 2, 14)
    }
  })

  it("accumulates the multiset of slates it is given", () => {
    const cases = [
      [new SlateStandardIps(), 0.5],
      [new SlateIndependentIps(), 2],
      [new SlateRewardInteractionIps(), 0.5],
      [new SlateCascadeDoublyRobust(), 0.6],
    ] as const
    for (const [estimator, second] of cases) {
      const sums = new Float64Array(estimator.sumsLength)
      estimator.accumulate(handInput(), sums, Int32Array.of(1, 1, 1))
      expect(sums[0], estimator.name).toBe(3)
      expect(sums[1], estimator.name).toBeCloseTo(3 * second, 14)
      expect(sums[2], estimator.name).toBeCloseTo(3 * second * second, 14)
      expect(estimator.finalize(sums).value).toBeCloseTo(second, 14)
    }
  })

  it("has its name, its need of a reward model and mean sums", () => {
    const all = [
      new SlateStandardIps(),
      new SlateIndependentIps(),
      new SlateRewardInteractionIps(),
      new SlateCascadeDoublyRobust(),
    ]
    expect(all.map((e) => [e.name, e.needsRewardModel, e.sumsLength])).toEqual([
      ["sips", false, 3],
      ["iips", false, 3],
      ["rips", false, 3],
      ["cascade-dr", true, 3],
    ])
  })

  it("cascade-DR names a missing reward-model array; an empty input is refused by name", () => {
    const message =
      "cascade-dr: the input needs 'loggedRewardModel' and 'targetRewardModel' (give slateOffPolicyInput a reward model)"
    expect(() =>
      estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), { ...handInput(), targetRewardModel: undefined }),
    ).toThrow(message)
    expect(() =>
      estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), { ...handInput(), loggedRewardModel: undefined }),
    ).toThrow(message)
    const empty: SlateOffPolicyInput = {
      slateLength: 2,
      reward: new Float64Array(0),
      standardWeight: new Float64Array(0),
      independentWeight: new Float64Array(0),
      cascadeWeight: new Float64Array(0),
    }
    expect(() => estimateSlatePolicyValue(new SlateRewardInteractionIps(), empty)).toThrow(
      "rips: the input has no slates",
    )
  })
})

/** Three slates of two positions over three items. */
function slateLog(): SlateLog {
  return {
    length: 3,
    slateLength: 2,
    nActions: 3,
    nFeatures: 1,
    features: new Float64Array(3),
    action: Int32Array.of(0, 1, 0, 2, 1, 0),
    reward: Float64Array.of(1, 0, 1, 1, 0, 1),
    pscoreSlate: new Float64Array(3).fill(1),
    pscoreItem: new Float64Array(6).fill(1),
    pscoreCascade: new Float64Array(6).fill(1),
    source: "hand",
  }
}

describe("TabularSlateRewardModel", () => {
  it("is the Laplace-smoothed click rate (clicks + α)/(shows + 2α) of each (item, position)", () => {
    const model = new TabularSlateRewardModel().fit(slateLog())
    expect(model.name).toBe("click rate per (item, position)")
    const out = new Float64Array(3)
    // position 0: item 0 shown twice, clicked twice → 3/4; item 1 once, no click → 1/3; item 2 never → 1/2
    model.predict(slateLog(), 0, 0, out)
    expect(Array.from(out)).toEqual([3 / 4, 1 / 3, 1 / 2])
    // position 1: item 0 once clicked → 2/3; item 1 once not → 1/3; item 2 once clicked → 2/3
    model.predict(slateLog(), 2, 1, out)
    expect(Array.from(out)).toEqual([2 / 3, 1 / 3, 2 / 3])
  })

  it("takes the smoothing α, and without smoothing an item never shown predicts 0", () => {
    const out = new Float64Array(3)
    new TabularSlateRewardModel({ smoothing: 0.5 }).fit(slateLog()).predict(slateLog(), 0, 0, out)
    expect(Array.from(out)).toEqual([2.5 / 3, 0.5 / 2, 0.5])
    new TabularSlateRewardModel({ smoothing: 0 }).fit(slateLog()).predict(slateLog(), 0, 0, out)
    expect(Array.from(out)).toEqual([1, 0, 0])
  })

  it("names a negative smoothing and needs fit before predict", () => {
    expect(() => new TabularSlateRewardModel({ smoothing: -1 })).toThrow(
      "TabularSlateRewardModel: smoothing must be >= 0, got -1",
    )
    expect(() => new TabularSlateRewardModel({ smoothing: Number.NaN })).toThrow("smoothing must be >= 0, got NaN")
    expect(() => new TabularSlateRewardModel().predict(slateLog(), 0, 0, new Float64Array(3))).toThrow(
      "TabularSlateRewardModel.predict: call fit first",
    )
  })
})
