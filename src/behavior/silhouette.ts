import { checkFeatures, type DenseMatrix } from "../linalg/matrix"

/**
 * Silhouette of each point: s(i) = (b − a) / max(a, b), where a is the mean Euclidean distance
 * from i to the other points of its cluster and b the smallest mean distance to the points of
 * another cluster; s(i) = 0 for a point alone in its cluster. O(n² d).
 * Source: Rousseeuw, "Silhouettes", J. Comput. Appl. Math. 20 (1987); scikit-learn's `silhouette_samples`.
 * @throws unless 2 ≤ number of clusters ≤ n − 1, or on labels that are not integers ≥ 0
 * @example silhouetteSamples(denseMatrix([[0], [1], [10], [11]]), [0, 0, 1, 1])
 */
export function silhouetteSamples(X: DenseMatrix, labels: ArrayLike<number>): Float64Array {
  checkFeatures(X, "silhouetteSamples")
  const n = X.nRows
  const d = X.nCols
  if (labels.length !== n) throw new Error(`silhouetteSamples: labels has ${labels.length} entries but X has ${n} rows`)
  let k = 0
  for (let i = 0; i < n; i++) {
    const l = labels[i]
    if (!Number.isInteger(l) || l < 0)
      throw new Error(`silhouetteSamples: labels[${i}] is ${l}; labels must be integers >= 0`)
    if (l + 1 > k) k = l + 1
  }
  const sizes = new Int32Array(k)
  for (let i = 0; i < n; i++) sizes[labels[i]]++
  let used = 0
  for (let c = 0; c < k; c++) if (sizes[c] > 0) used++
  if (used < 2 || used > n - 1)
    throw new Error(`silhouetteSamples: the number of clusters must be in [2, n − 1] = [2, ${n - 1}], got ${used}`)
  const sums = new Float64Array(k)
  const out = new Float64Array(n)
  const data = X.data
  for (let i = 0; i < n; i++) {
    sums.fill(0)
    for (let j = 0; j < n; j++) {
      if (j === i) continue
      let s = 0
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t] - data[j * d + t]
        s += v * v
      }
      sums[labels[j]] += Math.sqrt(s)
    }
    const own = labels[i]
    if (sizes[own] === 1) continue
    const a = sums[own] / (sizes[own] - 1)
    let b = Infinity
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c])
    const m = Math.max(a, b)
    out[i] = m > 0 ? (b - a) / m : 0
  }
  return out
}

/**
 * Mean silhouette over all points (scikit-learn's `silhouette_score`): near 1 for compact,
 * well-separated clusters, near 0 for overlapping ones, negative for misassigned points.
 * @example silhouetteScore(X, new KMeans({ k: 3 }).fit(X, rng).labels)
 */
export function silhouetteScore(X: DenseMatrix, labels: ArrayLike<number>): number {
  const s = silhouetteSamples(X, labels)
  let total = 0
  for (let i = 0; i < s.length; i++) total += s[i]
  return total / s.length
}
