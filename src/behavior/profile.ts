import type { DenseMatrix } from "../linalg/matrix"
import { CATEGORY_SPECS } from "../world/categories"
import { priceTier } from "../world/catalog"
import type { EventLog } from "../schema/event-log"
import { EVENT_TYPES } from "../schema/world-types"
import type { World } from "../world/world"

/** Weights of view, click, cart and purchase events in a profile: stronger signals count more. */
export const DEFAULT_EVENT_WEIGHTS: readonly number[] = [1, 3, 6, 10]

/** The attributes a profile aggregates over, item by item. */
export interface ItemAttributes {
  category: Int32Array
  brand: Int32Array
  /** 0 budget, 1 mid, 2 premium (or any banding with `nPriceBands` bands). */
  priceBand: Int32Array
  nCategories: number
  nBrands: number
  nPriceBands: number
}

/** Options of `buildProfiles` (defaults in brackets). */
export interface ProfileOptions {
  /** An event's weight halves every `halfLifeDays` days before `at` [14]; Infinity: no decay. */
  halfLifeDays?: number
  /** Weight of each event type, indexed like EVENT_TYPES [DEFAULT_EVENT_WEIGHTS]. */
  eventWeights?: ArrayLike<number>
  /** Reference time in seconds (the log's clock); later events are ignored [the last event's time]. */
  at?: number
}

/** Users' interest profiles; each row sums to 1 (or is all zero for a user without events). */
export interface UserProfiles {
  categories: DenseMatrix
  brands: DenseMatrix
  priceBands: DenseMatrix
  /** Total decayed weight of each user's events (the evidence behind the row). */
  weight: Float64Array
}

/**
 * The attributes of the world's items: category, brand and price tier (budget < 0.7 × the
 * category's median price ≤ mid ≤ 1.5 × median < premium).
 */
export function itemAttributesFromWorld(world: World): ItemAttributes {
  const { category, brand, price } = world.catalog
  const priceBand = new Int32Array(world.nItems)
  for (let i = 0; i < world.nItems; i++) priceBand[i] = priceTier(price[i], CATEGORY_SPECS[category[i]].medianPrice)
  return {
    category,
    brand,
    priceBand,
    nCategories: world.nCategories,
    nBrands: world.catalog.brandNames.length,
    nPriceBands: 3,
  }
}

/**
 * Time-decayed interest profiles: user u's weight on attribute value a is
 *   w_u(a) = Σ_{events e of u on items with value a, t_e ≤ T} w_type(e) · 2^(−(T − t_e) / h),
 * normalised over a, where h is the half-life. Recent, strong events (purchases) dominate; old
 * views fade, which follows drifting interests. Seed 001 §一.1, 002 §3.2 (user profile / interest tags).
 * @throws on a bad half-life, weights, or an event whose item or type is out of range
 * @example const p = buildProfiles(events, itemAttributesFromWorld(world), world.nUsers, { halfLifeDays: 7 })
 */
