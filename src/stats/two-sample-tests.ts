import { normalCdf, normalQuantile, studentTCdf } from "./distributions"

/** The result of a fixed-horizon two-sample test of H₀: mean(b) − mean(a) = 0. */
export interface TwoSampleTestResult {
  /** The test statistic (z or Welch's t). */
  statistic: number
  /** Two-sided p-value. */
  pValue: number
  /** The estimated difference mean(b) − mean(a). */
  difference: number
  /** Its two-sided confidence interval at the requested level (unpooled standard error). */
  interval: [number, number]
}

function checkLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1), got ${level}`)
}

function checkCount(fn: string, field: string, value: number, max = Infinity): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= max))
    throw new Error(`${fn}: ${field} must be an integer in [0, ${max}], got ${value}`)
}

/**
 * Two-proportion z-test of H₀: p_b = p_a from x successes of n trials per arm: with the pooled
 * p̄ = (x_a + x_b)/(n_a + n_b), z = (p̂_b − p̂_a) / sqrt(p̄(1 − p̄)(1/n_a + 1/n_b)), two-sided
 * p = 2(1 − Φ(|z|)) (statsmodels' `proportions_ztest`); the interval is the unpooled Wald interval
 * p̂_b − p̂_a ± z_{1−(1−level)/2} sqrt(p̂_a(1 − p̂_a)/n_a + p̂_b(1 − p̂_b)/n_b).
 * When every trial failed or every trial succeeded the statistic is 0 and p = 1.
 * @throws when a count is not an integer, successes exceed trials, or an arm has no trial
 * @example twoProportionZTest(120, 2000, 150, 2000).pValue // 0.0587
 */
export function twoProportionZTest(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
  level = 0.95,
): TwoSampleTestResult {
  const fn = "twoProportionZTest"
  checkLevel(fn, level)
  checkCount(fn, "trialsA", trialsA)
  checkCount(fn, "trialsB", trialsB)
  if (trialsA === 0 || trialsB === 0)
    throw new Error(`${fn}: each arm needs at least one trial, got trialsA = ${trialsA}, trialsB = ${trialsB}`)
  checkCount(fn, "successesA", successesA, trialsA)
  checkCount(fn, "successesB", successesB, trialsB)
  const pa = successesA / trialsA
  const pb = successesB / trialsB
  const pooled = (successesA + successesB) / (trialsA + trialsB)
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB))
  const difference = pb - pa
  const z = se0 > 0 ? difference / se0 : 0
  const half = normalQuantile(1 - (1 - level) / 2) * Math.sqrt((pa * (1 - pa)) / trialsA + (pb * (1 - pb)) / trialsB)
  return {
    statistic: z,
    pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))),
    difference,
    interval: [difference - half, difference + half],
  }
}

function meanAndVariance(
  fn: string,
  name: string,
  x: ArrayLike<number>,
): { n: number; mean: number; variance: number } {
  const n = x.length
  if (n < 2) throw new Error(`${fn}: ${name} needs at least 2 values, got ${n}`)
  let sum = 0
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${fn}: ${name}[${i}] must be a finite number, got ${x[i]}`)
    sum += x[i]
  }
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2
  return { n, mean, variance: ss / (n - 1) }
}

/**
 * Welch's unequal-variance t-test of H₀: mean(b) = mean(a) (Welch 1947): with sample variances
 * s², t = (x̄_b − x̄_a) / sqrt(s_a²/n_a + s_b²/n_b) and Welch–Satterthwaite degrees of freedom
 * ν = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)); two-sided
 * p = 2(1 − F_ν(|t|)) — scipy.stats.ttest_ind(b, a, equal_var=False). Used on per-user means
 * when users, not visits, are the randomised units.
 * @throws when a sample has fewer than 2 values or a non-finite value, or both samples are constant
 * @example welchTTest([0.1, 0.3, 0.2, 0.4], [0.5, 0.2, 0.6, 0.7, 0.4]).pValue // 0.0705 (scipy)
 */
export function welchTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): TwoSampleTestResult & { degreesOfFreedom: number } {
  const fn = "welchTTest"
  checkLevel(fn, level)
  const A = meanAndVariance(fn, "a", a)
  const B = meanAndVariance(fn, "b", b)
  const va = A.variance / A.n
  const vb = B.variance / B.n
  const se2 = va + vb
  if (!(se2 > 0)) throw new Error(`${fn}: both samples are constant, so the t statistic is undefined`)
  const df = (se2 * se2) / ((va * va) / (A.n - 1) + (vb * vb) / (B.n - 1))
  const difference = B.mean - A.mean
  const t = difference / Math.sqrt(se2)
  const q = studentTQuantile(1 - (1 - level) / 2, df)
  const half = q * Math.sqrt(se2)
  return {
    statistic: t,
    pValue: Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df))),
    difference,
    interval: [difference - half, difference + half],
    degreesOfFreedom: df,
  }
}

/** The Student-t quantile by bisection on its CDF (monotone; 200 halvings reach double precision). */
function studentTQuantile(p: number, df: number): number {
  let lo = 0
  let hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
