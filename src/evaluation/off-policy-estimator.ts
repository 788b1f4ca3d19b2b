import type { Rng } from "../random/rng"
import { bootstrapIndexCi } from "../stats/bootstrap"
import { normalQuantile } from "../stats/distributions"

/**
 * What an off-policy estimator sees, one entry per logged round i (all arrays of length n):
 * - `reward` rᵢ and `propensity` pᵢ = π₀(aᵢ | xᵢ, posᵢ) of the logging policy;
 * - `targetProbability` π(aᵢ | xᵢ, posᵢ) of the target policy, so the importance weight is
 *   wᵢ = π(aᵢ | ·) / pᵢ;
 * - with a reward model q̂: `loggedRewardModel` q̂(xᵢ, aᵢ, posᵢ) and `targetRewardModel`
 *   Σₐ π(a | xᵢ, posᵢ) q̂(xᵢ, a, posᵢ) (OBP's `estimated_rewards_by_reg_model` reduced per round);
 * - for replay: `action` aᵢ and `targetAction`, the target policy's (sampled) choice;
 * - for MIPS: `marginalWeight` w(xᵢ, eᵢ) of the logged item's embedding (`marginalImportanceWeights`).
 */
export interface OffPolicyInput {
  readonly reward: Float64Array
  readonly propensity: Float64Array
  readonly targetProbability: Float64Array
  readonly loggedRewardModel?: Float64Array
  readonly targetRewardModel?: Float64Array
  readonly action?: Int32Array
  readonly targetAction?: Int32Array
  readonly marginalWeight?: Float64Array
}

/** The one interface of every off-policy estimator (OBP's `BaseOffPolicyEstimator`). */
export interface OffPolicyEstimator {
  /** Short name used in reports and on the command line, e.g. "ipw". */
  readonly name: string
  /** True when the input must carry reward-model predictions. */
  readonly needsRewardModel: boolean
  /** Length of the sufficient-statistics vector. */
  readonly sumsLength: number
  /**
   * Adds rounds to the sufficient statistics `sums` (all rounds, or the multiset `indices`).
   * Sums of disjoint chunks add up, so a log can be streamed chunk by chunk.
   */
  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void
  /** The estimate and its standard error from the sufficient statistics. */
  finalize(sums: Float64Array): { value: number; stderr: number }
}

/** Importance-weight diagnostics: when the effective sample size is small, do not trust IPW/DR. */
export interface WeightDiagnostics {
  maxWeight: number
  meanWeight: number
  /** (Σw)² / Σw² (Kish): the number of uniformly weighted rounds worth as much as this log. */
  effectiveSampleSize: number
  /** Share of rounds whose logged action the target never takes (w = 0). */
  zeroWeightShare: number
}

/** An estimate with its uncertainty, as `summary.json` stores it. */
export interface OffPolicyEstimate {
  estimator: string
  value: number
  stderr: number
  /** Normal interval value ± z₀.₉₇₅ · stderr. */
  ci95: [number, number]
  /** Percentile bootstrap interval over rounds, when a generator was given. */
  bootstrapCi95?: [number, number]
  rows: number
  weights: WeightDiagnostics
}

/**
 * Checks the input's arrays before an estimator reads them; returns the number of rounds.
 * @example const n = checkOffPolicyInput(input, new DoublyRobust()) // throws "dr: the input needs 'loggedRewardModel' …" without a reward model
 */
export function checkOffPolicyInput(input: OffPolicyInput, estimator: OffPolicyEstimator): number {
  const n = input.reward.length
  const need = (name: keyof OffPolicyInput, why: string): void => {
    const a = input[name]
    if (a === undefined) throw new Error(`${estimator.name}: the input needs '${name}' (${why})`)
    if (a.length !== n)
      throw new Error(`${estimator.name}: '${name}' has ${a.length} entries, expected ${n} (one per round)`)
  }
  if (n === 0) throw new Error(`${estimator.name}: the input has no rounds`)
  need("propensity", "logging propensities")
  need("targetProbability", "target probabilities")
  if (estimator.needsRewardModel) {
    need("loggedRewardModel", "fit a reward model")
    need("targetRewardModel", "fit a reward model")
  }
  return n
}

