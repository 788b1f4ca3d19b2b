import type { Rng } from "../random/rng"
import type { SlateEnvironment } from "./slate-environment"

/**
 * Estimates the examination probabilities κ_0..κ_{k−1} of a position-based click model the way a
 * real system must, since it cannot read them off its users: a result-randomisation experiment
 * (Joachims, Swaminathan & Schnabel 2017, §5; Wang et al. 2016 "Learning to rank with selection
 * bias"). Each of `impressions` visits is shown k distinct arms drawn uniformly at random, so every
 * arm is equally likely at every position and E[clicks at p] = κ_p · mean attraction. The ratio of
 * clicks at p to clicks at the top position then estimates κ_p/κ_0, and κ_0 = 1 by convention:
 *   κ̂_p = min(1, max(c_p, 1) / max(c_0, 1)),  κ̂_0 = 1.
 * Its relative standard error at position p is about √(1/c_p + 1/c_0).
 * @example
 * const kappa = estimateExamination(env, 3, 20_000, createRng(7, 0)) // ≈ [1, 0.57, 0.41] for η = 0.8
 */
export function estimateExamination<C>(
  env: SlateEnvironment<C>,
  k: number,
  impressions: number,
  rng: Rng,
): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k > env.nArms)
    throw new Error(`estimateExamination: k must be an integer in [1, ${env.nArms}], got ${k}`)
  if (!Number.isInteger(impressions) || impressions < 1)
    throw new Error(`estimateExamination: impressions must be a positive integer, got ${impressions}`)
  const n = env.nArms
  const order = new Int32Array(n)
  const slate = new Int32Array(k)
  const clicks = new Uint8Array(k)
  const counts = new Float64Array(k)
  env.reset(rng)
  for (let a = 0; a < n; a++) order[a] = a
  for (let t = 0; t < impressions; t++) {
    const context = env.context(t, rng)
    // Partial Fisher–Yates: the first k entries of `order` become a uniform random k-slate.
    for (let p = 0; p < k; p++) {
      const j = p + Math.floor(rng.next() * (n - p))
      const swap = order[p]
      order[p] = order[j]
      order[j] = swap
      slate[p] = order[p]
    }
    env.slateReward(slate, k, context, rng, clicks)
    for (let p = 0; p < k; p++) counts[p] += clicks[p]
  }
  const kappa = new Float64Array(k)
  const top = Math.max(counts[0], 1)
  for (let p = 0; p < k; p++) kappa[p] = p === 0 ? 1 : Math.min(1, Math.max(counts[p], 1) / top)
  return kappa
}
