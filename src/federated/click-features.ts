import { DEVICES } from "../schema/world-types"
import type { EventLog } from "../schema/event-log"
import type { World } from "../world/world"
import type { LabelledData } from "./client-dataset"

/** Click data built from a world's event log: one row per view, label = clicked. */
export interface ClickData extends LabelledData {
  /** The user of each row. */
  user: Int32Array
  /** The region of each row (index into REGIONS). */
  region: Uint8Array
  /** The day (fractional) of each row. */
  day: Float64Array
  featureNames: string[]
}

/**
 * Turns every `view` event into a feature row and a label (1 if the view was followed by a click
 * on the same slot). Features: log(1+position), item log-popularity log(N·π_i), item quality,
 * relative log-price, the user's causal category share log((n_uc + 1)/(n_u + C)) from the views
 * before this one, category one-hot, device one-hot, cos/sin of the hour, weekend. No region
 * feature: with one client per region the regions' different tastes make the clients non-IID.
 * @example const data = clickFeatures(world, simulateEvents(world).events)
 */
export function clickFeatures(world: World, events: EventLog): ClickData {
  const nc = world.nCategories
  const names = [
    "log1p_position",
    "log_popularity",
    "quality",
    "log_relative_price",
    "log_category_share",
    ...world.categories.map((c) => `category_${c.en}`),
    ...DEVICES.map((dv) => `device_${dv}`),
    "hour_cos",
    "hour_sin",
    "weekend",
  ]
  const d = names.length
  let n = 0
  for (let e = 0; e < events.length; e++) if (events.type[e] === 0) n++
  const x = new Float64Array(n * d)
  const y = new Uint8Array(n)
  const user = new Int32Array(n)
  const region = new Uint8Array(n)
  const day = new Float64Array(n)
  const meanLogPrice = new Float64Array(nc)
  const perCategory = new Float64Array(nc)
  for (let i = 0; i < world.nItems; i++) {
    meanLogPrice[world.catalog.category[i]] += Math.log(world.catalog.price[i])
    perCategory[world.catalog.category[i]]++
  }
  for (let c = 0; c < nc; c++) meanLogPrice[c] /= Math.max(perCategory[c], 1)
  const seen = new Float64Array(world.nUsers * nc)
  const seenTotal = new Float64Array(world.nUsers)
  let r = 0
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] !== 0) continue
    const u = events.user[e]
    const i = events.item[e]
    const c = world.catalog.category[i]
    const o = r * d
    x[o] = Math.log1p(events.position[e])
    x[o + 1] = Math.log(world.nItems * world.catalog.popularity[i])
    x[o + 2] = world.catalog.quality[i]
    x[o + 3] = Math.log(world.catalog.price[i]) - meanLogPrice[c]
    x[o + 4] = Math.log((seen[u * nc + c] + 1) / (seenTotal[u] + nc))
    x[o + 5 + c] = 1
    x[o + 5 + nc + events.device[e]] = 1
    const angle = (2 * Math.PI * events.hour[e]) / 24
    x[o + 5 + nc + DEVICES.length] = Math.cos(angle)
    x[o + 6 + nc + DEVICES.length] = Math.sin(angle)
    x[o + 7 + nc + DEVICES.length] = events.weekday[e] >= 5 ? 1 : 0
    const next = e + 1
    y[r] =
      next < events.length &&
      events.type[next] === 1 &&
      events.item[next] === i &&
      events.session[next] === events.session[e] &&
      events.position[next] === events.position[e]
        ? 1
        : 0
    user[r] = u
    region[r] = events.region[e]
    day[r] = events.time[e] / 86400
    seen[u * nc + c]++
    seenTotal[u]++
    r++
  }
  return { n, d, x, y, user, region, day, featureNames: names }
}

/** The rows of `data` where `keep` is true, as a new dataset (same columns). */
export function filterClickRows(data: ClickData, keep: (row: number) => boolean): ClickData {
  const rows: number[] = []
  for (let r = 0; r < data.n; r++) if (keep(r)) rows.push(r)
  const d = data.d
  const x = new Float64Array(rows.length * d)
  rows.forEach((r, k) => x.set(data.x.subarray(r * d, (r + 1) * d), k * d))
  return {
    n: rows.length,
    d,
    x,
    y: Uint8Array.from(rows, (r) => data.y[r]),
    user: Int32Array.from(rows, (r) => data.user[r]),
    region: Uint8Array.from(rows, (r) => data.region[r]),
    day: Float64Array.from(rows, (r) => data.day[r]),
    featureNames: data.featureNames,
  }
}
