import { describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { offPolicyEstimator } from "../../src/evaluation/estimators"
import { estimatePolicyValue } from "../../src/evaluation/off-policy-estimator"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

// Synthetic logs whose true target value is known (Monte Carlo over 200,000 fresh contexts).
describe("ground truth on synthetic logs", () => {
  const K = 5
  const D = 3
  const setup = createRng(2024)
  const problem = new SyntheticBanditProblem({ nActions: K, nPositions: 2, nFeatures: D }, setup)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: K * D }, () => normal(setup)),
    K,
    D,
    { epsilon: 0.3 },
  )
  // the target prefers what the true model rewards: softmax on θ with temperature 0.5
  const target = new LinearSoftmaxPolicy("target", problem.theta, K, D, { temperature: 0.5, epsilon: 0.05 })
  const truth = problem.policyValue(target, 200_000, createRng(1))
  const loggedValue = problem.policyValue(logging, 200_000, createRng(1))

  it("the target is better than the logging policy, so naive averaging is biased", () => {
    expect(truth - loggedValue).toBeGreaterThan(0.02)
  })

  it("IPW and DR are unbiased and their 95% intervals cover the truth in >= 90% of 200 logs", () => {
    const runs = 200
    const n = 2000
    const names = ["ipw", "dr", "snipw"] as const
    const covered = { ipw: 0, dr: 0, snipw: 0 }
    const mean = { ipw: 0, dr: 0, snipw: 0 }
    const values: Record<string, number[]> = { ipw: [], dr: [], snipw: [] }
    let naive = 0
    for (let run = 0; run < runs; run++) {
      const rng = createRng(77, run)
      const log = problem.sampleLog(n, logging, rng)
      const model = new LinearRewardModel({ kind: "logistic", l2: 1 }).fit(log)
      const input = offPolicyInput(log, target, { rewardModel: model })
      let avg = 0
      for (let i = 0; i < n; i++) avg += log.reward[i] / n
      naive += avg / runs
      for (const name of names) {
        const est = estimatePolicyValue(offPolicyEstimator(name), input)
        if (est.ci95[0] <= truth && truth <= est.ci95[1]) covered[name]++
        mean[name] += est.value / runs
        values[name].push(est.value)
      }
    }
    for (const name of ["ipw", "dr"] as const) {
      const v = values[name]
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean[name]) ** 2, 0) / (runs - 1))
      // unbiased: the mean of 200 estimates is within 3 standard errors of the truth
      expect(Math.abs(mean[name] - truth)).toBeLessThan((3 * sd) / Math.sqrt(runs))
      expect(covered[name] / runs).toBeGreaterThanOrEqual(0.9)
    }
    expect(covered.snipw / runs).toBeGreaterThanOrEqual(0.9)
    // the logged average estimates the logging policy, not the target
    expect(Math.abs(naive - loggedValue)).toBeLessThan(0.005)
    expect(truth - naive).toBeGreaterThan(0.02)
  })

  it("replay is unbiased under uniform logging", () => {
    const uniform = new ContextFreeTarget("uniform", K, 2, new Float64Array(2 * K).fill(1 / K))
    const runs = 60
    let sum = 0
    const estimates: number[] = []
    for (let run = 0; run < runs; run++) {
      const rng = createRng(99, run)
      const log = problem.sampleLog(3000, uniform, rng)
      const est = estimatePolicyValue(offPolicyEstimator("replay"), offPolicyInput(log, target, { rng }))
      estimates.push(est.value)
      sum += est.value / runs
    }
    const sd = Math.sqrt(estimates.reduce((s, x) => s + (x - sum) ** 2, 0) / (runs - 1))
    expect(Math.abs(sum - truth)).toBeLessThan((3 * sd) / Math.sqrt(runs))
  })
})
