import type { World } from "../world/world"

/**
 * Content features of every item, known the moment it is listed (no interactions needed):
 * category one-hot, brand one-hot (within its category), the log price relative to the category's
 * mean log price, and quality. Row-major nItems × dim.
 * @example const { features, dim } = itemContentFeatures(world)
 */
export function itemContentFeatures(world: World): { features: Float64Array; dim: number } {
  const nc = world.nCategories
  const nb = world.catalog.brandNames.length
  const dim = nc + nb + 2
  const meanLog = new Float64Array(nc)
  const count = new Float64Array(nc)
  for (let i = 0; i < world.nItems; i++) {
    meanLog[world.catalog.category[i]] += Math.log(world.catalog.price[i])
    count[world.catalog.category[i]]++
  }
  for (let c = 0; c < nc; c++) meanLog[c] /= Math.max(1, count[c])
  const features = new Float64Array(world.nItems * dim)
  for (let i = 0; i < world.nItems; i++) {
    const c = world.catalog.category[i]
    features[i * dim + c] = 1
    features[i * dim + nc + world.catalog.brand[i]] = 1
    features[i * dim + nc + nb] = Math.log(world.catalog.price[i]) - meanLog[c]
    features[i * dim + nc + nb + 1] = world.catalog.quality[i]
  }
  return { features, dim }
}

/**
 * A new item's predicted score from its k most content-similar warm items (cosine similarity of
 * content features): Σ_j s_ij·score_j / Σ_j s_ij over the k neighbours with s_ij > 0 — the
 * content-based fall-back for items nobody has seen yet. Items with `NaN` in `warmScores` are cold
 * and never used as neighbours.
 * @throws if no warm item is similar to the new one
 * @example contentNeighbourScore(features, dim, newItem, ctrOfWarmItems, 10)
 */
export function contentNeighbourScore(
  features: Float64Array,
  dim: number,
  item: number,
  warmScores: ArrayLike<number>,
  k: number,
): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`contentNeighbourScore: k must be a positive integer, got ${k}`)
  const n = warmScores.length
  const norm = (i: number) => {
    let s = 0
    for (let j = 0; j < dim; j++) s += features[i * dim + j] ** 2
    return Math.sqrt(s)
  }
  const ni = norm(item)
  const sims: { j: number; s: number }[] = []
  for (let j = 0; j < n; j++) {
    if (j === item || Number.isNaN(warmScores[j])) continue
    let dot = 0
    for (let q = 0; q < dim; q++) dot += features[item * dim + q] * features[j * dim + q]
    const s = dot / (ni * norm(j) || 1)
    if (s > 0) sims.push({ j, s })
  }
  sims.sort((a, b) => b.s - a.s || a.j - b.j)
  let num = 0
  let den = 0
  for (const { j, s } of sims.slice(0, k)) {
    num += s * warmScores[j]
    den += s
  }
  if (den === 0)
    throw new Error(`contentNeighbourScore: item ${item} has no warm item with positive content similarity`)
  return num / den
}

/**
 * The UCB-style exploration bonus that lets new items earn impressions:
 * score + c·√(ln(1 + T) / (1 + n_i)), T the total impressions, n_i the item's (Auer et al. 2002).
 * Items with few impressions get a large bonus that fades as evidence accumulates.
 * @example withExplorationBonus(scores, impressions, 0.05)
 */
export function withExplorationBonus(
  scores: ArrayLike<number>,
  impressions: ArrayLike<number>,
  c: number,
): Float64Array {
  if (!(Number.isFinite(c) && c >= 0)) throw new Error(`withExplorationBonus: c must be a finite number >= 0, got ${c}`)
  if (scores.length !== impressions.length)
    throw new Error(
      `withExplorationBonus: scores and impressions differ in length (${scores.length} vs ${impressions.length})`,
    )
  let total = 0
  for (let i = 0; i < impressions.length; i++) total += impressions[i]
  const out = new Float64Array(scores.length)
  const logT = Math.log(1 + total)
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] + c * Math.sqrt(logT / (1 + impressions[i]))
  return out
}
