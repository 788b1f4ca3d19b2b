import { DirectMethod } from "./direct-method"
import { DoublyRobust } from "./doubly-robust"
import { InverseProbabilityWeighting } from "./ipw"
import type { OffPolicyEstimator } from "./off-policy-estimator"
import { Replay } from "./replay"
import { ShrunkDoublyRobust } from "./shrunk-dr"
import { ShrunkInverseProbabilityWeighting } from "./shrunk-ipw"
import { SelfNormalizedDoublyRobust } from "./sndr"
import { SelfNormalizedInverseProbabilityWeighting } from "./snipw"
import { SwitchDoublyRobust } from "./switch-dr"

/** The estimators by their command-line names. */
export const OFF_POLICY_ESTIMATORS = [
  "replay",
  "ipw",
  "snipw",
  "dm",
  "dr",
  "sndr",
  "switch-dr",
  "ipw-clip",
  "ipw-sg",
  "dr-clip",
  "dros",
  "dr-sg",
] as const
export type OffPolicyEstimatorName = (typeof OFF_POLICY_ESTIMATORS)[number]

/** Hyper-parameters of the estimators that have one. */
export interface EstimatorHyperParameters {
  /** switch-DR's weight threshold τ (default 100). */
  switchThreshold?: number
  /** λ of ipw-clip and dr-clip: weights above it are clipped (default 100). */
  clip?: number
  /** λ of DRos, ŵ = λw/(w² + λ) (default 100). */
  shrinkage?: number
  /** λ ∈ [0, 1] of ipw-sg and dr-sg, ŵ = w/(1 − λ + λw) (default 0.1). */
  subGaussian?: number
}

/**
 * An estimator by name, with its hyper-parameter from `options`.
 * @example offPolicyEstimator("snipw").name // "snipw"
 */
export function offPolicyEstimator(name: string, options: EstimatorHyperParameters = {}): OffPolicyEstimator {
  switch (name) {
    case "replay":
      return new Replay()
    case "ipw":
      return new InverseProbabilityWeighting()
    case "snipw":
      return new SelfNormalizedInverseProbabilityWeighting()
    case "dm":
      return new DirectMethod()
    case "dr":
      return new DoublyRobust()
    case "sndr":
      return new SelfNormalizedDoublyRobust()
    case "switch-dr":
      return new SwitchDoublyRobust({ threshold: options.switchThreshold })
    case "ipw-clip":
      return new ShrunkInverseProbabilityWeighting("clip", options.clip ?? 100)
    case "ipw-sg":
      return new ShrunkInverseProbabilityWeighting("sub-gaussian", options.subGaussian ?? 0.1)
    case "dr-clip":
      return new ShrunkDoublyRobust("clip", options.clip ?? 100)
    case "dros":
      return new ShrunkDoublyRobust("optimistic", options.shrinkage ?? 100)
    case "dr-sg":
      return new ShrunkDoublyRobust("sub-gaussian", options.subGaussian ?? 0.1)
    default:
      throw new Error(`unknown estimator '${name}' (allowed: ${OFF_POLICY_ESTIMATORS.join(", ")})`)
  }
}
