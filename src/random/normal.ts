import type { Rng } from "./rng"

/**
 * A normal draw N(mean, sd²) by the Box–Muller transform. The second variate is discarded so
 * that the function keeps no hidden state (a draw depends only on the generator).
 * @example normal(rng, 0, 1)
 */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u1 = 1 - rng.next() // (0, 1]: log stays finite
  const u2 = rng.next()
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}

/** A log-normal draw: exp(N(mu, sigma²)). */
export function logNormal(rng: Rng, mu = 0, sigma = 1): number {
  return Math.exp(normal(rng, mu, sigma))
}
