import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"
import { ratioFinalize } from "./snipw"

function marginalWeight(input: OffPolicyInput, name: string): Float64Array {
  if (input.marginalWeight === undefined)
    throw new Error(`${name}: the input needs 'marginalWeight' (see marginalImportanceWeights)`)
  return input.marginalWeight
}

/**
 * Marginalized IPS, MIPS (Saito & Joachims 2022): V̂ = (1/n) Σᵢ w(xᵢ, eᵢ) rᵢ with the weight of
 * the logged item's embedding instead of the item (`marginalImportanceWeights`). Unbiased when
 * the reward depends on the item only through its embedding; with many items sharing few
 * embeddings its weights, and variance, are far smaller than IPW's. OBP's
 * `MarginalizedInverseProbabilityWeighting` with `p_e_a`. Standard error sd/√n.
 * @example estimatePolicyValue(new MarginalizedInverseProbabilityWeighting(), { ...input, marginalWeight: w }).value
 */
export class MarginalizedInverseProbabilityWeighting implements OffPolicyEstimator {
  readonly name = "mips"
  readonly needsRewardModel = false
  readonly sumsLength = MEAN_SUMS

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const w = marginalWeight(input, this.name)
    const r = input.reward
    const n = indices ? indices.length : r.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      addToMeanSums(sums, w[i] * r[i])
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}

/**
 * Self-normalised MIPS: Σᵢ w(xᵢ, eᵢ) rᵢ / Σᵢ w(xᵢ, eᵢ) (OBP's
 * `SelfNormalizedMarginalizedInverseProbabilityWeighting`); delta-method standard error as SNIPW.
 * @example estimatePolicyValue(new SelfNormalizedMarginalizedInverseProbabilityWeighting(), { ...input, marginalWeight: w }).value
 */
export class SelfNormalizedMarginalizedInverseProbabilityWeighting implements OffPolicyEstimator {
  readonly name = "snmips"
  readonly needsRewardModel = false
  readonly sumsLength = 5

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const w = marginalWeight(input, this.name)
    const r = input.reward
    const n = indices ? indices.length : r.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      const wi = w[i]
      const ri = r[i]
      sums[0] += wi
      sums[1] += wi * ri
      sums[2] += wi * wi
      sums[3] += wi * wi * ri
      sums[4] += wi * wi * ri * ri
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return ratioFinalize(sums)
  }
}
