import type { Rng } from "../random/rng"
import type { Policy } from "./policy"

/**
 * A policy that can score every arm for a context (its index, or one posterior draw), so that a
 * slate can take the k best rather than one: UCB-family indices, Thompson draws, LinUCB bounds.
 */
export interface ScoringPolicy<C = unknown> extends Policy<C> {
  /** Writes one score per arm into `out` (may draw from `rng`) and returns it. */
  scores(context: C, rng: Rng, out: Float64Array): Float64Array
}
