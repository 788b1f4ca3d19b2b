import { describe, expect, it } from "vitest"
import { loadOpenBanditLog } from "../../src/data/open-bandit"
import { actionFrequencyTarget } from "../../src/evaluation/context-free-target"
import { OFF_POLICY_ESTIMATORS, offPolicyEstimator } from "../../src/evaluation/estimators"
import { estimatePolicyValue, type OffPolicyInput } from "../../src/evaluation/off-policy-estimator"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { SwitchDoublyRobust } from "../../src/evaluation/switch-dr"
import { createRng } from "../../src/random/rng"

// Four rounds computed by hand with OBP's definitions (obp/ope/estimators.py `_estimate_round_rewards`):
// w = π/p = [2, 2, 0, 1]; ĝ = Σₐ π q̂ = [0.7, 0.3, 0.4, 0.2]; q̂(aᵢ) = [0.6, 0.2, 0.5, 0.1].
const small: OffPolicyInput = {
  reward: Float64Array.of(1, 0, 1, 0),
  propensity: Float64Array.of(0.5, 0.25, 0.5, 0.25),
  targetProbability: Float64Array.of(1, 0.5, 0, 0.25),
  loggedRewardModel: Float64Array.of(0.6, 0.2, 0.5, 0.1),
  targetRewardModel: Float64Array.of(0.7, 0.3, 0.4, 0.2),
}

