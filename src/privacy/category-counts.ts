import type { Rng } from "../random/rng"
import { laplaceNoise } from "./laplace"
import { checkEpsilon } from "./parameters"

/** Options of `privateCategoryCounts`. */
export interface PrivateCountsOptions {
  epsilon: number
  /** Events kept per user (the first ones in log order); bounds one user's influence: Δ₁ = maxPerUser. */
  maxPerUser: number
}

/** The result of `privateCategoryCounts`. */
export interface PrivateCounts {
  /** Noisy counts: clipped counts + Lap(maxPerUser/ε); unbiased for `clipped`, may be negative. */
  counts: Float64Array
  /** The exact counts after clipping (what the noise protects; for evaluation only). */
  clipped: Float64Array
  /** Laplace scale b = maxPerUser / ε. */
  scale: number
}

/**
 * Category counts released with user-level ε-differential privacy (central model): each user's
 * events are clipped to the first `maxPerUser`, so adding or removing one user changes the count
 * vector by at most maxPerUser in L1 norm, and Laplace(maxPerUser/ε) noise on every category
 * suffices (Dwork & Roth 2014, §3.3). Clipping trades bias (heavy users under-counted) for less
 * noise. Post-processing such as rounding or clamping at 0 keeps the privacy but adds bias.
 * @throws if ε ≤ 0, maxPerUser is not a positive integer, or a category is out of range
 * @example privateCategoryCounts(log.user, categoryOfEvent, 12, { epsilon: 1, maxPerUser: 20 }, rng)
 */
export function privateCategoryCounts(
  users: ArrayLike<number>,
  categories: ArrayLike<number>,
  nCategories: number,
  options: PrivateCountsOptions,
  rng: Rng,
): PrivateCounts {
  checkEpsilon(options.epsilon, "privateCategoryCounts")
  const m = options.maxPerUser
  if (!Number.isInteger(m) || m < 1)
    throw new Error(`privateCategoryCounts: maxPerUser must be a positive integer, got ${m}`)
  if (!Number.isInteger(nCategories) || nCategories < 1)
    throw new Error(`privateCategoryCounts: nCategories must be a positive integer, got ${nCategories}`)
  if (users.length !== categories.length) {
    throw new Error(
      `privateCategoryCounts: users and categories must have the same length (${users.length} vs ${categories.length})`,
    )
  }
  const used = new Map<number, number>()
  const clipped = new Float64Array(nCategories)
  for (let e = 0; e < users.length; e++) {
    const c = categories[e]
    if (!(Number.isInteger(c) && c >= 0 && c < nCategories))
      throw new Error(`privateCategoryCounts: category ${c} of event ${e} is outside [0, ${nCategories})`)
    const u = users[e]
    const k = used.get(u) ?? 0
    if (k < m) {
      used.set(u, k + 1)
      clipped[c] += 1
    }
  }
  const scale = m / options.epsilon
  const counts = new Float64Array(nCategories)
  for (let c = 0; c < nCategories; c++) counts[c] = clipped[c] + laplaceNoise(rng, scale)
  return { counts, clipped, scale }
}
