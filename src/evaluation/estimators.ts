import { DirectMethod } from "./direct-method"
import { DoublyRobust } from "./doubly-robust"
import { InverseProbabilityWeighting } from "./ipw"
import type { OffPolicyEstimator } from "./off-policy-estimator"
import { Replay } from "./replay"
import { SelfNormalizedDoublyRobust } from "./sndr"
import { SelfNormalizedInverseProbabilityWeighting } from "./snipw"
import { SwitchDoublyRobust } from "./switch-dr"

/** The estimators by their command-line names. */
export const OFF_POLICY_ESTIMATORS = ["replay", "ipw", "snipw", "dm", "dr", "sndr", "switch-dr"] as const
export type OffPolicyEstimatorName = (typeof OFF_POLICY_ESTIMATORS)[number]

/**
 * An estimator by name; `switchThreshold` is switch-DR's τ.
 * @example offPolicyEstimator("snipw").name // "snipw"
 */
export function offPolicyEstimator(name: string, options: { switchThreshold?: number } = {}): OffPolicyEstimator {
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
    default:
      throw new Error(`unknown estimator '${name}' (allowed: ${OFF_POLICY_ESTIMATORS.join(", ")})`)
  }
}