describe("off-policy estimators on a hand-computed case", () => {
  it("give OBP's values", () => {
    const value = (name: string): number => estimatePolicyValue(offPolicyEstimator(name), small).value
    expect(value("ipw")).toBeCloseTo(0.5, 15) // (2·1 + 0 + 0 + 0)/4
    expect(value("snipw")).toBeCloseTo(0.4, 15) // 2 / (2 + 2 + 0 + 1)
    expect(value("dm")).toBeCloseTo(0.4, 15) // 1.6 / 4
    expect(value("dr")).toBeCloseTo(0.475, 15) // (1.5 − 0.1 + 0.4 + 0.1)/4
    expect(value("sndr")).toBeCloseTo(0.46, 15) // 0.4 + (0.8 − 0.4 + 0 − 0.1)/5
    expect(estimatePolicyValue(new SwitchDoublyRobust({ threshold: 1.5 }), small).value).toBeCloseTo(0.375, 15) // rows with w = 2 fall back to ĝ
  })

  it("standard errors: sample sd / √n for means, the delta method for ratios", () => {
    const ipw = estimatePolicyValue(offPolicyEstimator("ipw"), small)
    // wr = [2, 0, 0, 0]: s² = (4 − 4·0.25)/3 = 1 → se = 1/2
    expect(ipw.stderr).toBeCloseTo(0.5, 14)
    expect(ipw.ci95[0]).toBeCloseTo(0.5 - 1.959963985 * 0.5, 8)
    const snipw = estimatePolicyValue(offPolicyEstimator("snipw"), small)
    // sqrt(Σ w²(r − 0.4)²)/Σw = sqrt(4·0.36 + 4·0.16 + 0 + 1·0.16)/5
    expect(snipw.stderr).toBeCloseTo(Math.sqrt(4 * 0.36 + 4 * 0.16 + 0.16) / 5, 14)
    // SNDR: influence ψᵢ = (ĝᵢ − ḡ) + (eᵢ − c wᵢ)/w̄ computed directly
    const w = [2, 2, 0, 1]
    const e = [0.8, -0.4, 0, -0.1]
    const c = 0.3 / 5
    const psi = [0.7, 0.3, 0.4, 0.2].map((g, i) => g - 0.4 + (e[i] - c * w[i]) / 1.25)
    const ss = psi.reduce((s, x) => s + x * x, 0)
    expect(estimatePolicyValue(offPolicyEstimator("sndr"), small).stderr).toBeCloseTo(Math.sqrt(ss / 3 / 4), 14)
    const diag = ipw.weights
    expect(diag.maxWeight).toBe(2)
    expect(diag.effectiveSampleSize).toBeCloseTo(25 / 9, 14)
    expect(diag.zeroWeightShare).toBe(0.25)
  })

  it("sums of chunks equal the sums of the whole (streaming)", () => {
    for (const name of ["ipw", "snipw", "dm", "dr", "sndr", "switch-dr"]) {
      const est = offPolicyEstimator(name)
      const whole = new Float64Array(est.sumsLength)
      est.accumulate(small, whole)
      const parts = new Float64Array(est.sumsLength)
      est.accumulate(small, parts, Int32Array.of(0, 1))
      est.accumulate(small, parts, Int32Array.of(2, 3))
      expect(est.finalize(parts).value).toBeCloseTo(est.finalize(whole).value, 14)
      expect(est.finalize(parts).stderr).toBeCloseTo(est.finalize(whole).stderr, 14)
    }
  })

  it("errors name what is missing", () => {
    expect(() => estimatePolicyValue(offPolicyEstimator("dr"), { ...small, loggedRewardModel: undefined })).toThrow(
      /needs 'loggedRewardModel'/,
    )
    expect(() => estimatePolicyValue(offPolicyEstimator("replay"), small)).toThrow(/needs 'action' and 'targetAction'/)
    expect(() =>
      estimatePolicyValue(offPolicyEstimator("snipw"), { ...small, targetProbability: new Float64Array(4) }),
    ).toThrow(/zero weight to every logged round/)
    expect(() => offPolicyEstimator("ips")).toThrow(/unknown estimator 'ips' \(allowed: replay, ipw/)
    expect(() => new SwitchDoublyRobust({ threshold: -1 })).toThrow(/threshold must be >= 0/)
    const replayInput = { ...small, action: Int32Array.of(0, 1, 2, 3), targetAction: Int32Array.of(0, 1, 2, 3) }
    expect(() => estimatePolicyValue(offPolicyEstimator("replay"), replayInput)).toThrow(
      /needs uniformly random logging/,
    )
  })
})

// Reference numbers: numpy 1.24 / pandas 1.5 / scikit-learn 1.2 on the same files, computed by hand
// (test/evaluation/reference/obd_reference.py): target = BTS's empirical item frequencies per position
// in bts/{campaign}; w = π(item | pos) / propensity_score; reward model
// LogisticRegression(C = 1) on [standardised affinities, one-hot user features, one-hot item, one-hot position].
describe("Open Bandit Dataset: BTS evaluated from the random log", () => {
  const reference = {
    men: {
      ipw: [0.0056562667008354705, 0.001397599532373883],
      snipw: [0.005739864701951363, 0.0014152379700714762],
      maxWeight: 7.484276729559762,
      ess: 2869.275271787956,
      dm: 0.0056477763186667815,
      dr: 0.006267305937172215,
      sndr: 0.0062764624074163585,
      onPolicy: 0.0069,
    },
    women: {
      ipw: [0.005805691782949789, 0.001204755643130142],
      snipw: [0.005833036087191037, 0.0012087223632477877],
      maxWeight: 6.3660714285714315,
      ess: 3491.9575428282747,
      dm: 0.005300730989153375,
      dr: 0.0058557004800926975,
      sndr: 0.005858314338211969,
      onPolicy: 0.0046,
    },
  }
  for (const campaign of ["men", "women"] as const) {
    it(`${campaign}: IPW, SNIPW exactly; DM, DR, SNDR within the logistic fit's tolerance`, async () => {
      const ref = reference[campaign]
      const random = await loadOpenBanditLog("data/open-bandit-dataset", "random", campaign)
      const bts = await loadOpenBanditLog("data/open-bandit-dataset", "bts", campaign)
      const target = actionFrequencyTarget(bts, "bts")
      const model = new LinearRewardModel({ kind: "logistic", l2: 1 }).fit(random)
      const input = offPolicyInput(random, target, { rewardModel: model })
      const get = (name: string) => estimatePolicyValue(offPolicyEstimator(name), input)
      const ipw = get("ipw")
      expect(ipw.value).toBeCloseTo(ref.ipw[0], 14)
      expect(ipw.stderr).toBeCloseTo(ref.ipw[1], 14)
      expect(ipw.weights.maxWeight).toBeCloseTo(ref.maxWeight, 10)
      expect(ipw.weights.effectiveSampleSize).toBeCloseTo(ref.ess, 8)
      const snipw = get("snipw")
      expect(snipw.value).toBeCloseTo(ref.snipw[0], 14)
      expect(snipw.stderr).toBeCloseTo(ref.snipw[1], 14)
      // scikit-learn's lbfgs and our IRLS stop at slightly different points of the same objective
      expect(get("dm").value / ref.dm).toBeCloseTo(1, 3)
      expect(get("dr").value / ref.dr).toBeCloseTo(1, 4)
      expect(get("sndr").value / ref.sndr).toBeCloseTo(1, 4)
      expect(ref.onPolicy).toBeGreaterThan(0)
      for (const name of OFF_POLICY_ESTIMATORS)
        if (name !== "replay") expect(Number.isFinite(get(name).value)).toBe(true)
    })
  }

  it("bootstrap intervals are reproducible and bracket the estimate", async () => {
    const random = await loadOpenBanditLog("data/open-bandit-dataset", "random", "men")
    const bts = await loadOpenBanditLog("data/open-bandit-dataset", "bts", "men")
    const input = offPolicyInput(random, actionFrequencyTarget(bts, "bts"))
    const a = estimatePolicyValue(offPolicyEstimator("ipw"), input, { rng: createRng(9), resamples: 200 })
    const b = estimatePolicyValue(offPolicyEstimator("ipw"), input, { rng: createRng(9), resamples: 200 })
    expect(a.bootstrapCi95).toEqual(b.bootstrapCi95)
    const [lo, hi] = a.bootstrapCi95 as [number, number]
    expect(lo).toBeLessThan(a.value)
    expect(hi).toBeGreaterThan(a.value)
    // the bootstrap and normal intervals of a mean of 10,000 rounds agree to ~10%
    expect((hi - lo) / (a.ci95[1] - a.ci95[0])).toBeGreaterThan(0.85)
    expect((hi - lo) / (a.ci95[1] - a.ci95[0])).toBeLessThan(1.15)
  })
})
