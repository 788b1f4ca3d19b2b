import type { DenseMatrix } from "../linalg/matrix"

/** One interest tag of a user. */
export interface InterestTag {
  tag: string
  /** The user's profile weight on the tag. */
  weight: number
  /** weight / the population's mean weight on the tag: > 1 means more interested than average. */
  lift: number
}

/** Options of `interestTags` (defaults in brackets). */
export interface InterestTagOptions {
  /** At most this many tags per user [3]. */
  topN?: number
  /** Only tags whose lift is at least this [1.2]. */
  minLift?: number
}

/**
 * Interest tags from behaviour profiles (users × attributes, e.g. `buildProfiles(...).categories`):
 * the user's heaviest attributes whose weight is at least `minLift` times the population mean,
 * so that tags say what distinguishes the user, not what everybody buys. Seed 001 §一.1, 003 §1.
 * @throws if `names` does not name every column, or on bad options
 * @example interestTags(profiles.categories, world.categories.map((c) => c.zh), { topN: 2 })[0]
 * // [{ tag: "数码", weight: 0.41, lift: 3.2 }, …]
 */
export function interestTags(
  profile: DenseMatrix,
  names: readonly string[],
  options: InterestTagOptions = {},
): InterestTag[][] {
  const topN = options.topN ?? 3
  const minLift = options.minLift ?? 1.2
  if (!Number.isInteger(topN) || topN < 1) throw new Error(`interestTags: topN must be an integer >= 1, got ${topN}`)
  if (!(minLift >= 0) || !Number.isFinite(minLift))
    throw new Error(`interestTags: minLift must be a finite number >= 0, got ${minLift}`)
  const { nRows: n, nCols: d, data } = profile
  if (names.length !== d)
    throw new Error(`interestTags: names has ${names.length} entries but the profile has ${d} columns`)
  const mean = new Float64Array(d)
  let active = 0
  for (let u = 0; u < n; u++) {
    let s = 0
    for (let j = 0; j < d; j++) s += data[u * d + j]
    if (s === 0) continue
    active++
    for (let j = 0; j < d; j++) mean[j] += data[u * d + j]
  }
  for (let j = 0; j < d; j++) mean[j] = active > 0 ? mean[j] / active : 0
  const out: InterestTag[][] = []
  for (let u = 0; u < n; u++) {
    const tags: InterestTag[] = []
    for (let j = 0; j < d; j++) {
      const w = data[u * d + j]
      if (w > 0 && mean[j] > 0 && w / mean[j] >= minLift) tags.push({ tag: names[j], weight: w, lift: w / mean[j] })
    }
    tags.sort((a, b) => b.weight - a.weight || (a.tag < b.tag ? -1 : 1))
    out.push(tags.slice(0, topN))
  }
  return out
}

/**
 * Folds review sentiment into a category profile: each review of user u on an item of category c
 * multiplies u's weight on c by (1 + strength · s), s = −1 negative, 0 neutral, +1 positive (the
 * sentiment class minus 1), then the row is renormalised. A disliked purchase lowers the interest
 * it would otherwise have raised. Seed 001 §一.1 (review sentiment → profile).
 * @throws on mismatched lengths, out-of-range indices, or strength outside [0, 1)
 * @example applyReviewSentiment(profiles.categories, reviews.user, categoryOfReview, sentiments, 0.5)
 */
export function applyReviewSentiment(
  profile: DenseMatrix,
  users: ArrayLike<number>,
  categories: ArrayLike<number>,
  sentiments: ArrayLike<number>,
  strength: number,
): DenseMatrix {
  if (!(strength >= 0 && strength < 1))
    throw new Error(`applyReviewSentiment: strength must be in [0, 1), got ${strength}`)
  if (users.length !== categories.length || users.length !== sentiments.length) {
    throw new Error(
      `applyReviewSentiment: users, categories and sentiments must have the same length (${users.length}, ${categories.length}, ${sentiments.length})`,
    )
  }
  const { nRows: n, nCols: d } = profile
  const data = Float64Array.from(profile.data)
  for (let r = 0; r < users.length; r++) {
    const u = users[r]
    const c = categories[r]
    const s = sentiments[r]
    if (!(Number.isInteger(u) && u >= 0 && u < n))
      throw new Error(`applyReviewSentiment: users[${r}] is ${u}, outside [0, ${n})`)
    if (!(Number.isInteger(c) && c >= 0 && c < d))
      throw new Error(`applyReviewSentiment: categories[${r}] is ${c}, outside [0, ${d})`)
    if (s !== 0 && s !== 1 && s !== 2)
      throw new Error(`applyReviewSentiment: sentiments[${r}] is ${s}; expected 0, 1 or 2`)
    data[u * d + c] *= 1 + strength * (s - 1)
  }
  for (let u = 0; u < n; u++) {
    let sum = 0
    for (let j = 0; j < d; j++) sum += data[u * d + j]
    if (sum > 0) for (let j = 0; j < d; j++) data[u * d + j] /= sum
  }
  return { kind: "dense", nRows: n, nCols: d, data }
}
