import type { FeatureMatrix } from "../linalg/matrix"

/** A row index with its cosine similarity. */
export interface Neighbour {
  index: number
  similarity: number
}

/**
 * The k rows most similar to row `i` by cosine similarity u·v / (‖u‖‖v‖) (row i itself
 * excluded; ties → the smaller index). For L2-normalised TF-IDF rows the cosine is the dot product.
 * O(nnz) for sparse input.
 * @throws if i or k is out of range
 * @example nearestRows(tfidf.fitTransform(descriptions), 0, 5)
 */
export function nearestRows(X: FeatureMatrix, i: number, k: number): Neighbour[] {
  const n = X.nRows
  if (!(Number.isInteger(i) && i >= 0 && i < n))
    throw new Error(`nearestRows: i must be an integer in [0, ${n}), got ${i}`)
  if (!(Number.isInteger(k) && k >= 1 && k <= n - 1))
    throw new Error(`nearestRows: k must be an integer in [1, ${n - 1}], got ${k}`)
  const d = X.nCols
  const q = new Float64Array(d)
  const norms = new Float64Array(n)
  const dots = new Float64Array(n)
  if (X.kind === "dense") {
    q.set(X.data.subarray(i * d, (i + 1) * d))
    for (let r = 0; r < n; r++) {
      let s = 0
      let nn = 0
      for (let j = 0; j < d; j++) {
        const v = X.data[r * d + j]
        s += v * q[j]
        nn += v * v
      }
      dots[r] = s
      norms[r] = Math.sqrt(nn)
    }
  } else {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) q[X.indices[p]] = X.data[p]
    for (let r = 0; r < n; r++) {
      let s = 0
      let nn = 0
      for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++) {
        const v = X.data[p]
        s += v * q[X.indices[p]]
        nn += v * v
      }
      dots[r] = s
      norms[r] = Math.sqrt(nn)
    }
  }
  const out: Neighbour[] = []
  for (let r = 0; r < n; r++) {
    if (r === i) continue
    const denom = norms[r] * norms[i]
    out.push({ index: r, similarity: denom > 0 ? dots[r] / denom : 0 })
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, k)
}
