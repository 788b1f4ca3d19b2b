import type { Rng } from "./rng"
import { gamma } from "./gamma"

/**
 * A Beta(a, b) draw as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). Mean a/(a+b).
 * @throws if a or b is not positive
 * @example beta(rng, 2, 5)
 */
export function beta(rng: Rng, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`beta: a and b must be > 0, got a=${a}, b=${b}`)
  const x = gamma(rng, a)
  const y = gamma(rng, b)
  return x / (x + y)
}
