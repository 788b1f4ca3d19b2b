import { checkFeatures, type DenseMatrix } from "../linalg/matrix"

/** Options of {@link dbscan}. */
export interface DbscanOptions {
  /** Neighbourhood radius ε > 0 (Euclidean; a point at distance exactly ε is a neighbour). */
  eps: number
  /** Points within ε, the point itself included, for a core point; default 5 (scikit-learn's). */
  minSamples?: number
}

/** Result of {@link dbscan}. */
export interface DbscanResult {
  /** Cluster of each point, 0 … nClusters − 1, or −1 for noise. */
  labels: Int32Array
  /** Whether each point is a core point. */
  core: Uint8Array
  nClusters: number
}

/**
 * DBSCAN: a point with at least `minSamples` points within ε is a core point; clusters are the
 * connected components of core points (core points within ε of each other), plus the non-core points
 * within ε of one of them (border points, given to the first cluster that reaches them); the rest is
 * noise. Clusters are numbered in the order of their first core point, so labels equal
 * scikit-learn's `DBSCAN(eps, min_samples)` exactly. O(n²) distance evaluations.
 * Source: Ester, Kriegel, Sander & Xu (1996), "A density-based algorithm for discovering clusters in
 * large spatial databases with noise", KDD.
 * @throws if X is empty or non-finite, eps ≤ 0, or minSamples is not an integer ≥ 1
 * @example dbscan(denseMatrix([[0, 0], [0, 0.5], [0.4, 0], [9, 9]]), { eps: 1, minSamples: 3 }).labels // [0, 0, 0, -1]
 */
export function dbscan(X: DenseMatrix, options: DbscanOptions): DbscanResult {
  checkFeatures(X, "dbscan")
  const eps = options.eps
  const minSamples = options.minSamples ?? 5
  if (!(eps > 0 && Number.isFinite(eps))) throw new Error(`dbscan: eps must be a finite number > 0, got ${eps}`)
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new Error(`dbscan: minSamples must be an integer >= 1, got ${minSamples}`)
  const n = X.nRows
  const d = X.nCols
  const eps2 = eps * eps
  const neighbours: Int32Array[] = []
  const scratch = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let count = 0
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let c = 0; c < d && s <= eps2; c++) {
        const diff = X.data[i * d + c] - X.data[j * d + c]
        s += diff * diff
      }
      if (s <= eps2) scratch[count++] = j
    }
    neighbours.push(scratch.slice(0, count))
  }
  const core = new Uint8Array(n)
  for (let i = 0; i < n; i++) core[i] = neighbours[i].length >= minSamples ? 1 : 0
  const labels = new Int32Array(n).fill(-1)
  const stack = new Int32Array(n)
  let nClusters = 0
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue
    const label = nClusters++
    labels[i] = label
    let top = 0
    stack[top++] = i
    while (top > 0) {
      const p = stack[--top]
      if (!core[p]) continue
      for (const q of neighbours[p]) {
        if (labels[q] !== -1) continue
        labels[q] = label
        stack[top++] = q
      }
    }
  }
  return { labels, core, nClusters }
}
