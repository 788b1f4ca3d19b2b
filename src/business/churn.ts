import type { EventLog } from "../schema/event-log"

/** Per-user churn features and labels built around a cut-off day. */
export interface ChurnData {
  /** Users with at least one event before the cut-off (row order). */
  users: Int32Array
  /** Row-major users × featureNames.length. */
  x: Float64Array
  /** 1 = churned: no event in (cutoff, cutoff + horizon]. */
  y: Uint8Array
  featureNames: string[]
}

/**
 * Churn as activity decay: features use only events before `cutoffDay`; the label says whether the
 * user did nothing in the following `horizonDays`. Features: log(1+events) in the last 7 days, in
 * the 7 days before those, and overall; days since the last event; log(1+sessions); log(1+purchases);
 * the recency ratio (last-7-day events / all events).
 * @throws if the days are not positive or the cut-off leaves no history
 * @example churnDataset(log.events, 45, 15)
 */
export function churnDataset(events: EventLog, cutoffDay: number, horizonDays: number): ChurnData {
  if (!(cutoffDay > 0)) throw new Error(`churnDataset: cutoffDay must be > 0, got ${cutoffDay}`)
  if (!(horizonDays > 0)) throw new Error(`churnDataset: horizonDays must be > 0, got ${horizonDays}`)
  const cut = cutoffDay * 86400
  const end = (cutoffDay + horizonDays) * 86400
  interface Acc {
    recent: number
    previous: number
    total: number
    last: number
    sessions: Set<number>
    purchases: number
    after: number
  }
  const acc = new Map<number, Acc>()
  for (let e = 0; e < events.length; e++) {
    const u = events.user[e]
    if (u < 0) continue
    const t = events.time[e]
    let a = acc.get(u)
    if (!a) {
      a = { recent: 0, previous: 0, total: 0, last: -1, sessions: new Set(), purchases: 0, after: 0 }
      acc.set(u, a)
    }
    if (t < cut) {
      a.total++
      if (t >= cut - 7 * 86400) a.recent++
      else if (t >= cut - 14 * 86400) a.previous++
      a.last = Math.max(a.last, t)
      a.sessions.add(events.session[e])
      if (events.type[e] === 3) a.purchases++
    } else if (t < end) a.after++
  }
  const users = Array.from(acc.keys())
    .filter((u) => (acc.get(u) as Acc).total > 0)
    .sort((p, q) => p - q)
  if (users.length === 0) throw new Error(`churnDataset: no user has events before day ${cutoffDay}`)
  const featureNames = [
    "log_events_last7",
    "log_events_prev7",
    "log_events_total",
    "days_since_last",
    "log_sessions",
    "log_purchases",
    "recency_ratio",
  ]
  const d = featureNames.length
  const x = new Float64Array(users.length * d)
  const y = new Uint8Array(users.length)
  users.forEach((u, r) => {
    const a = acc.get(u) as Acc
    x.set(
      [
        Math.log1p(a.recent),
        Math.log1p(a.previous),
        Math.log1p(a.total),
        (cut - a.last) / 86400,
        Math.log1p(a.sessions.size),
        Math.log1p(a.purchases),
        a.recent / a.total,
      ],
      r * d,
    )
    y[r] = a.after === 0 ? 1 : 0
  })
  return { users: Int32Array.from(users), x, y, featureNames }
}
