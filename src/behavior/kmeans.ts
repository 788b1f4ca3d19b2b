import type { Rng } from "../random/rng"
import { checkFeatures, columnMoments, type DenseMatrix } from "../linalg/matrix"

/** Options of `KMeans` (defaults in brackets). */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ number of points. */
  k: number
  /**
   * Initial centres: "k-means++" [default] (greedy k-means++, as scikit-learn), "random"
   * (k distinct points), or a k × d matrix of given centres (then `nInit` must be 1 and no Rng is needed).
   */
  init?: "k-means++" | "random" | DenseMatrix
  /** Restarts from different seeds; the run with the lowest inertia is kept [10, or 1 with given centres]. */
  nInit?: number
  /** Lloyd iterations per run [300]. */
  maxIter?: number
  /** Converged when Σ‖Δcentre‖² ≤ tol · mean feature variance (scikit-learn's rule) [1e-4]. */
  tol?: number
}

interface Fitted {
  centers: DenseMatrix
  labels: Int32Array
  inertia: number
  nIter: number
}

/**
 * k-means clustering by Lloyd's algorithm: alternately assign each point to its nearest centre
 * and move each centre to the mean of its points, which never increases the inertia
 *   Σ_i ‖x_i − μ_{c(i)}‖².
 * Seeding by greedy k-means++ (each new centre drawn with probability ∝ D(x)², the best of
 * 2 + ⌊ln k⌋ candidates kept); `nInit` restarts, keeping the lowest inertia. An emptied cluster is
 * moved to the point farthest from its centre. Sources: Lloyd (1982); Arthur & Vassilvitskii,
 * "k-means++" (SODA 2007); scikit-learn's `KMeans(algorithm="lloyd")` for the tolerance and restarts.
 *
 * @example
 * const km = new KMeans({ k: 3 }).fit(denseMatrix(points), createRng(1))
 * km.labels; km.inertia; km.predict(denseMatrix([[0, 0]]))
 */
export class KMeans {
  readonly config: Readonly<{
    k: number
    init: "k-means++" | "random" | DenseMatrix
    nInit: number
    maxIter: number
    tol: number
  }>
  private fitted: Fitted | null = null

  constructor(options: KMeansOptions) {
    const { k } = options
    const init = options.init ?? "k-means++"
    const given = typeof init === "object"
    const nInit = options.nInit ?? (given ? 1 : 10)
    const maxIter = options.maxIter ?? 300
    const tol = options.tol ?? 1e-4
    if (!Number.isInteger(k) || k < 1) throw new Error(`KMeans: k must be an integer >= 1, got ${k}`)
    if (!Number.isInteger(nInit) || nInit < 1) throw new Error(`KMeans: nInit must be an integer >= 1, got ${nInit}`)
    if (!Number.isInteger(maxIter) || maxIter < 1)
      throw new Error(`KMeans: maxIter must be an integer >= 1, got ${maxIter}`)
    if (!(tol >= 0)) throw new Error(`KMeans: tol must be >= 0, got ${tol}`)
    if (given) {
      if (init.nRows !== k) throw new Error(`KMeans: init has ${init.nRows} centres but k is ${k}`)
      checkFeatures(init, "KMeans init")
      if (nInit !== 1) throw new Error(`KMeans: nInit must be 1 when the initial centres are given, got ${nInit}`)
    } else if (init !== "k-means++" && init !== "random") {
      throw new Error(`KMeans: init must be "k-means++", "random" or a k × d matrix, got ${String(init)}`)
    }
    this.config = { k, init, nInit, maxIter, tol }
  }

