import { interval, type Interval } from "./result"

/**
 * The share of the random-to-oracle regret gap a policy closes, per run and then with a 95%
 * interval across runs (common random numbers: run r of both policies met the same users):
 *   g_r = (R_random,r − R_policy,r) / (R_random,r − R_oracle,r),  R_oracle = 0
 * for pseudo-regret against the per-user, per-visit oracle (the best arm for this user now).
 * 1 = as good as the oracle, 0 = no better than random, < 0 worse than random.
 * @example gapClosed([100, 120], [400, 400]) // { mean: 0.725, ci95: [...] }
 */
export function gapClosed(policyRegret: ArrayLike<number>, randomRegret: ArrayLike<number>): Interval {
  if (policyRegret.length !== randomRegret.length || policyRegret.length === 0) {
    throw new Error(
      `gapClosed: needs as many runs of the policy as of random (≥ 1), got ${policyRegret.length} and ${randomRegret.length}`,
    )
  }
  const g = Float64Array.from(policyRegret, (r, i) => (randomRegret[i] > 0 ? 1 - r / randomRegret[i] : 0))
  return interval(g)
}

/**
 * Per-run values divided run by run (e.g. cumulative regret / users who visited), with a 95%
 * interval across runs.
 * @example perRunRatio([200, 180], [100, 90]) // { mean: 2, ci95: [2, 2] }
 */
export function perRunRatio(numerator: ArrayLike<number>, denominator: ArrayLike<number>): Interval {
  if (numerator.length !== denominator.length || numerator.length === 0)
    throw new Error(`perRunRatio: lengths differ or are 0 (${numerator.length}, ${denominator.length})`)
  return interval(Float64Array.from(numerator, (x, i) => (denominator[i] > 0 ? x / denominator[i] : 0)))
}

/**
 * The retention curve of one run: for each day d = 1..days, the share of the users who had arrived
 * by the end of day d that had not left by then,
 *   retention(d) = #{u : arrival_u ≤ d, left_u > d} / #{u : arrival_u ≤ d}.
 * @example retentionCurve(Float64Array.of(0, 0), Float64Array.of(Infinity, 1.5), 3) // [1, 0.5, 0.5]
 */
export function retentionCurve(arrivalDay: Float64Array, leftDay: Float64Array, days: number): Float64Array {
  const out = new Float64Array(days)
  for (let d = 1; d <= days; d++) {
    let arrived = 0
    let stayed = 0
    for (let u = 0; u < arrivalDay.length; u++) {
      if (arrivalDay[u] > d) continue
      arrived++
      if (leftDay[u] > d) stayed++
    }
    out[d - 1] = arrived > 0 ? stayed / arrived : 1
  }
  return out
}

/**
 * Time to discover a user's top interests, in visits: over every visiting user u and each of their
 * true top-n categories c, the 1-based index of the visit with the first click on c, or
 * visits_u + 1 when it was never clicked (censored: a lower bound on the true time), averaged.
 * `firstClick` is users × categories row-major (0 = never clicked), `top` users × n.
 * @example discoveryTime(Int32Array.of(3, 0), Int32Array.of(5), Int32Array.of(0, 1), 2, 2) // (3 + 6) / 2
 */
export function discoveryTime(
  firstClick: Int32Array,
  visits: Int32Array,
  top: Int32Array,
  n: number,
  categories: number,
): number {
  let total = 0
  let count = 0
  for (let u = 0; u < visits.length; u++) {
    if (visits[u] === 0) continue
    for (let j = 0; j < n; j++) {
      const first = firstClick[u * categories + top[u * n + j]]
      total += first > 0 ? first : visits[u] + 1
      count++
    }
  }
  return count > 0 ? total / count : 0
}
