import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"
import { checkShrinkage, shrinkWeight, type WeightShrinkageKind } from "./weight-shrinkage"

/**
 * IPW with a shrunk weight: V̂ = (1/n) Σᵢ ŵ(wᵢ) rᵢ, ŵ from `shrinkWeight` — clipped IPW
 * (OBP's `InverseProbabilityWeighting(lambda_)`, name "ipw-clip") or sub-Gaussian IPW
 * (OBP's `SubGaussianInverseProbabilityWeighting(lambda_)`, "ipw-sg"). Bias ≤ 0 for rewards ≥ 0,
 * variance bounded by λ. Standard error sd(ŵr)/√n.
 * @example estimatePolicyValue(new ShrunkInverseProbabilityWeighting("clip", 10), input).value
 */
export class ShrunkInverseProbabilityWeighting implements OffPolicyEstimator {
  readonly name: string
  readonly needsRewardModel = false
  readonly sumsLength = MEAN_SUMS

  constructor(
    readonly kind: Exclude<WeightShrinkageKind, "optimistic">,
    readonly lambda: number,
  ) {
    this.name = kind === "clip" ? "ipw-clip" : "ipw-sg"
    checkShrinkage(this.name, kind, lambda)
  }

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      addToMeanSums(sums, shrinkWeight(targetProbability[i] / propensity[i], this.kind, this.lambda) * reward[i])
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
