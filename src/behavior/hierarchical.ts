import { checkFeatures, type DenseMatrix } from "../linalg/matrix"

/** How the distance between two clusters is defined. */
export type Linkage = "single" | "complete" | "average" | "ward"

export const LINKAGES: readonly Linkage[] = ["single", "complete", "average", "ward"]

/**
 * A linkage matrix in SciPy's layout: row i merges clusters `left[i]` and `right[i]` (ids below n are
 * points, id n + j is the cluster made by row j) at `height[i]`, giving a cluster of `size[i]` points.
 * Rows are in increasing height; left < right.
 */
export interface LinkageMatrix {
  readonly n: number
  readonly left: Int32Array
  readonly right: Int32Array
  readonly height: Float64Array
  readonly size: Int32Array
}

/** Lance–Williams update: distance from cluster k to the merge of x and y. */
function merged(linkage: Linkage, dkx: number, dky: number, dxy: number, nx: number, ny: number, nk: number): number {
  switch (linkage) {
    case "single":
      return Math.min(dkx, dky)
    case "complete":
      return Math.max(dkx, dky)
    case "average":
      return (nx * dkx + ny * dky) / (nx + ny)
    case "ward": {
      const t = nx + ny + nk
      return Math.sqrt(((nx + nk) * dkx * dkx + (ny + nk) * dky * dky - nk * dxy * dxy) / t)
    }
  }
}

/**
 * Agglomerative (bottom-up) hierarchical clustering of the rows of X under Euclidean distance:
 * start from singletons and repeatedly merge the two closest clusters, the cluster distance given by
 * the linkage (single: closest pair; complete: farthest pair; average: mean pair distance (UPGMA);
 * ward: the increase in within-cluster variance, as √(2·ΔSSE)), updated by the Lance–Williams formulas.
 * Computed by the nearest-neighbour chain algorithm in O(n²) time and memory (all four linkages are
 * reducible), then sorted by height and labelled as SciPy does.
 * Sources: Murtagh & Contreras (2012), "Algorithms for hierarchical clustering: an overview", WIREs
 * DMKD 2(1); Müllner (2011), arXiv:1109.2378; SciPy's `scipy.cluster.hierarchy.linkage`.
 * @throws if X is empty, has a non-finite entry, or the linkage is unknown
 * @example
 * const Z = agglomerative(denseMatrix([[0, 0], [0, 1], [5, 5]]), "average")
 * Z.height // [1, 6.726…]
 */
export function agglomerative(X: DenseMatrix, linkage: Linkage = "ward"): LinkageMatrix {
  checkFeatures(X, "agglomerative")
  if (!LINKAGES.includes(linkage))
    throw new Error(`agglomerative: linkage must be one of ${LINKAGES.join(", ")}, got ${String(linkage)}`)
  const n = X.nRows
  const d = X.nCols
  const D = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0
      for (let c = 0; c < d; c++) {
        const diff = X.data[i * d + c] - X.data[j * d + c]
        s += diff * diff
      }
      D[i * n + j] = D[j * n + i] = Math.sqrt(s)
    }
  }
  const size = new Int32Array(n).fill(1)
  const chain = new Int32Array(n)
  const zx = new Int32Array(n - 1)
  const zy = new Int32Array(n - 1)
  const zh = new Float64Array(n - 1)
  const zs = new Int32Array(n - 1)
  let length = 0
  for (let k = 0; k < n - 1; k++) {
    if (length === 0) {
      let first = 0
      while (size[first] === 0) first++
      chain[0] = first
      length = 1
    }
    let x: number
    let y: number
    let best: number
    for (;;) {
      x = chain[length - 1]
      // prefer the previous chain element on ties, so the chain cannot cycle
      y = length > 1 ? chain[length - 2] : -1
      best = length > 1 ? D[x * n + y] : Infinity
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue
        if (D[x * n + i] < best) {
          best = D[x * n + i]
          y = i
        }
      }
      if (length > 1 && y === chain[length - 2]) break
      chain[length++] = y
    }
    length -= 2
    if (x > y) [x, y] = [y, x]
    const nx = size[x]
    const ny = size[y]
    zx[k] = x
    zy[k] = y
    zh[k] = best
    zs[k] = nx + ny
    size[x] = 0
    size[y] = nx + ny
    for (let i = 0; i < n; i++) {
      const ni = size[i]
      if (ni === 0 || i === y) continue
      D[i * n + y] = D[y * n + i] = merged(linkage, D[i * n + x], D[i * n + y], best, nx, ny, ni)
    }
  }
  return labelled(n, zx, zy, zh, zs)
}

/** Stable sort of the merges by height, then slot numbers → cluster ids by union–find (SciPy's `label`). */
function labelled(n: number, zx: Int32Array, zy: Int32Array, zh: Float64Array, zs: Int32Array): LinkageMatrix {
  const m = n - 1
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => zh[a] - zh[b] || a - b)
  const parent = new Int32Array(2 * n - 1).map((_, i) => i)
  const find = (v: number): number => {
    let root = v
    while (parent[root] !== root) root = parent[root]
    while (parent[v] !== root) {
      const next = parent[v]
      parent[v] = root
      v = next
    }
    return root
  }
  const left = new Int32Array(m)
  const right = new Int32Array(m)
  const height = new Float64Array(m)
  const size = new Int32Array(m)
  order.forEach((o, i) => {
    const a = find(zx[o])
    const b = find(zy[o])
    left[i] = Math.min(a, b)
    right[i] = Math.max(a, b)
    height[i] = zh[o]
    size[i] = zs[o]
    parent[a] = parent[b] = n + i
  })
  return { n, left, right, height, size }
}

/**
 * Cuts the tree into `k` flat clusters by undoing its k − 1 highest merges (SciPy's
 * `fcluster(Z, k, "maxclust")` when heights are distinct). Labels 0 … k − 1 in order of each
 * cluster's first point.
 * @example cutTree(agglomerative(X, "ward"), 3) // Int32Array of n labels
 */
export function cutTree(Z: LinkageMatrix, k: number): Int32Array {
  const n = Z.n
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`cutTree: k must be an integer in [1, ${n}], got ${k}`)
  const parent = new Int32Array(2 * n - 1).map((_, i) => i)
  for (let i = 0; i < n - k; i++) parent[Z.left[i]] = parent[Z.right[i]] = n + i
  const root = (v: number): number => {
    while (parent[v] !== v) v = parent[v]
    return v
  }
  const labels = new Int32Array(n)
  const ids = new Map<number, number>()
  for (let p = 0; p < n; p++) {
    const r = root(p)
    if (!ids.has(r)) ids.set(r, ids.size)
    labels[p] = ids.get(r)!
  }
  return labels
}
