import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"

/**
 * Self-normalised IPW (Swaminathan & Joachims 2015): V̂ = Σᵢ wᵢ rᵢ / Σᵢ wᵢ. Slightly biased,
 * much lower variance than IPW when weights are large; always within the reward range.
 * Standard error by the delta method: sqrt(Σ wᵢ² (rᵢ − V̂)²) / Σ wᵢ (OBP's
 * `SelfNormalizedInverseProbabilityWeighting` gives the same value).
 * @example estimatePolicyValue(new SelfNormalizedInverseProbabilityWeighting(), input).value
 */
export class SelfNormalizedInverseProbabilityWeighting implements OffPolicyEstimator {
  readonly name = "snipw"
  readonly needsRewardModel = false
  /** [Σw, Σwr, Σw², Σw²r, Σw²r²] */
  readonly sumsLength = 5

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      const w = targetProbability[i] / propensity[i]
      const r = reward[i]
      sums[0] += w
      sums[1] += w * r
      sums[2] += w * w
      sums[3] += w * w * r
      sums[4] += w * w * r * r
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return ratioFinalize(sums)
  }
}

/**
 * V = Σa/Σb with delta-method standard error sqrt(Σ(aᵢ − V bᵢ)²)/Σb, from the sums
 * [Σb, Σa, Σb², Σab, Σa²] (aᵢ = bᵢ rᵢ for SNIPW and replay). Σb = 0 (no round the target
 * would take) leaves the value undefined: an error, not a silent NaN.
 * @internal
 */
export function ratioFinalize(sums: Float64Array): { value: number; stderr: number } {
  const [sb, sa, sbb, sab, saa] = sums
  if (!(sb > 0))
    throw new Error("self-normalised estimate undefined: the target policy gives zero weight to every logged round")
  const v = sa / sb
  const ss = Math.max(0, saa - 2 * v * sab + v * v * sbb)
  return { value: v, stderr: Math.sqrt(ss) / sb }
}
