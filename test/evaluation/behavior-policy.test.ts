import { describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import {
  EstimatedBehaviorPolicy,
  propensityCalibration,
  withEstimatedPropensities,
} from "../../src/evaluation/behavior-policy"
import { sliceBanditLog } from "../../src/schema/bandit-log"
import { offPolicyEstimator } from "../../src/evaluation/estimators"
import { estimatePolicyValue } from "../../src/evaluation/off-policy-estimator"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

describe("estimated propensities", () => {
  const K = 4
  const D = 3
  const rng = createRng(40)
  const problem = new SyntheticBanditProblem({ nActions: K, nPositions: 1, nFeatures: D }, rng)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
    K,
    D,
    { epsilon: 0.1 },
  )
  const target = new LinearSoftmaxPolicy(
    "target",
    Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
    K,
    D,
  )
  const log = problem.sampleLog(8000, logging, rng)
  const train = sliceBanditLog(log, 0, 4000)
  const test = sliceBanditLog(log, 4000, 8000)
  const fitted = new EstimatedBehaviorPolicy({ C: 10 }).fit(train)

  it("recover the logging policy's true propensities on held-out rounds", () => {
    const estimated = withEstimatedPropensities(test, fitted)
    let err = 0
    for (let i = 0; i < test.length; i++) err += Math.abs(estimated.propensity[i] - test.propensity[i]) / test.length
    // the logger is softmax(Wx) mixed with 10% uniform: a well-specified multinomial fit is close but not exact
    expect(err).toBeLessThan(0.03)
    const pi = new Float64Array(K)
    fitted.actionProbabilities(test, 0, pi)
    expect(pi.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14)
  })

  it("are calibrated: held-out reliability within 0.02 and log-loss near the true policy's", () => {
    const calibration = propensityCalibration(test, fitted)
    expect(calibration.expectedCalibrationError).toBeLessThan(0.02)
    const truth = propensityCalibration(test, logging)
    expect(calibration.logLoss).toBeLessThan(truth.logLoss + 0.02)
    expect(calibration.bins.reduce((s, b) => s + b.count, 0)).toBe(test.length * K)
  })

  it("IPW with estimated propensities lands near IPW with the true ones and near the truth", () => {
    const trueValue = problem.policyValue(target, 200000, createRng(41))
    const withTrue = estimatePolicyValue(offPolicyEstimator("snipw"), offPolicyInput(test, target)).value
    const withFitted = estimatePolicyValue(
      offPolicyEstimator("snipw"),
      offPolicyInput(withEstimatedPropensities(test, fitted), target),
    )
    expect(Math.abs(withFitted.value - withTrue)).toBeLessThan(0.01)
    expect(Math.abs(withFitted.value - trueValue)).toBeLessThan(3 * withFitted.stderr)
  })
})

describe("estimated propensities with two actions (the binary fit keeps one row of log-odds)", () => {
  it("recover a two-action softmax logger: finite, summing to 1, close to the true propensities", () => {
    const K = 2
    const D = 3
    const rng = createRng(41)
    const problem = new SyntheticBanditProblem({ nActions: K, nPositions: 1, nFeatures: D }, rng)
    const logging = new LinearSoftmaxPolicy(
      "logging",
      Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
      K,
      D,
    )
    const log = problem.sampleLog(6000, logging, rng)
    const train = sliceBanditLog(log, 0, 3000)
    const test = sliceBanditLog(log, 3000, 6000)
    const estimated = withEstimatedPropensities(test, new EstimatedBehaviorPolicy({ C: 10 }).fit(train))
    let err = 0
    for (let i = 0; i < test.length; i++) {
      expect(Number.isFinite(estimated.propensity[i])).toBe(true)
      err += Math.abs(estimated.propensity[i] - test.propensity[i]) / test.length
    }
    expect(err).toBeLessThan(0.03)
  })
})
