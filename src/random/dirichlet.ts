import type { Rng } from "./rng"
import { gamma } from "./gamma"

/**
 * A Dirichlet(alpha) draw: normalised independent Gamma(alpha_i) variables. Writes into `out`
 * when given (no allocation in loops) and returns it. Mean alpha_i / Σ alpha.
 * @throws if any alpha_i is not positive
 * @example dirichlet(rng, [1, 1, 1]) // uniform on the 2-simplex
 */
export function dirichlet(
  rng: Rng,
  alpha: ArrayLike<number>,
  out: Float64Array = new Float64Array(alpha.length),
): Float64Array {
  if (out.length !== alpha.length) throw new Error(`dirichlet: out has length ${out.length}, alpha ${alpha.length}`)
  let sum = 0
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]
    if (!(a > 0)) throw new Error(`dirichlet: alpha[${i}] must be > 0, got ${a}`)
    const g = gamma(rng, a)
    out[i] = g
    sum += g
  }
  if (sum === 0) {
    // Every gamma underflowed (tiny alphas): the limit is a point mass on one coordinate.
    out.fill(0)
    out[Math.floor(rng.next() * alpha.length)] = 1
    return out
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum
  return out
}
