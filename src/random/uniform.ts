import type { Rng } from "./rng"

/**
 * A double uniformly distributed in [low, high).
 * @example uniform(rng, -1, 1)
 */
export function uniform(rng: Rng, low = 0, high = 1): number {
  return low + (high - low) * rng.next()
}

/**
 * An integer uniformly distributed in [0, n), without modulo bias (Lemire's rejection).
 * @throws if n is not a positive integer up to 2^32
 * @example randomInt(rng, 6) // a die roll minus one
 */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
    throw new Error(`randomInt: n must be an integer in [1, 2^32], got ${n}`)
  }
  if ((n & (n - 1)) === 0 && n <= 1073741824) return rng.nextUint32() & (n - 1)
  const limit = 4294967296 - (4294967296 % n)
  for (;;) {
    const x = rng.nextUint32()
    if (x < limit) return x % n
  }
}

/** Shuffles `values` in place (Fisher–Yates) and returns it. */
export function shuffle<T extends { length: number; [i: number]: unknown }>(rng: Rng, values: T): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    const tmp = values[i]
    values[i] = values[j]
    values[j] = tmp
  }
  return values
}
