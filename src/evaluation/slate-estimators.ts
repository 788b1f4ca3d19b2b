import { MEAN_SUMS, addToMeanSums, finalizeMeanSums } from "./off-policy-estimator"
import type { SlateOffPolicyInput } from "./slate-input"

/** The one interface of the slate estimators: streaming sums over slates, as `OffPolicyEstimator`. */
export interface SlateOffPolicyEstimator {
  readonly name: string
  readonly needsRewardModel: boolean
  readonly sumsLength: number
  /** Adds slates (all, or the multiset `indices`) to the sufficient statistics. */
  accumulate(input: SlateOffPolicyInput, sums: Float64Array, indices?: Int32Array): void
  finalize(sums: Float64Array): { value: number; stderr: number }
}

type Weights = "standard" | "independent" | "cascade"

/** The three slate IPS estimators differ only in the weight of position k. */
abstract class SlateIps implements SlateOffPolicyEstimator {
  abstract readonly name: string
  readonly needsRewardModel = false
  readonly sumsLength = MEAN_SUMS
  protected abstract readonly weights: Weights

  accumulate(input: SlateOffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const L = input.slateLength
    const r = input.reward
    const n = indices ? indices.length : input.standardWeight.length
    const kind = this.weights
    for (let s = 0; s < n; s++) {
      const i = indices ? indices[s] : s
      let v = 0
      for (let k = 0; k < L; k++) {
        const j = i * L + k
        const w =
          kind === "standard"
            ? input.standardWeight[i]
            : kind === "independent"
              ? input.independentWeight[j]
              : input.cascadeWeight[j]
        v += w * r[j]
      }
      addToMeanSums(sums, v)
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}

/**
 * Standard IPS for slates, SIPS (OBP's `SlateStandardIPS`): V̂ = (1/n) Σᵢ Σₖ [π(sᵢ)/π₀(sᵢ)] r_{i,k}.
 * Unbiased for any reward, with the whole slate's weight: the largest variance.
 * @example estimateSlatePolicyValue(new SlateStandardIps(), input).value
 */
export class SlateStandardIps extends SlateIps {
  readonly name = "sips"
  protected readonly weights = "standard"
}

/**
 * Independent IPS, IIPS (Li et al. 2018; OBP's `SlateIndependentIPS`): each position weighted by
 * its marginals' ratio π(aₖ at k)/π₀(aₖ at k). Unbiased when the reward at k depends on the item
 * at k alone (position-based model); the smallest variance.
 * @example estimateSlatePolicyValue(new SlateIndependentIps(), input).value
 */
export class SlateIndependentIps extends SlateIps {
  readonly name = "iips"
  protected readonly weights = "independent"
}

/**
 * Reward-interaction IPS, RIPS (McInerney et al. 2020; OBP's `SlateRewardInteractionIPS`): each
 * position weighted by its prefix's ratio π(a₁…aₖ)/π₀(a₁…aₖ). Unbiased when the reward at k
 * depends only on the items at 1…k (cascade behaviour, which includes the position-based model).
 * @example estimateSlatePolicyValue(new SlateRewardInteractionIps(), input).value
 */
export class SlateRewardInteractionIps extends SlateIps {
  readonly name = "rips"
  protected readonly weights = "cascade"
}

/**
 * Cascade doubly robust (Kiyohara et al. 2022; OBP's `SlateCascadeDoublyRobust`):
 * V̂ = (1/n) Σᵢ Σₖ [ wᵢ,ₖ (r_{i,k} − q̂(xᵢ, a_{i,k}, k)) + wᵢ,ₖ₋₁ Σₐ π(a at k | xᵢ, a_{i,<k}) q̂(xᵢ, a, k) ],
 * wᵢ,ₖ the cascade weight, wᵢ,₀ = 1. Unbiased under RIPS's assumption whatever q̂, and lower
 * variance when q̂ is good.
 * @example estimateSlatePolicyValue(new SlateCascadeDoublyRobust(), inputWithRewardModel).value
 */
export class SlateCascadeDoublyRobust implements SlateOffPolicyEstimator {
  readonly name = "cascade-dr"
  readonly needsRewardModel = true
  readonly sumsLength = MEAN_SUMS

  accumulate(input: SlateOffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { loggedRewardModel: q, targetRewardModel: g } = input
    if (q === undefined || g === undefined)
      throw new Error(
        "cascade-dr: the input needs 'loggedRewardModel' and 'targetRewardModel' (give slateOffPolicyInput a reward model)",
      )
    const L = input.slateLength
    const r = input.reward
    const w = input.cascadeWeight
    const n = indices ? indices.length : input.standardWeight.length
    for (let s = 0; s < n; s++) {
      const i = indices ? indices[s] : s
      let v = 0
      let previous = 1
      for (let k = 0; k < L; k++) {
        const j = i * L + k
        v += w[j] * (r[j] - q[j]) + previous * g[j]
        previous = w[j]
      }
      addToMeanSums(sums, v)
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    return finalizeMeanSums(sums)
  }
}

/**
 * Runs a slate estimator on a whole input: value and standard error sd/√n over slates.
 * @example estimateSlatePolicyValue(new SlateIndependentIps(), input)
 */
export function estimateSlatePolicyValue(
  estimator: SlateOffPolicyEstimator,
  input: SlateOffPolicyInput,
): { value: number; stderr: number } {
  const n = input.standardWeight.length
  if (n === 0) throw new Error(`${estimator.name}: the input has no slates`)
  const sums = new Float64Array(estimator.sumsLength)
  estimator.accumulate(input, sums)
  return estimator.finalize(sums)
}
