import type { Context } from "../schema/world-types"
import type { EventLog } from "../schema/event-log"
import type { Explanation } from "../schema/explanation"
import { byMagnitude, formatValue } from "../schema/explanation"
import type { Recommender } from "./recommender"

/** Hour bands used as the time-of-day part of a context (night, morning, afternoon, evening). */
const HOUR_BANDS = 4
const contextKeys = HOUR_BANDS * 2 // × weekday/weekend

function contextKey(hour: number, weekday: number): number {
  return Math.floor(hour / 6) * 2 + (weekday >= 5 ? 1 : 0)
}

/**
 * How much more a category is clicked in a context (time-of-day band × weekend) than overall, learned
 * from logged clicks with additive smoothing towards the overall share:
 * lift(c | ctx) = [(n_{c,ctx} + a·p_c) / (n_ctx + a)] / p_c,  p_c = (n_c + 1) / (n + C).
 * Used to re-rank a recommender's list for the situation of the request (seed 002 §3.3, 004 §2.4):
 * score'_i = score_i + β · ln lift(category(i) | ctx).
 * @example const lift = contextLiftFromEvents(train, world.catalog.category, world.nCategories); contextRerank(scores, category, lift.logLift(ctx), 0.5)
 */
export class ContextLift {
  private readonly counts: Float64Array
  private readonly totals: Float64Array
  private readonly share: Float64Array

  constructor(
    readonly nCategories: number,
    counts: Float64Array,
    readonly smoothing: number,
  ) {
    if (counts.length !== contextKeys * nCategories)
      throw new Error(`ContextLift: counts must have ${contextKeys} × ${nCategories} entries, got ${counts.length}`)
    if (!(smoothing >= 0)) throw new Error(`ContextLift: smoothing must be >= 0, got ${smoothing}`)
    this.counts = counts
    this.totals = new Float64Array(contextKeys)
    const byCategory = new Float64Array(nCategories)
    let n = 0
    for (let key = 0; key < contextKeys; key++) {
      for (let c = 0; c < nCategories; c++) {
        const v = counts[key * nCategories + c]
        this.totals[key] += v
        byCategory[c] += v
        n += v
      }
    }
    this.share = byCategory.map((v) => (v + 1) / (n + nCategories))
  }

  /** ln lift(c | ctx) for every category c. */
  logLift(context: Pick<Context, "hour" | "weekday">): Float64Array {
    const key = contextKey(context.hour, context.weekday)
    const a = this.smoothing
    const out = new Float64Array(this.nCategories)
    for (let c = 0; c < this.nCategories; c++) {
      const p = (this.counts[key * this.nCategories + c] + a * this.share[c]) / (this.totals[key] + a) / this.share[c]
      out[c] = Math.log(p)
    }
    return out
  }
}

/** Counts clicks (and carts, purchases) per context and category in `events` before `to` seconds. */
export function contextLiftFromEvents(
  events: EventLog,
  categoryOf: Int32Array,
  nCategories: number,
  options: { to?: number; smoothing?: number } = {},
): ContextLift {
  const counts = new Float64Array(contextKeys * nCategories)
  const to = options.to ?? Infinity
  for (let k = 0; k < events.length; k++) {
    if (events.type[k] === 0 || events.time[k] >= to || events.item[k] < 0) continue
    counts[contextKey(events.hour[k], events.weekday[k]) * nCategories + categoryOf[events.item[k]]]++
  }
  return new ContextLift(nCategories, counts, options.smoothing ?? 20)
}

/**
 * Context-aware re-ranking: score'_i = score_i + β · logLift[category(i)]. A pure function (returns new scores).
 * @example contextRerank(model.score(u), world.catalog.category, lift.logLift(ctx), 0.5)
 */
export function contextRerank(
  scores: Float64Array,
  categoryOf: Int32Array,
  logLift: Float64Array,
  beta: number,
): Float64Array {
  if (!Number.isFinite(beta)) throw new Error(`contextRerank: beta must be finite, got ${beta}`)
  if (categoryOf.length !== scores.length)
    throw new Error(`contextRerank: categoryOf has ${categoryOf.length} items but scores ${scores.length}`)
  const out = new Float64Array(scores.length)
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] + beta * logLift[categoryOf[i]]
  return out
}

/**
 * Why `contextRerank` gives an item its score: the model's explanation `base` of the item plus the context
 * term β · ln lift(category | ctx) (its neighbours, factors… kept when they sum to the base score).
 * @example explainContextRerank(model.explain(u, i), world.catalog.category, lift.logLift(ctx), 0.5)
 */
export function explainContextRerank(
  base: Explanation,
  categoryOf: Int32Array,
  logLift: Float64Array,
  beta: number,
): Explanation {
  const c = categoryOf[base.item]
  const boost = beta * logLift[c]
  const context = {
    label: `the time of day and week (category ${c} clicked ×${formatValue(Math.exp(logLift[c]))} as often now)`,
    value: boost,
  }
  const terms =
    base.combine === "sum"
      ? [...base.contributions, context]
      : [{ label: "the model's score", value: base.score }, context]
  return {
    item: base.item,
    score: base.score + boost,
    kind: "score",
    combine: "sum",
    contributions: byMagnitude(terms),
    text: `${base.text}; ${boost >= 0 ? "raised" : "lowered"} by ${formatValue(Math.abs(boost))} for the situation: category ${c} is clicked ×${formatValue(Math.exp(logLift[c]))} as often at this time`,
  }
}

/**
 * Hit rate@k of logged clicks under context-aware re-ranking: for every click event at time ≥ `from`
 * by a user, is the clicked item in the top k of contextRerank(model.score(user), …, β) for that event's
 * hour and weekday (training items are not excluded: a re-click counts)? β = 0 gives the model's own hit rate.
 * @example contextHitRate(model, events, world.catalog.category, lift, 0.5, 10, 45 * 86400)
 */
export function contextHitRate(
  model: Recommender,
  events: EventLog,
  categoryOf: Int32Array,
  lift: ContextLift,
  beta: number,
  k: number,
  from: number,
): number {
  let hits = 0
  let n = 0
  const cache = new Map<number, Float64Array>()
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] !== 1 || events.time[e] < from || events.user[e] < 0) continue
    const user = events.user[e]
    let base = cache.get(user)
    if (!base) {
      base = model.score(user)
      cache.set(user, base)
    }
    const scores = contextRerank(
      base,
      categoryOf,
      lift.logLift({ hour: events.hour[e], weekday: events.weekday[e] }),
      beta,
    )
    const target = scores[events.item[e]]
    // Rank by counting strictly better items (ties to the smaller index, as in topK).
    let better = 0
    for (let i = 0; i < scores.length && better < k; i++)
      if (scores[i] > target || (scores[i] === target && i < events.item[e])) better++
    if (better < k) hits++
    n++
  }
  if (n === 0) throw new Error(`contextHitRate: no click at or after time ${from}`)
  return hits / n
}
