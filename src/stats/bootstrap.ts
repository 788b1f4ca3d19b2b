import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"

/** A bootstrap confidence interval. */
export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number
  lower: number
  upper: number
  /** Confidence level, e.g. 0.95. */
  level: number
  resamples: number
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 1000). */
  resamples?: number
  /** Confidence level in (0, 1) (default 0.95). */
  level?: number
}

/**
 * The q-quantile of sorted values with linear interpolation between order statistics
 * (numpy's default `method="linear"`, Hyndman & Fan type 7).
 * @example quantileLinearSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileLinearSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error("quantileLinearSorted: sorted must not be empty")
  if (!(q >= 0 && q <= 1)) throw new Error(`quantileLinearSorted: q must be in [0, 1], got ${q}`)
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/**
 * Percentile bootstrap (Efron & Tibshirani 1993, §13.3) over row indices: draws `resamples`
 * index vectors of length n with replacement from `rng`, evaluates `statistic(indices)` on
 * each, and returns the (1−level)/2 and (1+level)/2 quantiles. Resampling indices, not values,
 * keeps paired quantities together (e.g. the numerator and denominator of self-normalised IPW).
 * The index buffer is reused between resamples: `statistic` must not keep it.
 * @example bootstrapIndexCi(x.length, (idx) => { let s = 0; for (const i of idx) s += x[i]; return s / idx.length }, createRng(1))
 */
export function bootstrapIndexCi(
  n: number,
  statistic: (indices: Int32Array) => number,
  rng: Rng,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? 1000
  const level = options.level ?? 0.95
  if (!Number.isInteger(n) || n < 1) throw new Error(`bootstrapIndexCi: n must be a positive integer, got ${n}`)
  if (!Number.isInteger(resamples) || resamples < 2)
    throw new Error(`bootstrap: resamples must be an integer >= 2, got ${resamples}`)
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap: level must be in (0, 1), got ${level}`)
  const identity = new Int32Array(n)
  for (let i = 0; i < n; i++) identity[i] = i
  const estimate = statistic(identity)
  const stats = new Float64Array(resamples)
  const indices = new Int32Array(n)
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = randomInt(rng, n)
    const s = statistic(indices)
    if (Number.isNaN(s)) throw new Error(`bootstrap: the statistic returned NaN on resample ${b}`)
    stats[b] = s
  }
  stats.sort()
  return {
    estimate,
    lower: quantileLinearSorted(stats, (1 - level) / 2),
    upper: quantileLinearSorted(stats, (1 + level) / 2),
    level,
    resamples,
  }
}

/**
 * Percentile bootstrap confidence interval of `statistic` (default: the mean) of `values`.
 * @example bootstrapCi([1, 2, 3, 4, 5], createRng(7)) // { estimate: 3, lower ≈ 1.8, upper ≈ 4.2, … }
 */
export function bootstrapCi(
  values: ArrayLike<number>,
  rng: Rng,
  options: BootstrapOptions & { statistic?: (sample: Float64Array) => number } = {},
): BootstrapInterval {
  if (values.length === 0) throw new Error("bootstrapCi: values must not be empty")
  const statistic = options.statistic ?? meanOf
  const sample = new Float64Array(values.length)
  return bootstrapIndexCi(
    values.length,
    (indices) => {
      for (let i = 0; i < indices.length; i++) sample[i] = values[indices[i]]
      return statistic(sample)
    },
    rng,
    options,
  )
}

function meanOf(x: Float64Array): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i]
  return s / x.length
}