export function buildProfiles(
  events: EventLog,
  items: ItemAttributes,
  nUsers: number,
  options: ProfileOptions = {},
): UserProfiles {
  const halfLife = options.halfLifeDays ?? 14
  if (!(halfLife > 0))
    throw new Error(`buildProfiles: halfLifeDays must be > 0 (Infinity for no decay), got ${halfLife}`)
  const weights = options.eventWeights ?? DEFAULT_EVENT_WEIGHTS
  if (weights.length !== EVENT_TYPES.length)
    throw new Error(
      `buildProfiles: eventWeights must have ${EVENT_TYPES.length} entries (${EVENT_TYPES.join(", ")}), got ${weights.length}`,
    )
  for (let t = 0; t < weights.length; t++) {
    if (!(weights[t] >= 0) || !Number.isFinite(weights[t]))
      throw new Error(
        `buildProfiles: eventWeights[${t}] (${EVENT_TYPES[t]}) must be a finite number >= 0, got ${weights[t]}`,
      )
  }
  if (!Number.isInteger(nUsers) || nUsers < 1)
    throw new Error(`buildProfiles: nUsers must be an integer >= 1, got ${nUsers}`)
  let at = options.at
  if (at === undefined) {
    at = -Infinity
    for (let k = 0; k < events.length; k++) if (events.time[k] > at) at = events.time[k]
  }
  if (!Number.isFinite(at))
    throw new Error(`buildProfiles: at must be a finite time in seconds, got ${at} (an empty log needs an explicit at)`)
  const nItems = items.category.length
  const { nCategories: nc, nBrands: nb, nPriceBands: np } = items
  const cat = new Float64Array(nUsers * nc)
  const brand = new Float64Array(nUsers * nb)
  const band = new Float64Array(nUsers * np)
  const total = new Float64Array(nUsers)
  const rate = Math.LN2 / (halfLife * 86400)
  for (let k = 0; k < events.length; k++) {
    const t = events.time[k]
    if (t > at) continue
    const u = events.user[k]
    const i = events.item[k]
    const type = events.type[k]
    if (!(u >= 0 && u < nUsers)) throw new Error(`buildProfiles: event ${k} has user ${u}, outside [0, ${nUsers})`)
    if (!(i >= 0 && i < nItems)) throw new Error(`buildProfiles: event ${k} has item ${i}, outside [0, ${nItems})`)
    if (type >= weights.length)
      throw new Error(`buildProfiles: event ${k} has type ${type}; types are 0..${weights.length - 1}`)
    const w = weights[type] * Math.exp(-rate * (at - t))
    cat[u * nc + items.category[i]] += w
    brand[u * nb + items.brand[i]] += w
    band[u * np + items.priceBand[i]] += w
    total[u] += w
  }
  for (let u = 0; u < nUsers; u++) {
    if (total[u] === 0) continue
    const inv = 1 / total[u]
    for (let a = 0; a < nc; a++) cat[u * nc + a] *= inv
    for (let a = 0; a < nb; a++) brand[u * nb + a] *= inv
    for (let a = 0; a < np; a++) band[u * np + a] *= inv
  }
  return {
    categories: { kind: "dense", nRows: nUsers, nCols: nc, data: cat },
    brands: { kind: "dense", nRows: nUsers, nCols: nb, data: brand },
    priceBands: { kind: "dense", nRows: nUsers, nCols: np, data: band },
    weight: total,
  }
}

/** The world's true category interests of every user at `day` (nUsers × nCategories). */
export function trueInterestMatrix(world: World, day: number): DenseMatrix {
  const nc = world.nCategories
  const data = new Float64Array(world.nUsers * nc)
  for (let u = 0; u < world.nUsers; u++) world.interestAt(u, day, data.subarray(u * nc, (u + 1) * nc))
  return { kind: "dense", nRows: world.nUsers, nCols: nc, data }
}

/** How well estimated profiles match true interests, over users with a non-empty profile. */
export interface ProfileAgreement {
  /** Mean cosine similarity between estimated and true rows. */
  meanCosine: number
  /** Mean share of the true top-n categories among the estimated top-n. */
  topNOverlap: number
  /** Users compared. */
  users: number
}

/**
 * Compares estimated interest rows with the truth row by row (rows with zero estimate skipped).
 * @throws if the shapes differ or `n` is outside [1, columns]
 * @example profileAgreement(p.categories, trueInterestMatrix(world, world.config.days), 3)
 */
export function profileAgreement(estimated: DenseMatrix, truth: DenseMatrix, n: number): ProfileAgreement {
  if (estimated.nRows !== truth.nRows || estimated.nCols !== truth.nCols) {
    throw new Error(
      `profileAgreement: estimated is ${estimated.nRows} × ${estimated.nCols} but truth is ${truth.nRows} × ${truth.nCols}`,
    )
  }
  const d = truth.nCols
  if (!Number.isInteger(n) || n < 1 || n > d)
    throw new Error(`profileAgreement: n must be an integer in [1, ${d}], got ${n}`)
  let cosSum = 0
  let overlapSum = 0
  let users = 0
  const order = (row: Float64Array) =>
    Array.from({ length: d }, (_, j) => j)
      .sort((a, b) => row[b] - row[a] || a - b)
      .slice(0, n)
  for (let u = 0; u < truth.nRows; u++) {
    const e = estimated.data.subarray(u * d, (u + 1) * d)
    const t = truth.data.subarray(u * d, (u + 1) * d)
    let dot = 0
    let ee = 0
    let tt = 0
    for (let j = 0; j < d; j++) {
      dot += e[j] * t[j]
      ee += e[j] * e[j]
      tt += t[j] * t[j]
    }
    if (ee === 0 || tt === 0) continue
    cosSum += dot / Math.sqrt(ee * tt)
    const top = new Set(order(t))
    overlapSum += order(e).filter((j) => top.has(j)).length / n
    users++
  }
  if (users === 0) throw new Error("profileAgreement: no user has both an estimated and a true profile")
  return { meanCosine: cosSum / users, topNOverlap: overlapSum / users, users }
}
