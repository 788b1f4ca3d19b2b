import type { EventLog } from "../schema/event-log"
import { EVENT_TYPES } from "../schema/world-types"

/** Options of `transactionsFromEvents`. */
export interface TransactionOptions {
  /** One basket per session or per user ["session"]. */
  by?: "session" | "user"
  /** Smallest event type that puts an item in the basket: 1 click, 2 cart, 3 purchase [2]. */
  minType?: number
}

/**
 * Baskets for association rules: the distinct labels (`label[item]`, e.g. the item's category or
 * brand name, or its own id) of the items a session or a user engaged with at least at `minType`.
 * Empty baskets are dropped.
 * @example transactionsFromEvents(log.events, Array.from(world.catalog.category, (c) => world.categories[c].zh))
 */
export function transactionsFromEvents<T extends string | number>(
  events: EventLog,
  label: ArrayLike<T>,
  options: TransactionOptions = {},
): T[][] {
  const by = options.by ?? "session"
  const minType = options.minType ?? 2
  if (by !== "session" && by !== "user")
    throw new Error(`transactionsFromEvents: by must be "session" or "user", got ${String(by)}`)
  if (!(Number.isInteger(minType) && minType >= 0 && minType < EVENT_TYPES.length)) {
    throw new Error(
      `transactionsFromEvents: minType must be an integer in [0, ${EVENT_TYPES.length - 1}] (${EVENT_TYPES.join(", ")}), got ${minType}`,
    )
  }
  const baskets = new Map<number, Set<T>>()
  for (let k = 0; k < events.length; k++) {
    if (events.type[k] < minType) continue
    const item = events.item[k]
    if (!(item >= 0 && item < label.length))
      throw new Error(`transactionsFromEvents: event ${k} has item ${item}, outside [0, ${label.length})`)
    const key = by === "session" ? events.session[k] : events.user[k]
    let basket = baskets.get(key)
    if (!basket) baskets.set(key, (basket = new Set()))
    basket.add(label[item])
  }
  return Array.from(baskets.keys())
    .sort((a, b) => a - b)
    .map((key) => Array.from(baskets.get(key) as Set<T>))
}
