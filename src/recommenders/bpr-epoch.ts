import { nextWord } from "../random/rng"
import type { Interactions } from "../schema/interactions"
import { containsSorted } from "./training-negatives"

/**
 * One epoch of LearnBPR with uniform negatives (see {@link Bpr}) on a xoshiro128** generator whose
 * state words are in `state` (`Xoshiro128.saveState`): the same random words, draws, steps and loss
 * terms as `Bpr`'s general loop with `randomInt` and `TrainingNegatives("uniform")`, so the same bits,
 * with the generator stepped on the typed array and every array in a local.
 * Returns [Σ −ln σ(x̂_uij), draws, a sum of the rows' reads (no meaning)] in `out`.
 * @internal
 */
export function uniformBprEpoch(
  state: Int32Array,
  train: Interactions,
  userOf: Int32Array,
  w: Float64Array,
  h: Float64Array,
  bias: Float64Array,
  f: number,
  eta: number,
  lambda: number,
  out: Float64Array,
): void {
  const { nItems, items } = train
  const nnz = items.length
  const nnzLimit = rejectionLimit(nnz)
  const itemLimit = rejectionLimit(nItems)
  out.fill(0)
  if (nnz === 0) return
  let loss = 0
  let draws = 0
  let touched = 0
  // Two slots of (u, i, j), u = −1 for a skipped draw. Triple s + 1 is drawn before step s updates
  // anything (draws do not depend on the factors), and its rows are read once per cache line so that
  // their loads overlap step s's arithmetic.
  const triples = new Int32Array(6)
  drawTriple(state, train, userOf, nnzLimit, itemLimit, triples, 0)
  for (let s = 0; s < nnz; s++) {
    const c = (s & 1) * 3
    if (s + 1 < nnz) {
      const n = 3 - c
      drawTriple(state, train, userOf, nnzLimit, itemLimit, triples, n)
      if (triples[n] >= 0) {
        const un = triples[n] * f
        const in_ = triples[n + 1] * f
        const jn = triples[n + 2] * f
        for (let k = 0; k < f; k += 8) touched += w[un + k] + h[in_ + k] + h[jn + k]
      }
    }
    const u = triples[c]
    if (u < 0) continue
    const i = triples[c + 1]
    const j = triples[c + 2]
    const ru = u * f
    const ri = i * f
    const rj = j * f
    let x = bias[i] - bias[j]
    for (let k = 0; k < f; k++) x += w[ru + k] * (h[ri + k] - h[rj + k])
    const ex = Math.exp(x)
    const z = 1 / (1 + ex)
    loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(ex)
    draws++
    bias[i] += eta * (z - lambda * bias[i])
    bias[j] += eta * (-z - lambda * bias[j])
    for (let k = 0; k < f; k++) {
      const wu = w[ru + k]
      const hi = h[ri + k]
      const hj = h[rj + k]
      w[ru + k] += eta * (z * (hi - hj) - lambda * wu)
      h[ri + k] += eta * (z * wu - lambda * hi)
      h[rj + k] += eta * (-z * wu - lambda * hj)
    }
  }
  out[0] = loss
  out[1] = draws
  out[2] = touched
}

/** Draws (u, i, j) into `t[o..o + 2]` as `Bpr`'s loop does: an interaction p, then a negative j by rejection; u = −1 when u has no negative. */
function drawTriple(
  state: Int32Array,
  train: Interactions,
  userOf: Int32Array,
  nnzLimit: number,
  itemLimit: number,
  t: Int32Array,
  o: number,
): void {
  const { nItems, indptr, items } = train
  const p = below(state, items.length, nnzLimit)
  const u = userOf[p]
  const start = indptr[u]
  const end = indptr[u + 1]
  if (end - start >= nItems) {
    t[o] = -1
    return
  }
  let j = below(state, nItems, itemLimit)
  while (containsSorted(items, start, end, j)) j = below(state, nItems, itemLimit)
  t[o] = u
  t[o + 1] = items[p]
  t[o + 2] = j
}

/** `randomInt`'s rejection bound for n: 0 where n is a power of two up to 2^30 (a mask suffices), else 2^32 − (2^32 mod n). */
function rejectionLimit(n: number): number {
  return (n & (n - 1)) === 0 && n <= 1073741824 ? 0 : 4294967296 - (4294967296 % n)
}

/** `randomInt(rng, n)` on the state words: the same words consumed, the same value. */
function below(state: Int32Array, n: number, limit: number): number {
  if (limit === 0) return nextWord(state, 0) & (n - 1)
  for (;;) {
    const x = nextWord(state, 0)
    if (x < limit) return x % n
  }
}
