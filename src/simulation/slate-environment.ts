import type { Rng } from "../random/rng"

/**
 * An environment that is shown a whole slate (k arms at positions 0..k−1) per step and answers
 * with a click per position. Like `Environment`, a step must consume the same number of draws
 * whatever the slate (common random numbers), and expected rewards are exact, so regret is too.
 */
export interface SlateEnvironment<C = unknown> {
  readonly name: string
  readonly nArms: number
  /** Starts a new run and clears any history. */
  reset(rng: Rng): void
  /** The context of step t (may be one reused object). */
  context(t: number, rng: Rng): C
  /** Examination probability κ_p of position p (position-based model; κ_0 = 1 usually). */
  examination(position: number): number
  /** The expected reward of showing slate[0..k) at positions 0..k−1. */
  expectedSlateReward(slate: Int32Array, k: number, context: C): number
  /** The largest expected reward of any k-slate in this context (the regret reference). */
  bestSlateReward(k: number, context: C): number
  /** Samples the clicks (1 = clicked) per position into `clicks`, records the exposure, returns the slate's reward. */
  slateReward(slate: Int32Array, k: number, context: C, rng: Rng, clicks: Uint8Array): number
  /** Metrics of the finished run (discovery, diversity, …). */
  runMetrics?(): Record<string, number>
}
