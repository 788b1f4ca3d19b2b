import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { SyntheticSlateProblem } from "../../src/simulation/slate-log-synthetic"
import { PlackettLuceSlatePolicy } from "../../src/evaluation/plackett-luce-slate-policy"
import { slateOffPolicyInput, type SlateOffPolicyInput } from "../../src/evaluation/slate-input"
import {
  SlateCascadeDoublyRobust,
  SlateIndependentIps,
  SlateRewardInteractionIps,
  SlateStandardIps,
  estimateSlatePolicyValue,
} from "../../src/evaluation/slate-estimators"
import { TabularSlateRewardModel } from "../../src/evaluation/slate-reward-model"
import { slateEstimatorStudy } from "../../src/simulation/slate-study"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

const problem = new SyntheticSlateProblem({ world: { users: 400, items: 200, seed: 7 }, slateLength: 3 })
const K = problem.nActions
const D = problem.nFeatures
const setup = createRng(18)
const loggingWeights = Float64Array.from({ length: K * D }, () => normal(setup, 0, 0.5))
const logging = new PlackettLuceSlatePolicy("logging", loggingWeights, K, D)
// the target departs from the logger by a random perturbation of its scores
const target = new PlackettLuceSlatePolicy(
  "target",
  loggingWeights.map((w) => w + normal(setup, 0, 0.4)),
  K,
  D,
)

describe("Plackett–Luce slate policy", () => {
  it("marginals are distributions per position and match the sampling frequencies", () => {
    const ctx = problem.contexts(1, createRng(1))
    const m = new Float64Array(3 * K)
    logging.marginals(ctx.features, 0, 3, m)
    for (let k = 0; k < 3; k++) expect(m.subarray(k * K, (k + 1) * K).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14)
    const counts = new Float64Array(3 * K)
    const slate = new Int32Array(3)
    const rng = createRng(2)
    const draws = 40000
    let distinct = 0
    for (let t = 0; t < draws; t++) {
      logging.sample(ctx.features, 0, 3, rng, slate)
      if (slate[0] !== slate[1] && slate[1] !== slate[2] && slate[0] !== slate[2]) distinct++
      for (let k = 0; k < 3; k++) counts[k * K + slate[k]] += 1
    }
    expect(distinct).toBe(draws)
    for (let j = 0; j < 3 * K; j++)
      expect(Math.abs(counts[j] / draws - m[j])).toBeLessThan(4 * Math.sqrt((m[j] * (1 - m[j])) / draws) + 1e-9)
    // the cascade probability of a slate is the product of its conditionals
    const p = new Float64Array(3)
    logging.cascadeProbabilities(ctx.features, 0, Int32Array.of(2, 0, 5), 0, 3, p)
    const c = new Float64Array(K)
    let prod = 1
    for (let k = 0; k < 3; k++) {
      logging.conditional(ctx.features, 0, Int32Array.of(2, 0, 5), 0, k, c)
      prod *= c[[2, 0, 5][k]]
      expect(p[k]).toBeCloseTo(prod, 15)
    }
    expect(() => logging.marginals(ctx.features, 0, K + 1, m)).toThrow(/logging: a slate holds 1\.\.12 items, got 13/)
  })
})

describe("slate estimators on a hand-computed case", () => {
  // two slates of two positions; weights chosen by hand
  const input: SlateOffPolicyInput = {
    slateLength: 2,
    reward: Float64Array.of(1, 0, 0, 1),
    standardWeight: Float64Array.of(2, 0.5),
    independentWeight: Float64Array.of(1.5, 1, 0.5, 2),
    cascadeWeight: Float64Array.of(1.5, 2, 0.25, 0.5),
    loggedRewardModel: Float64Array.of(0.5, 0.2, 0.4, 0.3),
    targetRewardModel: Float64Array.of(0.6, 0.1, 0.3, 0.2),
  }
  it("SIPS, IIPS, RIPS and cascade-DR follow OBP's definitions", () => {
    expect(estimateSlatePolicyValue(new SlateStandardIps(), input).value).toBeCloseTo((2 * 1 + 0.5 * 1) / 2, 15)
    expect(estimateSlatePolicyValue(new SlateIndependentIps(), input).value).toBeCloseTo((1.5 + 2) / 2, 15)
    expect(estimateSlatePolicyValue(new SlateRewardInteractionIps(), input).value).toBeCloseTo((1.5 + 0.5) / 2, 15)
    // slate 1: 1.5(1 − 0.5) + 1·0.6 + 2(0 − 0.2) + 1.5·0.1 = 1.1; slate 2: 0.25(0 − 0.4) + 0.3 + 0.5(1 − 0.3) + 0.25·0.2 = 0.6
    expect(estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), input).value).toBeCloseTo((1.1 + 0.6) / 2, 15)
    expect(() =>
      estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), { ...input, loggedRewardModel: undefined }),
    ).toThrow(/cascade-dr: the input needs 'loggedRewardModel'/)
  })
})