/**
 * Weight diagnostics of the input's importance weights wᵢ = π(aᵢ)/pᵢ.
 * @example weightDiagnostics(input).effectiveSampleSize // 2869 of 10,000 for BTS on the OBD men random log
 */
export function weightDiagnostics(input: OffPolicyInput): WeightDiagnostics {
  const n = input.reward.length
  let max = 0
  let sum = 0
  let sumSq = 0
  let zeros = 0
  for (let i = 0; i < n; i++) {
    const w = input.targetProbability[i] / input.propensity[i]
    if (w > max) max = w
    sum += w
    sumSq += w * w
    if (w === 0) zeros++
  }
  return {
    maxWeight: max,
    meanWeight: sum / n,
    effectiveSampleSize: sumSq === 0 ? 0 : (sum * sum) / sumSq,
    zeroWeightShare: zeros / n,
  }
}

/** Options of `estimatePolicyValue`. */
export interface EstimateOptions {
  /** Draws the bootstrap resamples; without it there is no bootstrap interval. */
  rng?: Rng
  /** Bootstrap resamples (default 1000). */
  resamples?: number
}

/**
 * Runs an estimator on a whole input: value, standard error, normal 95% interval, bootstrap
 * 95% interval (percentile, resampling rounds; when `options.rng` is given) and weight
 * diagnostics — OBP's `estimate_policy_value` + `estimate_interval` in one call. The bootstrap
 * resamples rounds with the reward model held fixed (it does not refit q̂ per resample), so for
 * DM its interval ignores the model's own estimation error.
 * @example estimatePolicyValue(new InverseProbabilityWeighting(), input, { rng: createRng(1) }).ci95
 */
export function estimatePolicyValue(
  estimator: OffPolicyEstimator,
  input: OffPolicyInput,
  options: EstimateOptions = {},
): OffPolicyEstimate {
  const n = checkOffPolicyInput(input, estimator)
  const sums = new Float64Array(estimator.sumsLength)
  estimator.accumulate(input, sums)
  const { value, stderr } = estimator.finalize(sums)
  const z = normalQuantile(0.975)
  const estimate: OffPolicyEstimate = {
    estimator: estimator.name,
    value,
    stderr,
    ci95: [value - z * stderr, value + z * stderr],
    rows: n,
    weights: weightDiagnostics(input),
  }
  if (options.rng !== undefined) {
    const boot = bootstrapIndexCi(
      n,
      (indices) => {
        sums.fill(0)
        estimator.accumulate(input, sums, indices)
        return estimator.finalize(sums).value
      },
      options.rng,
      { resamples: options.resamples ?? 1000 },
    )
    estimate.bootstrapCi95 = [boot.lower, boot.upper]
  }
  return estimate
}

/**
 * Sufficient statistics of a mean: [n, Σx, Σx²].
 * @internal
 */
export const MEAN_SUMS = 3

/**
 * Adds x to mean sums. @example const s = new Float64Array(MEAN_SUMS); addToMeanSums(s, 2)
 * @internal
 */
export function addToMeanSums(sums: Float64Array, x: number): void {
  sums[0] += 1
  sums[1] += x
  sums[2] += x * x
}

/**
 * Mean and its standard error sqrt(s² / n) (s² the unbiased sample variance; 0 when n = 1).
 * @example finalizeMeanSums(Float64Array.of(4, 2, 4)) // { value: 0.5, stderr: 0.5 }
 * @internal
 */
export function finalizeMeanSums(sums: Float64Array): { value: number; stderr: number } {
  const n = sums[0]
  const mean = sums[1] / n
  const variance = n > 1 ? Math.max(0, (sums[2] - n * mean * mean) / (n - 1)) : 0
  return { value: mean, stderr: Math.sqrt(variance / n) }
}
