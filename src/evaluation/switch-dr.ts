import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"

/**
 * Switch-DR (Wang, Agarwal & Dudík 2017), in OBP's form: DR's correction term only where the
 * weight is at most the threshold τ,
 * V̂ = (1/n) Σᵢ [ Σₐ π(a | xᵢ) q̂(xᵢ, a) + 1[wᵢ ≤ τ] wᵢ (rᵢ − q̂(xᵢ, aᵢ)) ].
 * τ = ∞ is DR; τ = 0 is DM. Trades a little bias for bounded variance.
 * @example estimatePolicyValue(new SwitchDoublyRobust({ threshold: 50 }), input).value
 */
export class SwitchDoublyRobust implements OffPolicyEstimator {
  readonly name = "switch-dr"
  readonly needsRewardModel = true
  readonly sumsLength = MEAN_SUMS
  readonly threshold: number

  constructor(options: { threshold?: number } = {}) {
    const threshold = options.threshold ?? 100
    if (!(threshold >= 0)) throw new Error(`SwitchDoublyRobust: threshold must be >= 0 (a weight), got ${threshold}`)
    this.threshold = threshold
  }

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const q = input.loggedRewardModel as Float64Array
    const g = input.targetRewardModel as Float64Array
    const tau = this.threshold
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      const w = targetProbability[i] / propensity[i]
      addToMeanSums(sums, w <= tau ? g[i] + w * (reward[i] - q[i]) : g[i])
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
