import type { SocialGraph } from "./social-graph"

/**
 * What a real recommender knows about its users before an experiment starts: the impressions its
 * logging policy showed (for example a popularity-ranked feed over `historyDays` of the world's
 * organic sessions) and whether each was clicked. Parallel typed arrays, one entry per logged
 * impression, in time order. It carries no ground truth of the simulator: no interests, no
 * segments, only what was shown and what the user did.
 *
 * Personalised policies receive it once through {@link Policy.warmStart}; afterwards they see
 * only the user id and the observable context of each visit.
 * @example const h: InteractionHistory = { nUsers: 2, nArms: 3, user: Int32Array.of(0, 1), arm: Int32Array.of(2, 0), reward: Float64Array.of(1, 0), propensity: Float64Array.of(0.5, 0.25) }
 */
export interface InteractionHistory {
  /** User ids are 0..nUsers−1, users who arrive during the run included (they have no rows). */
  readonly nUsers: number
  /** Arms are 0..nArms−1, as in the experiment. */
  readonly nArms: number
  /** The user of each logged impression. */
  readonly user: Int32Array
  /** The arm the logging policy showed. */
  readonly arm: Int32Array
  /** The observed reward (a click: 0 or 1). */
  readonly reward: Float64Array
  /** The logging policy's probability of the shown arm, in (0, 1], for importance-weighted warm starts. */
  readonly propensity: Float64Array
  /** The users' friend lists, where the system knows them (an environment with `friends`); absent otherwise. */
  readonly friends?: SocialGraph
}

/**
 * The part of a context a personalised policy may read: who is visiting, and observable features
 * of the visit (device, hour, weekend, region …), never a ground-truth trait of the user.
 */
export interface VisitorContext {
  /** The visiting user's id, in [0, nUsers). */
  readonly user: number
  /** Observable features of the visit, for linear policies. */
  readonly features?: Float64Array
}
