import type { Rng } from "../random/rng"
import type { Interactions } from "../schema/interactions"
import { laplaceNoise } from "./laplace"
import { checkEpsilon } from "./parameters"

/** Options of `privateItemCounts`. */
export interface PrivateItemCountsOptions {
  epsilon: number
  /** Items kept per user (a uniform random subset of her row when she has more): Δ₁ = maxItemsPerUser. */
  maxItemsPerUser: number
}

/** The result of `privateItemCounts`. */
export interface PrivateItemCounts {
  /** Released counts: clipped + Lap(maxItemsPerUser/ε) per item; unbiased for `clipped`, may be negative. */
  counts: Float64Array
  /** Distinct users per item after clipping (what the noise protects; for evaluation only). */
  clipped: Float64Array
  /** Distinct users per item without clipping (for evaluation only). */
  exact: Float64Array
  /** Laplace scale b = maxItemsPerUser / ε. */
  scale: number
}

/**
 * Item popularity (distinct users per item) released with user-level ε-differential privacy in the
 * central model: each user counts at most once per item and on at most `maxItemsPerUser` items (a
 * uniform random subset, drawn from `rng`, so the clipping does not favour low item indices), so
 * adding or removing one user changes the count vector by at most maxItemsPerUser in L1 norm and
 * Lap(maxItemsPerUser/ε) noise per item is ε-DP (Dwork & Roth 2014, Theorem 3.6). The expected absolute
 * error of each released count is b = maxItemsPerUser/ε, plus the clipping bias.
 * @throws if ε ≤ 0 or maxItemsPerUser is not a positive integer
 * @example privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 10 }, rng).counts
 */
export function privateItemCounts(train: Interactions, options: PrivateItemCountsOptions, rng: Rng): PrivateItemCounts {
  checkEpsilon(options.epsilon, "privateItemCounts")
  const m = options.maxItemsPerUser
  if (!Number.isInteger(m) || m < 1)
    throw new Error(`privateItemCounts: maxItemsPerUser must be a positive integer, got ${m}`)
  const exact = new Float64Array(train.nItems)
  const clipped = new Float64Array(train.nItems)
  const row = new Int32Array(Math.max(0, ...rowLengths(train)))
  for (let u = 0; u < train.nUsers; u++) {
    const start = train.indptr[u]
    const n = train.indptr[u + 1] - start
    for (let p = 0; p < n; p++) {
      row[p] = train.items[start + p]
      exact[row[p]]++
    }
    if (n <= m) {
      for (let p = 0; p < n; p++) clipped[row[p]]++
      continue
    }
    // partial Fisher–Yates: the first m entries are a uniform subset
    for (let p = 0; p < m; p++) {
      const j = p + Math.floor(rng.next() * (n - p))
      const t = row[p]
      row[p] = row[j]
      row[j] = t
      clipped[row[p]]++
    }
  }
  const scale = m / options.epsilon
  const counts = new Float64Array(train.nItems)
  for (let i = 0; i < counts.length; i++) counts[i] = clipped[i] + laplaceNoise(rng, scale)
  return { counts, clipped, exact, scale }
}

function rowLengths(m: Interactions): number[] {
  return Array.from({ length: m.nUsers }, (_, u) => m.indptr[u + 1] - m.indptr[u])
}
