import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"

/**
 * Inverse probability weighting (Horvitz & Thompson 1952; Precup et al. 2000):
 * V̂ = (1/n) Σᵢ wᵢ rᵢ with wᵢ = π(aᵢ | xᵢ, posᵢ) / π₀(aᵢ | xᵢ, posᵢ). Unbiased when π₀ > 0
 * wherever π > 0; its variance grows with the weights. Same as OBP's
 * `InverseProbabilityWeighting` without clipping. Standard error: sd(wr)/√n.
 * @example estimatePolicyValue(new InverseProbabilityWeighting(), input).value
 */
export class InverseProbabilityWeighting implements OffPolicyEstimator {
  readonly name = "ipw"
  readonly needsRewardModel = false
  readonly sumsLength = MEAN_SUMS

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      addToMeanSums(sums, (targetProbability[i] / propensity[i]) * reward[i])
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
