/** Behaviour events, column by column, in the order they happened for each user. */
export interface EventLog {
  length: number
  user: Int32Array
  item: Int32Array
  session: Int32Array
  /** Seconds since the world's start date (00:00 UTC). */
  time: Int32Array
  /** Index into EVENT_TYPES: 0 view, 1 click, 2 cart, 3 purchase. */
  type: Uint8Array
  /** Slot on the page the item was shown in (0 = top). */
  position: Uint8Array
  hour: Uint8Array
  weekday: Uint8Array
  device: Uint8Array
  region: Uint8Array
}

/** Product reviews written after purchases. */
export interface ReviewLog {
  length: number
  user: Int32Array
  item: Int32Array
  rating: Uint8Array
  time: Int32Array
  textEn: string[]
  textZh: string[]
}

/** An empty event log with room for `capacity` events. */
export function emptyEventLog(capacity: number): EventLog {
  return {
    length: 0,
    user: new Int32Array(capacity),
    item: new Int32Array(capacity),
    session: new Int32Array(capacity),
    time: new Int32Array(capacity),
    type: new Uint8Array(capacity),
    position: new Uint8Array(capacity),
    hour: new Uint8Array(capacity),
    weekday: new Uint8Array(capacity),
    device: new Uint8Array(capacity),
    region: new Uint8Array(capacity),
  }
}

/** A copy with at least `capacity` room (doubling keeps appends amortised O(1)). */
export function growEventLog(log: EventLog, capacity: number): EventLog {
  const grown = emptyEventLog(Math.max(capacity, log.user.length * 2))
  grown.length = log.length
  for (const key of [
    "user",
    "item",
    "session",
    "time",
    "type",
    "position",
    "hour",
    "weekday",
    "device",
    "region",
  ] as const) {
    ;(grown[key] as Int32Array | Uint8Array).set(log[key].subarray(0, log.length) as never)
  }
  return grown
}

/** The log trimmed to its length (typed arrays sliced, so they own exactly `length` entries). */
export function trimEventLog(log: EventLog): EventLog {
  const n = log.length
  return {
    length: n,
    user: log.user.slice(0, n),
    item: log.item.slice(0, n),
    session: log.session.slice(0, n),
    time: log.time.slice(0, n),
    type: log.type.slice(0, n),
    position: log.position.slice(0, n),
    hour: log.hour.slice(0, n),
    weekday: log.weekday.slice(0, n),
    device: log.device.slice(0, n),
    region: log.region.slice(0, n),
  }
}
