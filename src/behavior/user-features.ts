import { columnMoments, type DenseMatrix } from "../linalg/matrix"
import type { EventLog } from "../schema/event-log"

/** Names of the columns of `userBehaviorFeatures`, in order. */
export const USER_FEATURE_NAMES = [
  "log sessions",
  "events per session",
  "click rate",
  "cart per click",
  "purchase per cart",
  "category entropy",
  "categories seen",
] as const

/** Per-user behaviour features and the users they belong to. */
export interface UserFeatures {
  /** Users with at least one event, ascending; row r of X is users[r]. */
  users: Int32Array
  X: DenseMatrix
}

/**
 * Behaviour features for segmenting users (one row per active user):
 * ln(1 + sessions), events per session, clicks / views, carts / clicks, purchases / carts (each
 * ratio with +1 / +2 smoothing so a user with few events sits near the prior 1/2, not at 0 or 1),
 * the entropy (nats) of the user's viewed-category distribution, and the number of categories seen.
 * Focused users (the world's segment 0) have low entropy; broad users high.
 * @throws on an item outside `itemCategory` or a category outside [0, nCategories)
 * @example const { users, X } = userBehaviorFeatures(log.events, world.catalog.category, world.nCategories)
 */
export function userBehaviorFeatures(events: EventLog, itemCategory: Int32Array, nCategories: number): UserFeatures {
  const byUser = new Map<number, number[]>()
  for (let k = 0; k < events.length; k++) {
    const u = events.user[k]
    let list = byUser.get(u)
    if (!list) byUser.set(u, (list = []))
    list.push(k)
  }
  const users = Int32Array.from(byUser.keys()).sort()
  const d = USER_FEATURE_NAMES.length
  const data = new Float64Array(users.length * d)
  const catCounts = new Float64Array(nCategories)
  users.forEach((u, r) => {
    const idx = byUser.get(u) as number[]
    const sessions = new Set<number>()
    const type = [0, 0, 0, 0]
    catCounts.fill(0)
    for (const k of idx) {
      sessions.add(events.session[k])
      type[events.type[k]]++
      const item = events.item[k]
      if (!(item >= 0 && item < itemCategory.length))
        throw new Error(`userBehaviorFeatures: event ${k} has item ${item}, outside [0, ${itemCategory.length})`)
      const c = itemCategory[item]
      if (!(c >= 0 && c < nCategories))
        throw new Error(`userBehaviorFeatures: item ${item} has category ${c}, outside [0, ${nCategories})`)
      if (events.type[k] === 0) catCounts[c]++
    }
    let views = 0
    for (let c = 0; c < nCategories; c++) views += catCounts[c]
    let entropy = 0
    let seen = 0
    for (let c = 0; c < nCategories; c++) {
      if (catCounts[c] === 0) continue
      seen++
      const p = catCounts[c] / views
      entropy -= p * Math.log(p)
    }
    const row = [
      Math.log1p(sessions.size),
      idx.length / sessions.size,
      (type[1] + 1) / (type[0] + 2),
      (type[2] + 1) / (type[1] + 2),
      (type[3] + 1) / (type[2] + 2),
      entropy,
      seen,
    ]
    data.set(row, r * d)
  })
  return { users, X: { kind: "dense", nRows: users.length, nCols: d, data } }
}

/**
 * Column-wise z-scores (x − mean) / sd, population sd; a constant column becomes 0.
 * K-means uses Euclidean distance, so features on different scales must be standardised first.
 * @example standardize(denseMatrix([[1, 10], [3, 30]])).data // [−1, −1, 1, 1]
 */
export function standardize(X: DenseMatrix): DenseMatrix {
  const { nRows: n, nCols: d } = X
  if (n === 0) throw new Error("standardize: X must have at least one row")
  const data = Float64Array.from(X.data)
  for (let j = 0; j < d; j++) {
    const { mean, variance } = columnMoments(X, j)
    const sd = Math.sqrt(variance)
    for (let i = 0; i < n; i++) data[i * d + j] = sd > 0 ? (data[i * d + j] - mean) / sd : 0
  }
  return { kind: "dense", nRows: n, nCols: d, data }
}