  /**
   * Clusters the rows of X.
   * @param rng the generator for seeding (not needed when the initial centres are given)
   * @throws on an empty X, non-finite values, k > number of points, or centres of the wrong width
   */
  fit(X: DenseMatrix, rng?: Rng): this {
    checkFeatures(X, "KMeans.fit")
    const { k, init, nInit, maxIter } = this.config
    const n = X.nRows
    const d = X.nCols
    if (k > n) throw new Error(`KMeans.fit: k = ${k} is larger than the number of points (${n})`)
    if (typeof init === "object" && init.nCols !== d)
      throw new Error(`KMeans.fit: init has ${init.nCols} columns but X has ${d}`)
    if (typeof init !== "object" && !rng) throw new Error(`KMeans.fit: an Rng is required for ${init} seeding`)
    const tol = this.config.tol * meanVariance(X)
    let best: Fitted | null = null
    for (let run = 0; run < nInit; run++) {
      const centers =
        typeof init === "object"
          ? Float64Array.from(init.data)
          : init === "random"
            ? randomInit(X, k, rng as Rng)
            : kmeansPlusPlus(X, k, rng as Rng)
      const result = lloyd(X, centers, k, maxIter, tol)
      if (!best || result.inertia < best.inertia) best = result
    }
    this.fitted = best
    return this
  }

  /** The k × d cluster centres. */
  get centers(): DenseMatrix {
    return this.state("centers").centers
  }

  /** The cluster of each training point. */
  get labels(): Int32Array {
    return this.state("labels").labels
  }

  /** Σ squared distances of the training points to their centres, for the kept run. */
  get inertia(): number {
    return this.state("inertia").inertia
  }

  /** Lloyd iterations of the kept run. */
  get nIter(): number {
    return this.state("nIter").nIter
  }

  /** The nearest centre of each row of X (ties → the smaller index). */
  predict(X: DenseMatrix): Int32Array {
    const c = this.state("predict").centers
    checkFeatures(X, "KMeans.predict")
    if (X.nCols !== c.nCols)
      throw new Error(`KMeans.predict: X has ${X.nCols} columns, the model was fitted on ${c.nCols}`)
    const labels = new Int32Array(X.nRows)
    assign(X, c.data, c.nRows, labels, new Float64Array(X.nRows))
    return labels
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new Error(`KMeans.${what}: call fit() first`)
    return this.fitted
  }
}

function meanVariance(X: DenseMatrix): number {
  let total = 0
  for (let j = 0; j < X.nCols; j++) total += columnMoments(X, j).variance
  return total / X.nCols
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0
  for (let j = 0; j < d; j++) {
    const t = a[ai + j] - b[bi + j]
    s += t * t
  }
  return s
}

/**
 * Nearest-centre labels and squared distances; returns the inertia. Four centres share each pass
 * over the point's row (1.5× faster at d = 16); every distance keeps its own order of additions
 * and the centres are compared in index order, so labels and distances are those of one
 * `sqDist` per centre, bit for bit.
 */
function assign(X: DenseMatrix, centers: Float64Array, k: number, labels: Int32Array, dist: Float64Array): number {
  const { nRows: n, nCols: d, data } = X
  let inertia = 0
  for (let i = 0; i < n; i++) {
    const xi = i * d
    let best = 0
    let bestD = Infinity
    let c = 0
    for (; c + 3 < k; c += 4) {
      const c0 = c * d
      const c1 = c0 + d
      const c2 = c1 + d
      const c3 = c2 + d
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let j = 0; j < d; j++) {
        const x = data[xi + j]
        const t0 = x - centers[c0 + j]
        const t1 = x - centers[c1 + j]
        const t2 = x - centers[c2 + j]
        const t3 = x - centers[c3 + j]
        s0 += t0 * t0
        s1 += t1 * t1
        s2 += t2 * t2
        s3 += t3 * t3
      }
      if (s0 < bestD) {
        bestD = s0
        best = c
      }
      if (s1 < bestD) {
        bestD = s1
        best = c + 1
      }
      if (s2 < bestD) {
        bestD = s2
        best = c + 2
      }
      if (s3 < bestD) {
        bestD = s3
        best = c + 3
      }
    }
    for (; c < k; c++) {
      const s = sqDist(data, xi, centers, c * d, d)
      if (s < bestD) {
        bestD = s
        best = c
      }
    }
    labels[i] = best
    dist[i] = bestD
    inertia += bestD
  }
  return inertia
}

