import { describe, expect, it } from "vitest"
import { EpsilonGreedy } from "../../src/bandits/epsilon-greedy"
import { SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { sliceBanditLog } from "../../src/schema/bandit-log"
import { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { offPolicyEstimator } from "../../src/evaluation/estimators"
import { estimatePolicyValue } from "../../src/evaluation/off-policy-estimator"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { PolicyTarget } from "../../src/evaluation/policy-target"
import { createRng } from "../../src/random/rng"

describe("PolicyTarget: a src/bandits policy learned on one half, evaluated on the other", () => {
  const problem = new SyntheticBanditProblem({ nActions: 4, nPositions: 1, nFeatures: 2 }, createRng(31))
  const uniform = new ContextFreeTarget("uniform", 4, 1, new Float64Array(4).fill(0.25))

  it("IPW of the logging policy itself is exactly the logged mean (all weights 1)", () => {
    const log = problem.sampleLog(500, uniform, createRng(1))
    const est = estimatePolicyValue(offPolicyEstimator("ipw"), offPolicyInput(log, uniform))
    let mean = 0
    for (let i = 0; i < log.length; i++) mean += log.reward[i] / log.length
    expect(est.value).toBeCloseTo(mean, 14)
    expect(est.weights.effectiveSampleSize).toBeCloseTo(500, 9)
  })

  it("an ε-greedy policy trained on the first half is estimated within sampling error of its true value", () => {
    const log = problem.sampleLog(8000, uniform, createRng(2))
    const train = sliceBanditLog(log, 0, 4000)
    const test = sliceBanditLog(log, 4000, 8000)
    const policy = new EpsilonGreedy({ arms: 4, epsilon: 0.2 })
    for (let i = 0; i < train.length; i++) policy.update(train.action[i], train.reward[i])
    const target = new PolicyTarget(policy)
    const out = new Float64Array(4)
    target.actionProbabilities(test, 0, out)
    expect([...out]).toEqual([...policy.probabilities()])
    const truth = problem.policyValue(target, 100_000, createRng(3))
    for (const name of ["ipw", "snipw"]) {
      const est = estimatePolicyValue(offPolicyEstimator(name), offPolicyInput(test, target))
      expect(Math.abs(est.value - truth)).toBeLessThan(3 * est.stderr)
    }
  })

  it("rejects a policy whose arms do not match the log's actions", () => {
    const log = problem.sampleLog(10, uniform, createRng(4))
    expect(() => offPolicyInput(log, new PolicyTarget(new EpsilonGreedy({ arms: 3 })))).toThrow(
      /has 3 actions, the log has 4/,
    )
  })
})
