import { regularizedIncompleteBeta } from "../stats/special"

/**
 * The p-quantile of Beta(a, b): the x with I_x(a, b) = p, by bisection to 1e-10 (the CDF is
 * monotone, so bisection cannot fail). Used by Bayes-UCB.
 * @example betaQuantile(0.975, 3, 7)
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`betaQuantile: p must be in [0, 1], got ${p}`)
  if (p === 0) return 0
  if (p === 1) return 1
  let lo = 0
  let hi = 1
  while (hi - lo > 1e-10) {
    const mid = 0.5 * (lo + hi)
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}
