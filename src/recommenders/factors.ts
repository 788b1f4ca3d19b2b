import type { Rng } from "../random/rng"
import { normal } from "../random/normal"
import { gram } from "../linalg/blocked"

/**
 * A rows × f matrix (row-major) of independent N(0, sd²) draws: the usual factor initialisation.
 * @internal
 */
export function randomFactors(rng: Rng, rows: number, f: number, sd: number): Float64Array {
  const out = new Float64Array(rows * f)
  for (let i = 0; i < out.length; i++) out[i] = normal(rng, 0, sd)
  return out
}

/** Scores of every item for one user: out_i = x_u · y_i with factors stored row-major. */
export function dotScores(
  userFactors: Float64Array,
  user: number,
  itemFactors: Float64Array,
  nItems: number,
  f: number,
): Float64Array {
  const out = new Float64Array(nItems)
  const ru = user * f
  for (let i = 0; i < nItems; i++) {
    const ri = i * f
    let s = 0
    for (let k = 0; k < f; k++) s += userFactors[ru + k] * itemFactors[ri + k]
    out[i] = s
  }
  return out
}

/**
 * G = Yᵀ·Y (f × f) of a row-major n × f factor matrix, by the dense kernel's packed product ({@link gram}).
 * @internal
 */
export function gramian(y: Float64Array, n: number, f: number, out: Float64Array): Float64Array {
  return gram(y, n, f, out)
}
