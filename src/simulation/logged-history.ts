import type { InteractionHistory } from "../schema/interaction-history"
import { AliasTable } from "../random/categorical"
import type { Rng } from "../random/rng"
import type { Context } from "../schema/world-types"
import type { World } from "../world/world"

/** How the history before an experiment was logged (see {@link logHistory}). */
export interface HistoryOptions {
  /** Days of logged traffic before the experiment starts (0: no history). */
  days: number
  /** The logging policy: "popularity" (a popularity-ranked feed with ε-uniform exploration) or "uniform". */
  logging: "popularity" | "uniform"
  /** ε of the popularity feed: π(a) = (1 − ε)·pop(a)/Σ pop + ε/K; must be > 0 so every arm has a propensity. */
  epsilon: number
}

/** What {@link logHistory} needs of the environment: the world, the item each arm shows, its slot and clock. */
export interface HistorySource {
  readonly world: World
  readonly armItem: Int32Array
  readonly position: number
  readonly stepsPerDay: number
  /** 1 for users present before the experiment; users arriving during it have no history. */
  readonly presentAtStart: Uint8Array
}

/**
 * The logging policy's propensities over arms: "uniform" 1/K; "popularity" the popularity-ranked
 *   π(a) = (1 − ε) · pop(item_a) / Σ_b pop(item_b) + ε / K
 * (every arm keeps at least ε/K, so importance weights 1/π stay bounded).
 * @example loggingPropensities(Float64Array.of(0.5, 0.3, 0.2), "popularity", 0.1) // [0.483…, 0.303…, 0.213…]
 */
export function loggingPropensities(
  popularity: Float64Array,
  logging: HistoryOptions["logging"],
  epsilon: number,
): Float64Array {
  const K = popularity.length
  const out = new Float64Array(K)
  if (logging === "uniform") return out.fill(1 / K)
  let total = 0
  for (let a = 0; a < K; a++) total += popularity[a]
  for (let a = 0; a < K; a++) out[a] = (1 - epsilon) * (popularity[a] / total) + epsilon / K
  return out
}

/**
 * The logged history of the users before an experiment: the same visit process as the experiment
 * (`stepsPerDay` visits a day, visitors drawn by activity, their situation from the world) over the
 * `days` days before day 0, each visit shown one arm by the logging policy at the experiment's slot
 * and clicked with the world's ground-truth click probability (interests as at day 0, same-day
 * fatigue included). Only what a real system logs is kept: user, arm, click and the logging
 * propensity; visits of users who have not arrived yet are not logged. Impressions ≈ days ·
 * stepsPerDay, in time order. Deterministic in `rng`.
 * @example const h = logHistory(env, { days: 30, logging: "popularity", epsilon: 0.1 }, createRng(7, 1))
 */
export function logHistory(source: HistorySource, options: HistoryOptions, rng: Rng): InteractionHistory {
  const { world, armItem, position, stepsPerDay, presentAtStart } = source
  const K = armItem.length
  const nUsers = world.nUsers
  const steps = Math.round(options.days * stepsPerDay)
  const popularity = Float64Array.from(armItem, (i) => world.catalog.popularity[i])
  const propensity = loggingPropensities(popularity, options.logging, options.epsilon)
  const arms = new AliasTable(propensity)
  const visits = new AliasTable(world.users.activity)
  const user = new Int32Array(steps)
  const arm = new Int32Array(steps)
  const reward = new Float64Array(steps)
  const prop = new Float64Array(steps)
  const nc = world.nCategories
  const exposureDay = new Int32Array(nUsers * nc).fill(-1 - options.days)
  const exposureCount = new Int32Array(nUsers * nc)
  const weekday0 = world.startWeekday()
  const situation: Context = { day: 0, hour: 0, weekday: 0, device: 0, region: 0 }
  let n = 0
  for (let t = 0; t < steps; t++) {
    const u = visits.sample(rng)
    const dayIndex = Math.floor(t / stepsPerDay) - options.days
    const s = world.sampleContext(u, dayIndex, rng)
    const a = arms.sample(rng)
    const uClick = rng.next()
    if (!presentAtStart[u]) continue
    situation.day = s.day
    situation.hour = s.hour
    situation.weekday = (((weekday0 + dayIndex) % 7) + 7) % 7
    situation.device = s.device
    situation.region = s.region
    const item = armItem[a]
    const cell = u * nc + world.catalog.category[item]
    if (exposureDay[cell] !== dayIndex) {
      exposureDay[cell] = dayIndex
      exposureCount[cell] = 0
    }
    const click = uClick < world.clickProbability(u, item, situation, position, exposureCount[cell]) ? 1 : 0
    exposureCount[cell]++
    user[n] = u
    arm[n] = a
    reward[n] = click
    prop[n] = propensity[a]
    n++
  }
  return {
    nUsers,
    nArms: K,
    user: user.slice(0, n),
    arm: arm.slice(0, n),
    reward: reward.slice(0, n),
    propensity: prop.slice(0, n),
  }
}

/** Size of a history: impressions, clicks, and both per user (over all nUsers, arriving users included). */
export function historySize(history: InteractionHistory): {
  impressions: number
  clicks: number
  impressionsPerUser: number
  clicksPerUser: number
} {
  let clicks = 0
  for (let i = 0; i < history.reward.length; i++) clicks += history.reward[i]
  const impressions = history.user.length
  return {
    impressions,
    clicks,
    impressionsPerUser: impressions / history.nUsers,
    clicksPerUser: clicks / history.nUsers,
  }
}
