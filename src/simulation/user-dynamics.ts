import type { Rng } from "../random/rng"

/**
 * Users who leave (after RecSim's interest-evolution and long-term-satisfaction environments,
 * Ie et al. 2019): each user carries a satisfaction s_u, 0 on arrival, updated after every visit
 *   s_u ← memory · s_u − boredom · [the category shown = the one shown at the user's previous visit]
 *                       + delight · [a click on one of the user's true top-n categories never clicked before]
 * and leaves for good after the visit with probability
 *   P(leave) = σ(leaveLogit − sensitivity · s_u),
 * so a feed that repeats one category bores its users away, and one that finds their interests keeps them.
 */
export interface LeavingOptions {
  /** Satisfaction lost when a visit shows the same category as the previous one (≥ 0). */
  boredom: number
  /** Satisfaction gained by a first click on one of the user's true top-n categories (≥ 0). */
  delight: number
  /** Per-visit memory of satisfaction, in [0, 1]. */
  memory: number
  /** Logit of leaving after a visit at satisfaction 0. */
  leaveLogit: number
  /** Weight of satisfaction in the leave logit (≥ 0). */
  sensitivity: number
}

/** New users who arrive during the run (cold start): the last ⌈share · users⌉ user ids, each on a uniform day of the run. */
export interface ArrivalOptions {
  /** Share of the world's users who are not there at the start, in [0, 1). */
  share: number
}

/** P(leave) after a visit at satisfaction s (see {@link LeavingOptions}). */
export function leaveProbability(options: LeavingOptions, satisfaction: number): number {
  return 1 / (1 + Math.exp(-(options.leaveLogit - options.sensitivity * satisfaction)))
}

/**
 * The per-run state of arrivals and departures, in typed arrays (users × 1), cleared by `reset`.
 * Ground truth of the simulator: the environment reads it; no policy sees it.
 * @example const d = new UserDynamics(100, 30, { boredom: 0.3, delight: 1, memory: 0.95, leaveLogit: -6, sensitivity: 1 }, { share: 0.2 }); d.reset(rng)
 */
export class UserDynamics {
  /** Day each user arrives (0: there from the start). */
  readonly arrivalDay: Float64Array
  /** Day each user left, or +∞. */
  readonly leftDay: Float64Array
  readonly satisfaction: Float64Array
  /** Category shown at the user's previous visit, or −1. */
  readonly lastShown: Int32Array
  /** Users who arrive during the run are ids ≥ firstNewUser. */
  readonly firstNewUser: number

  constructor(
    readonly users: number,
    readonly days: number,
    readonly leaving: LeavingOptions | null,
    readonly arrivals: ArrivalOptions | null,
  ) {
    if (leaving) {
      for (const key of ["boredom", "delight", "sensitivity"] as const) {
        if (!(leaving[key] >= 0)) throw new Error(`leaving.${key} must be >= 0, got ${leaving[key]}`)
      }
      if (!(leaving.memory >= 0 && leaving.memory <= 1))
        throw new Error(`leaving.memory must be in [0, 1], got ${leaving.memory}`)
      if (!Number.isFinite(leaving.leaveLogit))
        throw new Error(`leaving.leaveLogit must be a finite number, got ${leaving.leaveLogit}`)
    }
    if (arrivals && !(arrivals.share >= 0 && arrivals.share < 1))
      throw new Error(`arrivals.share must be in [0, 1), got ${arrivals.share}`)
    this.firstNewUser = arrivals ? users - Math.ceil(arrivals.share * users) : users
    this.arrivalDay = new Float64Array(users)
    this.leftDay = new Float64Array(users).fill(Infinity)
    this.satisfaction = new Float64Array(users)
    this.lastShown = new Int32Array(users).fill(-1)
  }

  /** Starts a run: everyone back, satisfaction 0, new users' arrival days drawn uniformly over the run's days. */
  reset(rng: Rng): void {
    this.leftDay.fill(Infinity)
    this.satisfaction.fill(0)
    this.lastShown.fill(-1)
    for (let u = this.firstNewUser; u < this.users; u++) this.arrivalDay[u] = rng.next() * this.days
  }

  /** Whether `user` is there on `day`: arrived and not left. */
  present(user: number, day: number): boolean {
    return this.arrivalDay[user] <= day && this.leftDay[user] === Infinity
  }

  /**
   * After a visit of `user` on `day` that showed `category`: updates satisfaction and, with the
   * pre-drawn uniform `u`, whether the user leaves. `discovered`: the visit was a first click on a true top-n interest.
   */
  afterVisit(user: number, day: number, category: number, discovered: boolean, u: number): void {
    const o = this.leaving
    if (!o) return
    let s = o.memory * this.satisfaction[user]
    if (this.lastShown[user] === category) s -= o.boredom
    if (discovered) s += o.delight
    this.satisfaction[user] = s
    this.lastShown[user] = category
    if (u < leaveProbability(o, s)) this.leftDay[user] = day
  }
}
