import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"

/**
 * Doubly robust (Dudík, Langford & Li 2011):
 * V̂ = (1/n) Σᵢ [ Σₐ π(a | xᵢ) q̂(xᵢ, a) + wᵢ (rᵢ − q̂(xᵢ, aᵢ)) ].
 * Unbiased when the propensities are right, whatever q̂; lower variance than IPW when q̂ is
 * good. OBP's `DoublyRobust` (no clipping).
 * @example estimatePolicyValue(new DoublyRobust(), inputWithRewardModel).value
 */
export class DoublyRobust implements OffPolicyEstimator {
  readonly name = "dr"
  readonly needsRewardModel = true
  readonly sumsLength = MEAN_SUMS

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const q = input.loggedRewardModel as Float64Array
    const g = input.targetRewardModel as Float64Array
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      addToMeanSums(sums, g[i] + (targetProbability[i] / propensity[i]) * (reward[i] - q[i]))
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
