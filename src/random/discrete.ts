import type { Rng } from "./rng"

/**
 * 1 with probability p, else 0.
 * @throws if p is outside [0, 1]
 * @example bernoulli(rng, 0.3)
 */
export function bernoulli(rng: Rng, p: number): 0 | 1 {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli: p must be in [0, 1], got ${p}`)
  return rng.next() < p ? 1 : 0
}

/**
 * A Poisson(lambda) draw. Knuth's product of uniforms for lambda < 30; above, Hörmann's PTRS
 * transformed rejection ("The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12, 1993), exact for every lambda.
 * @throws if lambda is negative or not finite
 * @example poisson(rng, 3.5)
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new Error(`poisson: lambda must be finite and >= 0, got ${lambda}`)
  if (lambda === 0) return 0
  if (lambda < 30) {
    const limit = Math.exp(-lambda)
    let k = 0
    let p = rng.next()
    while (p > limit) {
      k++
      p *= rng.next()
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invalpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = rng.next() - 0.5
    const v = 1 - rng.next()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k))
      return k
  }
}

/** ln(k!) by Stirling's series above 20, exactly below. */
export function logFactorial(k: number): number {
  if (k < 21) {
    let r = 0
    for (let i = 2; i <= k; i++) r += Math.log(i)
    return r
  }
  const x = k + 1
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
}

/** A geometric draw: the number of failures before the first success, success probability p. */
export function geometric(rng: Rng, p: number): number {
  if (!(p > 0 && p <= 1)) throw new Error(`geometric: p must be in (0, 1], got ${p}`)
  if (p === 1) return 0
  return Math.floor(Math.log(1 - rng.next()) / Math.log(1 - p))
}
