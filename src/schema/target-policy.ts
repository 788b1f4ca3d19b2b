import type { BanditLog } from "./bandit-log"

/**
 * A policy to evaluate off-policy: its action distribution for a logged round's context and
 * position. Context-free distributions, wrapped `Policy` objects from src/bandits and policies
 * learned from a log all implement it.
 */
export interface TargetPolicy {
  readonly name: string
  readonly nActions: number
  /** Fills `out` (length nActions) with π(a | xᵢ, posᵢ) for round `i` of `log`; sums to 1. */
  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void
}