// The fixture holds a 300-slate log with every array OBP's slate estimators take; the test rebuilds
// it (so it never goes stale), and test/evaluation/reference/obp_slate.py ran OBP's
// SlateStandardIPS, SlateIndependentIPS, SlateRewardInteractionIPS and SlateCascadeDoublyRobust on
// it by hand (Debian numpy 1.24 / scikit-learn 1.2). UPDATE_REFERENCE=1 rewrites the fixture.
const OBP_SLATE = {
  sips: 0.11003267142341085,
  iips: 0.10202785313613735,
  rips: 0.10125538810026968,
  "cascade-dr": 0.11484281471408841,
}

describe("slate estimators against Open Bandit Pipeline", () => {
  it("equal OBP's on the fixture log to 5e-14", () => {
    const log = problem.sampleLog(300, logging, createRng(300))
    const model = new TabularSlateRewardModel().fit(log)
    const input = slateOffPolicyInput(log, target, model)
    const cond = new Float64Array(K)
    const q = new Float64Array(K)
    const marginal = new Float64Array(3 * K)
    const cascade = new Float64Array(3)
    const lines = [
      [
        "slate_id",
        "position",
        "action",
        "reward",
        "pscore",
        "pscore_item_position",
        "pscore_cascade",
        "evaluation_policy_pscore",
        "evaluation_policy_pscore_item_position",
        "evaluation_policy_pscore_cascade",
        ...Array.from({ length: K }, (_, a) => `q_${a}`),
        ...Array.from({ length: K }, (_, a) => `pi_${a}`),
      ].join(","),
    ]
    for (let i = 0; i < log.length; i++) {
      target.cascadeProbabilities(log.features, i * D, log.action, i * 3, 3, cascade)
      target.marginals(log.features, i * D, 3, marginal)
      for (let k = 0; k < 3; k++) {
        const j = i * 3 + k
        model.predict(log, i, k, q)
        target.conditional(log.features, i * D, log.action, i * 3, k, cond)
        const row = [
          i,
          k,
          log.action[j],
          log.reward[j],
          log.pscoreSlate[i],
          log.pscoreItem[j],
          log.pscoreCascade[j],
          cascade[2],
          marginal[k * K + log.action[j]],
          cascade[k],
          ...q,
          ...cond,
        ]
        lines.push(row.map((x) => String(x)).join(","))
      }
    }
    const csv = `${lines.join("\n")}\n`
    const path = "test/evaluation/reference/slate-log.csv"
    if (process.env.UPDATE_REFERENCE === "1" || !existsSync(path)) writeFileSync(path, csv)
    expect(readFileSync(path, "utf8")).toBe(csv)
    expect(estimateSlatePolicyValue(new SlateStandardIps(), input).value).toBeCloseTo(OBP_SLATE.sips, 13)
    expect(estimateSlatePolicyValue(new SlateIndependentIps(), input).value).toBeCloseTo(OBP_SLATE.iips, 13)
    expect(estimateSlatePolicyValue(new SlateRewardInteractionIps(), input).value).toBeCloseTo(OBP_SLATE.rips, 13)
    expect(estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), input).value).toBeCloseTo(
      OBP_SLATE["cascade-dr"],
      13,
    )
  })
})

describe("logged propensities", () => {
  it("every importance weight has mean 1 under the logger (exact propensities)", () => {
    const log = problem.sampleLog(6000, logging, createRng(11))
    const input = slateOffPolicyInput(log, target)
    const meanAndSe = (x: ArrayLike<number>): [number, number] => {
      let m = 0
      for (let i = 0; i < x.length; i++) m += x[i] / x.length
      let ss = 0
      for (let i = 0; i < x.length; i++) ss += (x[i] - m) ** 2
      return [m, Math.sqrt(ss / (x.length - 1) / x.length)]
    }
    const check = (x: ArrayLike<number>): void => {
      const [m, se] = meanAndSe(x)
      expect(Math.abs(m - 1)).toBeLessThan(4 * se)
    }
    check(input.standardWeight)
    for (let k = 0; k < 3; k++) {
      check(input.cascadeWeight.filter((_, j) => j % 3 === k))
      check(input.independentWeight.filter((_, j) => j % 3 === k))
    }
  })
})

describe("bias and variance against the world's ground truth (position-based)", () => {
  it("all four are unbiased here; IIPS has the least variance, SIPS the most; cascade-DR below SIPS", () => {
    const study = slateEstimatorStudy(problem, logging, target, { slates: 400, repetitions: 40, rng: createRng(5) })
    const row = Object.fromEntries(study.rows.map((r) => [r.estimator, r]))
    expect(study.truth).toBeGreaterThan(0)
    for (const r of study.rows) expect(Math.abs(r.bias)).toBeLessThan(3.5 * r.biasStderr)
    expect(row.iips.variance).toBeLessThan(row.rips.variance)
    expect(row.rips.variance).toBeLessThan(row.sips.variance)
    // with a context-free q̂ the control variate barely helps: cascade-DR's variance stays near RIPS's
    expect(row["cascade-dr"].variance).toBeLessThan(row.sips.variance)
    expect(row["cascade-dr"].variance / row.rips.variance).toBeLessThan(1.5)
  })
})
