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

/**
 * Scores of every item for one user: out_i = x_u · y_i with factors stored row-major, each sum
 * taken in increasing k from 0. Four items at a time: their four sums are independent chains the
 * processor overlaps, and each is still the plain ordered sum, so the bits do not depend on it.
 */
export function dotScores(
  userFactors: Float64Array,
  user: number,
  itemFactors: Float64Array,
  nItems: number,
  f: number,
): Float64Array {
  return biasedDotScores(userFactors, user, itemFactors, null, nItems, f)
}

/**
 * out_i = b_i + x_u · y_i (b = 0 when `bias` is null), the sum started at b_i and taken in increasing k.
 * @internal
 */
export function biasedDotScores(
  userFactors: Float64Array,
  user: number,
  itemFactors: Float64Array,
  bias: Float64Array | null,
  nItems: number,
  f: number,
): Float64Array {
  const out = new Float64Array(nItems)
  const ru = user * f
  const n4 = nItems - (nItems % 4)
  let i = 0
  for (; i < n4; i += 4) {
    const r0 = i * f
    const r1 = r0 + f
    const r2 = r1 + f
    const r3 = r2 + f
    let s0 = bias === null ? 0 : bias[i]
    let s1 = bias === null ? 0 : bias[i + 1]
    let s2 = bias === null ? 0 : bias[i + 2]
    let s3 = bias === null ? 0 : bias[i + 3]
    for (let k = 0; k < f; k++) {
      const x = userFactors[ru + k]
      s0 += x * itemFactors[r0 + k]
      s1 += x * itemFactors[r1 + k]
      s2 += x * itemFactors[r2 + k]
      s3 += x * itemFactors[r3 + k]
    }
    out[i] = s0
    out[i + 1] = s1
    out[i + 2] = s2
    out[i + 3] = s3
  }
  for (; i < nItems; i++) {
    const ri = i * f
    let s = bias === null ? 0 : bias[i]
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
