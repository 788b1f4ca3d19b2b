import type { Rng } from "../random/rng"
import { laplaceNoise } from "./laplace"
import { checkEpsilon } from "./parameters"

/** A user's interest profile released with local differential privacy. */
export interface PrivateProfile {
  /** The normalised profile plus Laplace(2/ε) noise: unbiased, but not a distribution. */
  noisy: Float64Array
  /** `noisy` projected onto the probability simplex (post-processing: same privacy, biased). */
  profile: Float64Array
}

/**
 * Releases one user's interest profile (category weights, e.g. time-decayed counts) with
 * ε-local differential privacy: the weights are normalised to sum 1, so two users' profiles differ
 * by at most 2 in L1 norm, and Laplace(2/ε) noise per category hides which user it is
 * (Dwork & Roth 2014, Theorem 3.6). The user can run this on their own device: the server never
 * sees the exact profile. A user without any weight gets the uniform profile before noise.
 * @throws if ε ≤ 0 or a weight is negative or not finite
 * @example privateInterestProfile([5, 0, 1, 4], { epsilon: 2 }, rng).profile
 */
export function privateInterestProfile(
  weights: ArrayLike<number>,
  options: { epsilon: number },
  rng: Rng,
): PrivateProfile {
  checkEpsilon(options.epsilon, "privateInterestProfile")
  const n = weights.length
  if (n === 0) throw new Error("privateInterestProfile: weights must not be empty")
  let total = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]
    if (!(Number.isFinite(w) && w >= 0))
      throw new Error(`privateInterestProfile: weight ${i} must be finite and >= 0, got ${w}`)
    total += w
  }
  const scale = 2 / options.epsilon
  const noisy = new Float64Array(n)
  for (let i = 0; i < n; i++) noisy[i] = (total > 0 ? weights[i] / total : 1 / n) + laplaceNoise(rng, scale)
  return { noisy, profile: projectToSimplex(noisy) }
}

/**
 * Euclidean projection of v onto the probability simplex {x ≥ 0, Σx = 1}
 * (Duchi, Shalev-Shwartz, Singer & Chandra 2008, Figure 1): x = max(v − θ, 0) with θ chosen so
 * that the result sums to 1.
 * @example projectToSimplex([0.5, 0.8, -0.2]) // [0.35, 0.65, 0]
 */
export function projectToSimplex(v: ArrayLike<number>): Float64Array {
  const n = v.length
  const sorted = Float64Array.from(v).sort().reverse()
  let cumulative = 0
  let theta = 0
  for (let j = 0; j < n; j++) {
    cumulative += sorted[j]
    const t = (cumulative - 1) / (j + 1)
    if (sorted[j] - t > 0) theta = t
  }
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = Math.max(v[i] - theta, 0)
  return out
}
