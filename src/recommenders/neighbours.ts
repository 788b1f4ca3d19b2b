import type { Interactions } from "../schema/interactions"
import { transposeInteractions } from "../schema/interactions"

/** How two rows of the interaction matrix are compared. */
export type Similarity = "cosine" | "pearson"

/** The k nearest neighbours of every row, in CSR form: row a's neighbours are `index[indptr[a]..indptr[a+1])`, best first. */
export interface Neighbours {
  readonly indptr: Int32Array
  readonly index: Int32Array
  readonly weight: Float64Array
}

export interface NeighbourOptions {
  /** Neighbours kept per row. */
  k: number
  similarity: Similarity
  /** Shrinkage λ: the similarity is multiplied by n/(n + λ), n = number of co-rated columns (0 = none). */
  shrinkage: number
}

/**
 * Top-k similarities between the rows of `m` (users of a user × item matrix, or items of its transpose).
 *
 * - cosine: s(a,b) = Σ_c x_ac x_bc / (‖x_a‖ ‖x_b‖), missing entries are 0 (the usual choice for implicit data);
 * - pearson: on co-rated columns C_ab, centred by each row's mean over all its entries:
 *   s(a,b) = Σ_{c∈C_ab} (x_ac − x̄_a)(x_bc − x̄_b) / √(Σ_{C_ab}(x_ac − x̄_a)² · Σ_{C_ab}(x_bc − x̄_b)²)
 *   (Desrosiers & Karypis, "A comprehensive survey of neighborhood-based recommendation methods",
 *   Recommender Systems Handbook 2011, eqs. 4.20–4.21);
 * - shrinkage (Koren 2008, "Factorization meets the neighborhood", §2.2): s ← s · n_ab/(n_ab + λ).
 *
 * Only positive similarities are kept; ties go to the smaller index. Cost Σ_c n_c² over the columns.
 * @example const nb = nearestNeighbours(transposeInteractions(train), { k: 20, similarity: "cosine", shrinkage: 10 })
 */
export function nearestNeighbours(m: Interactions, options: NeighbourOptions): Neighbours {
  const { k, similarity, shrinkage } = options
  const t = transposeInteractions(m)
  const n = m.nUsers
  const pearson = similarity === "pearson"
  const mean = new Float64Array(n)
  const norm = new Float64Array(n)
  for (let a = 0; a < n; a++) {
    const start = m.indptr[a]
    const end = m.indptr[a + 1]
    let s = 0
    for (let p = start; p < end; p++) s += m.values[p]
    const mu = pearson && end > start ? s / (end - start) : 0
    mean[a] = mu
    let sq = 0
    for (let p = start; p < end; p++) sq += (m.values[p] - mu) ** 2
    norm[a] = Math.sqrt(sq)
  }
  const dot = new Float64Array(n)
  const sqA = new Float64Array(n)
  const sqB = new Float64Array(n)
  const count = new Int32Array(n)
  const touched = new Int32Array(n)
  const bestIndex = new Int32Array(k)
  const bestWeight = new Float64Array(k)
  const indptr = new Int32Array(n + 1)
  const outIndex = new Int32Array(n * k)
  const outWeight = new Float64Array(n * k)
  let w = 0
  for (let a = 0; a < n; a++) {
    let nTouched = 0
    const mu = mean[a]
    for (let p = m.indptr[a]; p < m.indptr[a + 1]; p++) {
      const c = m.items[p]
      const x = m.values[p] - mu
      for (let q = t.indptr[c]; q < t.indptr[c + 1]; q++) {
        const b = t.items[q]
        if (b === a) continue
        if (count[b] === 0) touched[nTouched++] = b
        count[b]++
        const y = t.values[q] - mean[b]
        dot[b] += x * y
        sqA[b] += x * x
        sqB[b] += y * y
      }
    }
    let nBest = 0
    for (let j = 0; j < nTouched; j++) {
      const b = touched[j]
      const denominator = pearson ? Math.sqrt(sqA[b] * sqB[b]) : norm[a] * norm[b]
      let s = denominator > 0 ? dot[b] / denominator : 0
      if (shrinkage > 0) s *= count[b] / (count[b] + shrinkage)
      dot[b] = 0
      sqA[b] = 0
      sqB[b] = 0
      count[b] = 0
      if (!(s > 0)) continue
      // Insertion into the sorted list of the best k (descending weight, ascending index on ties).
      if (nBest === k && (s < bestWeight[k - 1] || (s === bestWeight[k - 1] && b > bestIndex[k - 1]))) continue
      let pos = nBest < k ? nBest++ : k - 1
      while (pos > 0 && (bestWeight[pos - 1] < s || (bestWeight[pos - 1] === s && bestIndex[pos - 1] > b))) {
        bestWeight[pos] = bestWeight[pos - 1]
        bestIndex[pos] = bestIndex[pos - 1]
        pos--
      }
      bestWeight[pos] = s
      bestIndex[pos] = b
    }
    for (let j = 0; j < nBest; j++) {
      outIndex[w] = bestIndex[j]
      outWeight[w] = bestWeight[j]
      w++
    }
    indptr[a + 1] = w
  }
  return { indptr, index: outIndex.slice(0, w), weight: outWeight.slice(0, w) }
}
