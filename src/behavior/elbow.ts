import { splitRng } from "../random/rng"
import type { Rng } from "../random/rng"
import type { DenseMatrix } from "../linalg/matrix"
import { KMeans, type KMeansOptions } from "./kmeans"

/** One point of an elbow curve. */
export interface ElbowPoint {
  k: number
  inertia: number
}

/**
 * Fits k-means for each k in `ks` (each with its own stream split from `rng`) and returns the
 * inertia curve, the input of the elbow method.
 * @example elbowCurve(X, [1, 2, 3, 4, 5, 6], createRng(1))
 */
export function elbowCurve(
  X: DenseMatrix,
  ks: readonly number[],
  rng: Rng,
  options: Omit<KMeansOptions, "k" | "init"> = {},
): ElbowPoint[] {
  if (ks.length === 0) throw new Error("elbowCurve: ks must not be empty")
  return ks.map((k) => ({ k, inertia: new KMeans({ ...options, k }).fit(X, splitRng(rng)).inertia }))
}

/**
 * The elbow of a decreasing curve: the point farthest from the straight line joining its first
 * and last points, after scaling both axes to [0, 1] (the "Kneedle" rule of Satopää et al.,
 * ICDCS workshops 2011, without smoothing).
 * @throws with fewer than three points or ks not increasing
 * @example kneePoint([{k:1,inertia:100},{k:2,inertia:30},{k:3,inertia:20},{k:4,inertia:15}]) // 2
 */
export function kneePoint(curve: readonly ElbowPoint[]): number {
  if (curve.length < 3) throw new Error(`kneePoint: the curve needs at least three points, got ${curve.length}`)
  for (let i = 1; i < curve.length; i++) {
    if (!(curve[i].k > curve[i - 1].k))
      throw new Error(`kneePoint: ks must be increasing, got ${curve[i - 1].k} then ${curve[i].k}`)
  }
  const first = curve[0]
  const last = curve[curve.length - 1]
  const kSpan = last.k - first.k
  const yMax = Math.max(...curve.map((p) => p.inertia))
  const yMin = Math.min(...curve.map((p) => p.inertia))
  const ySpan = yMax - yMin || 1
  const y0 = (first.inertia - yMin) / ySpan
  const y1 = (last.inertia - yMin) / ySpan
  let best = first.k
  let bestGap = -Infinity
  for (const p of curve) {
    const x = (p.k - first.k) / kSpan
    const line = y0 + (y1 - y0) * x
    const gap = line - (p.inertia - yMin) / ySpan
    if (gap > bestGap) {
      bestGap = gap
      best = p.k
    }
  }
  return best
}
