import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"

/**
 * Self-normalised doubly robust (OBP's `SelfNormalizedDoublyRobust`; Kallus & Uehara 2019):
 * V̂ = (1/n) Σᵢ ĝᵢ + Σᵢ wᵢ (rᵢ − q̂ᵢ) / Σᵢ wᵢ, with ĝᵢ = Σₐ π(a | xᵢ) q̂(xᵢ, a).
 * Standard error by the delta method on the influence ψᵢ = (ĝᵢ − ḡ) + (eᵢ − c wᵢ)/w̄,
 * eᵢ = wᵢ (rᵢ − q̂ᵢ), c = Σe/Σw.
 * @example estimatePolicyValue(new SelfNormalizedDoublyRobust(), inputWithRewardModel).value
 */
export class SelfNormalizedDoublyRobust implements OffPolicyEstimator {
  readonly name = "sndr"
  readonly needsRewardModel = true
  /** [n, Σg, Σg², Σw, Σw², Σe, Σe², Σwe, Σge, Σgw] */
  readonly sumsLength = 10

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, targetProbability } = input
    const q = input.loggedRewardModel as Float64Array
    const gs = input.targetRewardModel as Float64Array
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      const w = targetProbability[i] / propensity[i]
      const g = gs[i]
      const e = w * (reward[i] - q[i])
      sums[0] += 1
      sums[1] += g
      sums[2] += g * g
      sums[3] += w
      sums[4] += w * w
      sums[5] += e
      sums[6] += e * e
      sums[7] += w * e
      sums[8] += g * e
      sums[9] += g * w
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    const [n, sg, sgg, sw, sww, se, see, swe, sge, sgw] = sums
    if (!(sw > 0)) throw new Error("sndr: the target policy gives zero weight to every logged round")
    const gBar = sg / n
    const wBar = sw / n
    const c = se / sw
    // Σ(g − ḡ)², Σ(g − ḡ)(e − c w), Σ(e − c w)²
    const sGG = sgg - n * gBar * gBar
    const sGE = sge - c * sgw - gBar * (se - c * sw)
    const sEE = see - 2 * c * swe + c * c * sww
    const ss = Math.max(0, sGG + (2 * sGE) / wBar + sEE / (wBar * wBar))
    return { value: gBar + c, stderr: n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0 }
  }
}
