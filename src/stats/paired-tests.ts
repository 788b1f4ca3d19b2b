import { mean, sampleStandardDeviation } from "simple-statistics"
import { normalCdf, studentTCdf } from "./distributions"
import { averageRanks, tieCorrectionSum } from "./ranks"

/** The result of a two-sided paired test. */
export interface PairedTestResult {
  /** The test statistic: t for the t-test, min(W⁺, W⁻) for Wilcoxon (scipy's convention). */
  statistic: number
  /** Two-sided p-value. */
  pValue: number
  /** Pairs used (Wilcoxon drops zero differences). */
  n: number
  /** Mean of a − b. */
  meanDifference: number
}

function differences(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  if (a.length !== b.length)
    throw new Error(`${fn}: a and b must be paired (same length), got ${a.length} and ${b.length}`)
  const d: number[] = new Array(a.length)
  for (let i = 0; i < a.length; i++) {
    d[i] = a[i] - b[i]
    if (!Number.isFinite(d[i])) throw new Error(`${fn}: a[${i}] and b[${i}] must be finite numbers`)
  }
  return d
}

/**
 * Paired Student t-test of H₀: mean(a − b) = 0: t = d̄ / (s_d / √n) with n − 1 degrees of
 * freedom, two-sided p = 2 (1 − F_t(|t|)). Same as scipy.stats.ttest_rel. Mean and standard
 * deviation come from simple-statistics.
 * @throws when fewer than 2 pairs, or when every difference is equal (t undefined)
 * @example pairedTTest([0.31, 0.28, 0.35, 0.30], [0.29, 0.27, 0.30, 0.30]).pValue // 0.1612 (scipy.stats.ttest_rel)
 */
export function pairedTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): PairedTestResult & { degreesOfFreedom: number } {
  const d = differences("pairedTTest", a, b)
  if (d.length < 2) throw new Error(`pairedTTest: needs at least 2 pairs, got ${d.length}`)
  const m = mean(d)
  const s = sampleStandardDeviation(d)
  if (s === 0) throw new Error("pairedTTest: all differences are equal, so the t statistic is undefined")
  const df = d.length - 1
  const t = m / (s / Math.sqrt(d.length))
  return {
    statistic: t,
    pValue: Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df))),
    n: d.length,
    meanDifference: m,
    degreesOfFreedom: df,
  }
}

/** P(W ≤ w) for the signed-rank statistic of n untied pairs: subsets of {1..n} by their sum. */
function exactSignedRankCdf(n: number, w: number): number {
  const max = (n * (n + 1)) / 2
  const counts = new Float64Array(max + 1)
  counts[0] = 1
  for (let r = 1; r <= n; r++) for (let s = (r * (r + 1)) / 2; s >= r; s--) counts[s] += counts[s - r]
  let below = 0
  for (let s = 0; s <= Math.floor(w); s++) below += counts[s]
  return below / 2 ** n
}

/**
 * Wilcoxon signed-rank test of H₀: the differences a − b are symmetric about 0 (Wilcoxon 1945).
 * Zero differences are dropped (scipy's default `zero_method="wilcox"`); |d| get average ranks;
 * W⁺ = Σ ranks of positive d. With n ≤ 50 and no ties the two-sided p-value is exact,
 * 2 P(W ≤ min(W⁺, W⁻)); otherwise the normal approximation with tie correction,
 * z = (W⁺ − n(n+1)/4) / sqrt(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), without continuity correction
 * — both as scipy.stats.wilcoxon's defaults.
 * @throws when no difference is non-zero
 * @example wilcoxonSignedRank([1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]).pValue // 0.0390625
 */
export function wilcoxonSignedRank(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): PairedTestResult & { exact: boolean; wPlus: number } {
  const all = differences("wilcoxonSignedRank", a, b)
  const d = all.filter((x) => x !== 0)
  if (d.length === 0)
    throw new Error("wilcoxonSignedRank: every difference is zero; the test needs at least one non-zero difference")
  const n = d.length
  const absolute = d.map(Math.abs)
  const ranks = averageRanks(absolute)
  let wPlus = 0
  for (let i = 0; i < n; i++) if (d[i] > 0) wPlus += ranks[i]
  const total = (n * (n + 1)) / 2
  const statistic = Math.min(wPlus, total - wPlus)
  const ties = tieCorrectionSum(absolute)
  const meanDifference = mean(all)
  if (n <= 50 && ties === 0) {
    return {
      statistic,
      pValue: Math.min(1, 2 * exactSignedRankCdf(n, statistic)),
      n,
      meanDifference,
      exact: true,
      wPlus,
    }
  }
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48)
  const z = (wPlus - total / 2) / sd
  return { statistic, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), n, meanDifference, exact: false, wPlus }
}