function lloyd(X: DenseMatrix, centers: Float64Array, k: number, maxIter: number, tol: number): Fitted {
  const { nRows: n, nCols: d, data } = X
  const labels = new Int32Array(n)
  const previous = new Int32Array(n).fill(-1)
  const dist = new Float64Array(n)
  const next = new Float64Array(k * d)
  const counts = new Int32Array(k)
  let iterations = 0
  for (let it = 0; it < maxIter; it++) {
    assign(X, centers, k, labels, dist)
    iterations = it + 1
    next.fill(0)
    counts.fill(0)
    for (let i = 0; i < n; i++) {
      const c = labels[i]
      counts[c]++
      for (let j = 0; j < d; j++) next[c * d + j] += data[i * d + j]
    }
    relocateEmpty(X, labels, dist, counts, next, k)
    let shift = 0
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const v = next[c * d + j] / counts[c]
        shift += (v - centers[c * d + j]) ** 2
        centers[c * d + j] = v
      }
    }
    let same = true
    for (let i = 0; i < n; i++)
      if (labels[i] !== previous[i]) {
        same = false
        break
      }
    if (same) break
    previous.set(labels)
    if (shift <= tol) break
  }
  // Labels and inertia consistent with the final centres.
  const inertia = assign(X, centers, k, labels, dist)
  return { centers: { kind: "dense", nRows: k, nCols: d, data: centers }, labels, inertia, nIter: iterations }
}

/** Moves each empty cluster onto the point farthest from its current centre (as scikit-learn does). */
function relocateEmpty(
  X: DenseMatrix,
  labels: Int32Array,
  dist: Float64Array,
  counts: Int32Array,
  sums: Float64Array,
  k: number,
): void {
  const d = X.nCols
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue
    let far = -1
    for (let i = 0; i < X.nRows; i++) if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i
    const from = labels[far]
    counts[from]--
    counts[c] = 1
    for (let j = 0; j < d; j++) {
      const v = X.data[far * d + j]
      sums[from * d + j] -= v
      sums[c * d + j] = v
    }
    labels[far] = c
    dist[far] = 0
  }
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; the greedy variant of scikit-learn):
 * the first centre uniformly, then each next one the best (lowest resulting potential) of
 * 2 + ⌊ln k⌋ points drawn with probability ∝ squared distance to the nearest chosen centre.
 * @returns the k × d centres, row-major
 * @example kmeansPlusPlus(denseMatrix(points), 4, createRng(3))
 */
export function kmeansPlusPlus(X: DenseMatrix, k: number, rng: Rng): Float64Array {
  const { nRows: n, nCols: d, data } = X
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new Error(`kmeansPlusPlus: k must be an integer in [1, ${n}], got ${k}`)
  const centers = new Float64Array(k * d)
  const trials = 2 + Math.floor(Math.log(k))
  const closest = new Float64Array(n)
  const candidate = new Float64Array(n)
  const bestCandidate = new Float64Array(n)
  const first = Math.floor(rng.next() * n)
  centers.set(data.subarray(first * d, first * d + d), 0)
  let potential = 0
  for (let i = 0; i < n; i++) potential += closest[i] = sqDist(data, i * d, data, first * d, d)
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity
    let bestId = -1
    for (let t = 0; t < trials; t++) {
      const id = potential > 0 ? drawByWeight(closest, rng.next() * potential) : Math.floor(rng.next() * n)
      let pot = 0
      for (let i = 0; i < n; i++) pot += candidate[i] = Math.min(closest[i], sqDist(data, i * d, data, id * d, d))
      if (pot < bestPot) {
        bestPot = pot
        bestId = id
        bestCandidate.set(candidate)
      }
    }
    centers.set(data.subarray(bestId * d, bestId * d + d), c * d)
    closest.set(bestCandidate)
    potential = bestPot
  }
  return centers
}

function drawByWeight(weights: Float64Array, u: number): number {
  let acc = 0
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]
    if (u < acc) return i
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i
  return weights.length - 1
}

function randomInit(X: DenseMatrix, k: number, rng: Rng): Float64Array {
  const { nRows: n, nCols: d, data } = X
  // Partial Fisher–Yates: k distinct rows.
  const idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  const centers = new Float64Array(k * d)
  for (let c = 0; c < k; c++) {
    const j = c + Math.floor(rng.next() * (n - c))
    const t = idx[c]
    idx[c] = idx[j]
    idx[j] = t
    centers.set(data.subarray(idx[c] * d, idx[c] * d + d), c * d)
  }
  return centers
}
