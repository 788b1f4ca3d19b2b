import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"
import { checkShrinkage, shrinkWeight, type WeightShrinkageKind } from "./weight-shrinkage"

const NAMES: Record<WeightShrinkageKind, string> = { clip: "dr-clip", optimistic: "dros", "sub-gaussian": "dr-sg" }

/**
 * DR with a shrunk weight: V̂ = (1/n) Σᵢ [ Σₐ π(a | xᵢ) q̂(xᵢ, a) + ŵ(wᵢ) (rᵢ − q̂(xᵢ, aᵢ)) ].
 * "optimistic" is DRos (Su, Dimakopoulou, Krishnamurthy & Dudík 2020; OBP's
 * `DoublyRobustWithShrinkage`), which minimises a bound on the MSE: λ = 0 is DM, λ = ∞ is DR;
 * "clip" is DR with pessimistic shrinkage (OBP's `DoublyRobust(lambda_)`, "dr-clip");
 * "sub-gaussian" is OBP's `SubGaussianDoublyRobust` ("dr-sg"). Standard error sd/√n.
 * @example estimatePolicyValue(new ShrunkDoublyRobust("optimistic", 100), inputWithRewardModel).value
 */
export class ShrunkDoublyRobust implements OffPolicyEstimator {
  readonly name: string
  readonly needsRewardModel = true
  readonly sumsLength = MEAN_SUMS

  constructor(
    readonly kind: WeightShrinkageKind,
    readonly lambda: number,
  ) {
    this.name = NAMES[kind]
    checkShrinkage(this.name, kind, lambda)
  }

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const q = input.loggedRewardModel as Float64Array
    const g = input.targetRewardModel as Float64Array
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      addToMeanSums(
        sums,
        g[i] + shrinkWeight(targetProbability[i] / propensity[i], this.kind, this.lambda) * (reward[i] - q[i]),
      )
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}
