import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"

/**
 * The index of the largest of `values[0..n)`, ties broken uniformly at random by reservoir
 * sampling: the generator is drawn only when a tie occurs, so a run without ties consumes no
 * randomness here.
 * @example argmaxRandomTie(new Float64Array([1, 3, 3]), 3, rng) // 1 or 2, each half of the time
 */
export function argmaxRandomTie(values: Float64Array, n: number, rng: Rng): number {
  let best = 0
  let bestValue = values[0]
  let ties = 1
  for (let i = 1; i < n; i++) {
    const v = values[i]
    if (v > bestValue) {
      bestValue = v
      best = i
      ties = 1
    } else if (v === bestValue) {
      ties++
      if (randomInt(rng, ties) === 0) best = i
    }
  }
  return best
}

/**
 * Writes into `out` the probabilities of a greedy choice with uniform tie-breaking: 1/m on each
 * of the m maximisers of `values`, scaled by `mass`, added to what `out` holds.
 * @internal
 */
export function addArgmaxMass(values: Float64Array, n: number, mass: number, out: Float64Array): Float64Array {
  let bestValue = -Infinity
  let ties = 0
  for (let i = 0; i < n; i++) {
    if (values[i] > bestValue) {
      bestValue = values[i]
      ties = 1
    } else if (values[i] === bestValue) ties++
  }
  if (ties === 0) {
    // Every value is NaN or −∞ only when all are −∞; spread the mass evenly.
    for (let i = 0; i < n; i++) out[i] += mass / n
    return out
  }
  for (let i = 0; i < n; i++) if (values[i] === bestValue) out[i] += mass / ties
  return out
}

/**
 * One draw from the probability vector `p[0..n)` (summing to 1) with one uniform, scanning in order.
 */
export function sampleIndex(p: Float64Array, n: number, rng: Rng): number {
  let u = rng.next()
  for (let i = 0; i < n - 1; i++) {
    u -= p[i]
    if (u < 0) return i
  }
  for (let i = n - 1; i > 0; i--) if (p[i] > 0) return i
  return 0
}
