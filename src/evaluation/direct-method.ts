import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"

/**
 * Direct method (Beygelzimer & Langford 2009): V̂ = (1/n) Σᵢ Σₐ π(a | xᵢ, posᵢ) q̂(xᵢ, a, posᵢ).
 * Low variance, biased by the reward model's errors; the standard error (sd/√n) ignores the
 * model's own estimation error. OBP's `DirectMethod`.
 * @example estimatePolicyValue(new DirectMethod(), inputWithRewardModel).value
 */
export class DirectMethod implements OffPolicyEstimator {
  readonly name = "dm"
  readonly needsRewardModel = true
  readonly sumsLength = MEAN_SUMS

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const g = input.targetRewardModel as Float64Array
    const n = indices ? indices.length : g.length
    for (let k = 0; k < n; k++) addToMeanSums(sums, g[indices ? indices[k] : k])
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
