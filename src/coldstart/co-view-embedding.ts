import type { Rng } from "../random/rng"
import { normal } from "../random/normal"

/**
 * Item embeddings from who viewed them, without any label: item i's vector is a Gaussian random
 * projection (Johnson–Lindenstrauss; Achlioptas 2003) of its viewer counts log(1 + n_ui), then
 * L2-normalised. Items that the same users look at get nearby vectors, so categories form clusters
 * that a prototype classifier can recognise from a few examples.
 * Returns a row-major nItems × dim matrix; items never viewed get the zero vector.
 * @throws if dim is not a positive integer or an index is out of range
 * @example const emb = coViewEmbedding(world.nItems, events.user, events.item, 32, rng)
 */
export function coViewEmbedding(
  nItems: number,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  dim: number,
  rng: Rng,
): Float64Array {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`coViewEmbedding: dim must be a positive integer, got ${dim}`)
  if (users.length !== items.length)
    throw new Error(`coViewEmbedding: users and items differ in length (${users.length} vs ${items.length})`)
  const counts = new Map<number, number>()
  let nUsers = 0
  for (let e = 0; e < users.length; e++) {
    const i = items[e]
    if (!(Number.isInteger(i) && i >= 0 && i < nItems))
      throw new Error(`coViewEmbedding: item ${i} of event ${e} is outside [0, ${nItems})`)
    nUsers = Math.max(nUsers, users[e] + 1)
    const key = users[e] * nItems + i
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  // one random Gaussian row per user, drawn in user order so the result does not depend on event order
  const projection = new Float64Array(nUsers * dim)
  for (let k = 0; k < projection.length; k++) projection[k] = normal(rng)
  const out = new Float64Array(nItems * dim)
  for (const [key, n] of counts) {
    const u = Math.floor(key / nItems)
    const i = key - u * nItems
    const w = Math.log1p(n)
    for (let j = 0; j < dim; j++) out[i * dim + j] += w * projection[u * dim + j]
  }
  for (let i = 0; i < nItems; i++) {
    let s = 0
    for (let j = 0; j < dim; j++) s += out[i * dim + j] ** 2
    if (s > 0) {
      const f = 1 / Math.sqrt(s)
      for (let j = 0; j < dim; j++) out[i * dim + j] *= f
    }
  }
  return out
}
