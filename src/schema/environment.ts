import type { Rng } from "../random/rng"
import type { InteractionHistory } from "./interaction-history"

/**
 * The one interface for a bandit environment (the world a policy plays against).
 *
 * Common random numbers: the runner gives every policy of run r the same generator for the
 * environment, so `reset`, `context` and `reward` must consume a number of draws that does not
 * depend on the arm played; then all policies meet identical users and identical noise.
 */
export interface Environment<C = unknown> {
  readonly name: string
  readonly nArms: number
  /** Feature dimension of `context(...).features`, for linear contextual policies (absent: none). */
  readonly dimension?: number
  /** True when expected rewards never change within a run: the runner then computes them once per run. */
  readonly stationary: boolean
  /** Starts a new run: draws this run's instance (e.g. the testbed's arm means) and clears any history. */
  reset(rng: Rng): void
  /** The context of step t (may mutate and return the same object every step: copy it to keep it). */
  context(t: number, rng: Rng): C
  /** The true expected reward of `arm` in `context`: the ground truth behind regret. */
  expectedReward(arm: number, context: C): number
  /** Every arm's expected reward into `out`: exact regret and optimal-action rate. */
  expectedRewards(context: C, out: Float64Array): Float64Array
  /** A sampled reward for playing `arm`; also records the play for `runMetrics`. */
  reward(arm: number, context: C, rng: Rng): number
  /** Outcome of the last `reward` call for CTR / conversion / revenue (absent: reward counts as a click). */
  lastOutcome?(): StepOutcome
  /** Metrics of the finished run that need the environment's ground truth (discovery, novelty, …). */
  runMetrics?(): Record<string, number>
  /**
   * Whether the visitor of the latest context is there (absent: always). A step whose visitor is
   * absent (left, or not arrived yet) shows nothing: no select, no update, reward 0, no regret.
   */
  present?(): boolean
  /**
   * The users' logged history before a run, drawn from `rng` (the runner passes every policy of run r
   * the same one, built from its own stream); it is given to policies' `warmStart`. No ground truth.
   */
  loggedHistory?(rng: Rng): InteractionHistory
  /** The interval every reward lies in (e.g. [0, 1] for clicks), when bounded: reports clamp intervals of mean rewards to it. */
  readonly rewardRange?: readonly [number, number]
  /** Bernoulli means, when rewards are Bernoulli and stationary: enables the Lai–Robbins bound. */
  bernoulliMeans?(): Float64Array | null
}

/** What happened after one recommendation. */
export interface StepOutcome {
  click: number
  purchase: number
  revenue: number
}
