import { checkBanditLog, type BanditLog } from "../schema/bandit-log"
import type { Rng } from "../random/rng"
import { normalQuantile } from "../stats/distributions"
import { offPolicyEstimator, type EstimatorHyperParameters } from "./estimators"
import type { OffPolicyEstimate, OffPolicyInput, WeightDiagnostics } from "./off-policy-estimator"
import { estimatePolicyValue, weightDiagnostics } from "./off-policy-estimator"
import { offPolicyInput } from "./off-policy-input"
import { CrossFittedRewardModel } from "./cross-fitted-reward-model"
import { LinearRewardModel, type RewardModel } from "./reward-model"
import type { TargetPolicy } from "../schema/target-policy"

/** Options of `evaluateOffPolicy`. */
export interface OffPolicyEvaluationOptions {
  /** Estimator names (see OFF_POLICY_ESTIMATORS). */
  estimators: readonly string[]
  /** Draws bootstrap resamples and replay's target actions. */
  rng: Rng
  /** Reward model for DM/DR/SNDR/switch-DR (default "logistic" when rewards are 0/1, else "ridge"). */
  rewardModel?: "logistic" | "ridge"
  /** Its L2 penalty (default 1). */
  l2?: number
  /** Cross-fitting folds for the reward model (default 1: fit and predict on the whole log). */
  crossFitFolds?: number
  /** switch-DR's weight threshold τ (default 100). */
  switchThreshold?: number
  /** λ of the clipped, shrunk and sub-Gaussian estimators (see `EstimatorHyperParameters`). */
  hyperParameters?: EstimatorHyperParameters
  /** Bootstrap resamples (default 1000; 0 = no bootstrap interval). */
  resamples?: number
  /**
   * Clip every importance weight wᵢ = π(aᵢ)/pᵢ to at most this value (clipped IPW / DR, Su et al.
   * 2020: bias for less variance when a few rounds have tiny propensities). Default: no clipping.
   */
  clipWeights?: number
}

/** A mean with its normal 95% interval. */
export interface ValueWithInterval {
  value: number
  ci95: [number, number]
}

/** Everything an evaluation report shows. */
export interface OffPolicyEvaluationResult {
  target: string
  log: string
  rows: number
  estimates: Record<string, OffPolicyEstimate>
  weights: WeightDiagnostics
  /** The name of the reward model, when one was fitted. */
  rewardModel?: string
  /** How well the reward model fits the logged rewards, when one was fitted. */
  rewardModelFit?: RewardModelFit
  /** The mean reward of the logging policy (the naive estimate). */
  loggedValue: ValueWithInterval
  /** Importance weights of at most 20,000 evenly spaced rounds, for a histogram. */
  weightSample: Float64Array
}

/** The reward model q̂ against the logged rewards (in-sample, or out-of-fold when cross-fitted). */
export interface RewardModelFit {
  /** Mean of q̂(xᵢ, aᵢ) and of rᵢ: calibration in the large. */
  meanPredicted: number
  meanReward: number
  /** 1 − Σ(r − q̂)² / Σ(r − r̄)²: the share of the reward's variance the model explains (≤ 0: no better than the mean). */
  skill: number
}

/**
 * The reward model's fit from an estimator input with reward-model predictions.
 * @example rewardModelFit(input).skill
 */
export function rewardModelFit(input: OffPolicyInput): RewardModelFit {
  const q = input.loggedRewardModel
  if (q === undefined) throw new Error("rewardModelFit: the input has no reward-model predictions")
  const r = input.reward
  const n = r.length
  let mq = 0
  let mr = 0
  for (let i = 0; i < n; i++) {
    mq += q[i] / n
    mr += r[i] / n
  }
  let sse = 0
  let sst = 0
  for (let i = 0; i < n; i++) {
    sse += (r[i] - q[i]) ** 2
    sst += (r[i] - mr) ** 2
  }
  return { meanPredicted: mq, meanReward: mr, skill: sst > 0 ? 1 - sse / sst : 0 }
}

