import type { EventLog } from "../schema/event-log"
import type { Interactions } from "../schema/interactions"
import { interactionsFromTriples } from "../schema/interactions"

export interface EventWeights {
  /** Weight of a click (default 1). */
  click?: number
  /** Weight of an add-to-cart (default 2). */
  cart?: number
  /** Weight of a purchase (default 4). */
  purchase?: number
}

export interface EventInteractionOptions {
  weights?: EventWeights
  /** Only events with from ≤ time < to (seconds since the world's start) count (default: all). */
  from?: number
  to?: number
}

/**
 * An implicit-feedback matrix from a simulated event log: r_ui = Σ over u's events on i of the weight
 * of the event type (views count 0: an impression is not a signal of interest). Users and items with
 * no events keep empty rows/columns, so indices stay those of the world.
 * @example interactionsFromEvents(simulateEvents(world).events, world.nUsers, world.nItems, { to: 20 * 86400 })
 */
export function interactionsFromEvents(
  events: EventLog,
  nUsers: number,
  nItems: number,
  options: EventInteractionOptions = {},
): Interactions {
  const w = options.weights ?? {}
  const typeWeight = [0, w.click ?? 1, w.cart ?? 2, w.purchase ?? 4]
  typeWeight.forEach((v, t) => {
    if (!Number.isFinite(v) || v < 0)
      throw new Error(`interactionsFromEvents: the weight of event type ${t} must be a finite number >= 0, got ${v}`)
  })
  const from = options.from ?? -Infinity
  const to = options.to ?? Infinity
  const users: number[] = []
  const items: number[] = []
  const values: number[] = []
  for (let k = 0; k < events.length; k++) {
    const weight = typeWeight[events.type[k]]
    const t = events.time[k]
    if (!(weight > 0) || t < from || t >= to || events.user[k] < 0) continue
    users.push(events.user[k])
    items.push(events.item[k])
    values.push(weight)
  }
  return interactionsFromTriples(nUsers, nItems, users, items, values)
}
