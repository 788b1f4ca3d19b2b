import { type ElbowPoint, kneePoint } from "../behavior/elbow"
import { KMeans } from "../behavior/kmeans"
import { silhouetteScore } from "../behavior/silhouette"
import { createRng } from "../random/rng"
import { fromRowMajor } from "../linalg/matrix"
import { rfmFeatures, segmentProfiles, type RfmFeatures, type RfmTable, type SegmentProfile } from "./rfm"

export interface RfmSegmentationOptions {
  k: number
  /** Seed of the k-means++ restarts (default 0). */
  seed?: number
  /** Restarts, the best inertia kept (default 10, as scikit-learn). */
  nInit?: number
  /** The ks of the elbow and silhouette curves (default 2..8). */
  ks?: readonly number[]
}

/** RFM segments with the curves used to choose k. */
export interface RfmSegmentation {
  readonly k: number
  readonly features: RfmFeatures
  /** Segment per customer (aligned with `rfm.customers`); segment 0 has the highest mean monetary value. */
  readonly labels: Int32Array
  readonly inertia: number
  readonly sizes: number[]
  /** Centres in standardised log1p units, k × 3 row-major, in segment order. */
  readonly centers: Float64Array
  readonly profiles: SegmentProfile[]
  readonly elbow: ElbowPoint[]
  /** The k the knee rule picks on `elbow`. */
  readonly kneeK: number
  readonly silhouettes: { k: number; score: number }[]
}

/**
 * k-means (k-means++ seeding, `nInit` seeded restarts, best inertia kept) on standardised
 * log1p(R, F, M), as Chen, Sain & Guo (2012) segment customers; elbow (inertia) and mean
 * silhouette over `ks` to choose k. Lloyd runs to a fixed point (tol 0, at most 1000 iterations), so
 * the result does not depend on where a tolerance happened to stop it. Segments are renumbered by decreasing mean monetary value
 * so that the numbering does not depend on the seed.
 * @throws if k is not an integer ≥ 1 or exceeds the number of customers
 * @example const seg = rfmSegmentation(computeRfm(clean), { k: 4 })
 */
export function rfmSegmentation(rfm: RfmTable, options: RfmSegmentationOptions): RfmSegmentation {
  const { k } = options
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`)
  const seed = options.seed ?? 0
  const nInit = options.nInit ?? 10
  const features = rfmFeatures(rfm)
  if (k > features.n) throw new Error(`k = ${k} exceeds the number of customers (${features.n})`)
  // The curves stop at the number of customers (a silhouette needs k < n), however few there are.
  const ks = (options.ks ?? [2, 3, 4, 5, 6, 7, 8]).filter((kk) => kk <= features.n)
  const X = fromRowMajor(features.data, features.n, 3)
  // Each k gets its own stream, so the curves' fit at k is the very fit returned for that k.
  const fits = new Map<number, KMeans>()
  const fitK = (kk: number): KMeans => {
    let m = fits.get(kk)
    if (!m) fits.set(kk, (m = new KMeans({ k: kk, nInit, tol: 0, maxIter: 1000 }).fit(X, createRng(seed, kk))))
    return m
  }
  const km = fitK(k)
  const raw = km.labels
  const rawProfiles = segmentProfiles(rfm, raw, k)
  const order = rawProfiles
    .map((p) => p.segment)
    .sort((a, b) => rawProfiles[b].meanMonetary - rawProfiles[a].meanMonetary || a - b)
  const rename = new Int32Array(k)
  order.forEach((old, s) => (rename[old] = s))
  const labels = Int32Array.from(raw, (l) => rename[l])
  const centers = new Float64Array(k * 3)
  order.forEach((old, s) => centers.set(km.centers.data.subarray(old * 3, old * 3 + 3), s * 3))
  const sizes = new Array<number>(k).fill(0)
  for (const l of labels) sizes[l]++
  const elbow = ks.map((kk) => ({ k: kk, inertia: fitK(kk).inertia }))
  const silhouettes = ks
    .filter((kk) => kk >= 2 && kk < features.n)
    .map((kk) => ({ k: kk, score: silhouetteScore(X, fitK(kk).labels) }))
  return {
    k,
    features,
    labels,
    inertia: km.inertia,
    sizes,
    centers,
    profiles: segmentProfiles(rfm, labels, k),
    elbow,
    kneeK: elbow.length >= 3 ? kneePoint(elbow) : k,
    silhouettes,
  }
}