/**
 * Runs several estimators of one target policy on one log (OBP's `OffPolicyEvaluation`): fits
 * the reward model once when an estimator needs it, builds the input once, and returns every
 * estimate with its intervals and the weight diagnostics.
 * @example evaluateOffPolicy(randomLog, btsTarget, { estimators: ["ipw", "dr"], rng: createRng(1) }).estimates.ipw.value
 */
export function evaluateOffPolicy(
  log: BanditLog,
  target: TargetPolicy,
  options: OffPolicyEvaluationOptions,
): OffPolicyEvaluationResult {
  if (options.estimators.length === 0) throw new Error("evaluateOffPolicy: estimators must name at least one estimator")
  const clip = options.clipWeights
  if (clip !== undefined && !(clip > 0))
    throw new Error(`evaluateOffPolicy: clipWeights must be a number > 0, got ${clip}`)
  checkBanditLog(log)
  const estimators = options.estimators.map((name) =>
    offPolicyEstimator(name, { ...options.hyperParameters, switchThreshold: options.switchThreshold }),
  )
  let rewardModel: RewardModel | undefined
  if (estimators.some((e) => e.needsRewardModel)) {
    let binary = true
    for (let i = 0; i < log.length && binary; i++) binary = log.reward[i] === 0 || log.reward[i] === 1
    const make = (): RewardModel =>
      new LinearRewardModel({ kind: options.rewardModel ?? (binary ? "logistic" : "ridge"), l2: options.l2 ?? 1 })
    const folds = options.crossFitFolds ?? 1
    rewardModel = (folds > 1 ? new CrossFittedRewardModel(make, folds) : make()).fit(log)
  }
  const input = offPolicyInput(log, target, { rewardModel, rng: options.rng })
  if (clip !== undefined) clipImportanceWeights(input.targetProbability, input.propensity, clip)
  const resamples = options.resamples ?? 1000
  const estimates: Record<string, OffPolicyEstimate> = {}
  for (const estimator of estimators) {
    estimates[estimator.name] = estimatePolicyValue(
      estimator,
      input,
      resamples > 0 ? { rng: options.rng, resamples } : {},
    )
  }
  return {
    target: target.name,
    log: log.source,
    rows: log.length,
    estimates,
    weights: weightDiagnostics(input),
    rewardModel: rewardModel?.name,
    rewardModelFit: rewardModel ? rewardModelFit(input) : undefined,
    loggedValue: meanWithInterval(log.reward),
    weightSample: sampleWeights(input.targetProbability, input.propensity, 20_000),
  }
}

/** min(π/p, clip) as a target probability: π ← min(π, clip·p), in place. */
function clipImportanceWeights(target: Float64Array, propensity: Float64Array, clip: number): void {
  for (let i = 0; i < target.length; i++) {
    const cap = clip * propensity[i]
    if (target[i] > cap) target[i] = cap
  }
}

function sampleWeights(target: Float64Array, propensity: Float64Array, max: number): Float64Array {
  const n = target.length
  const m = Math.min(n, max)
  const out = new Float64Array(m)
  for (let k = 0; k < m; k++) {
    const i = Math.floor((k * n) / m)
    out[k] = target[i] / propensity[i]
  }
  return out
}

/**
 * The mean of `values` with its normal 95% interval x̄ ± z sd/√n, e.g. a policy's on-policy CTR.
 * @example meanWithInterval(btsLog.reward).value // 0.0069 for the OBD men sample
 */
export function meanWithInterval(values: ArrayLike<number>): ValueWithInterval {
  const n = values.length
  if (n === 0) throw new Error("meanWithInterval: values must not be empty")
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i]
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2
  const half = n > 1 ? normalQuantile(0.975) * Math.sqrt(ss / (n - 1) / n) : 0
  return { value: mean, ci95: [mean - half, mean + half] }
}
