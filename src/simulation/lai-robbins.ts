import { bernoulliKl } from "../bandits/kl-ucb"

/**
 * The constant of the Lai–Robbins lower bound for Bernoulli arms: any uniformly good policy has
 * lim inf R(T)/ln T ≥ Σ_{a: μ_a < μ*} (μ* − μ_a)/kl(μ_a, μ*).
 * Source: Lai & Robbins (1985), "Asymptotically efficient adaptive allocation rules", Adv. Appl. Math. 6.
 * @example laiRobbinsConstant([0.5, 0.4]) // 0.1 / kl(0.4, 0.5) ≈ 4.93
 */
export function laiRobbinsConstant(means: ArrayLike<number>): number {
  let best = -Infinity
  for (let a = 0; a < means.length; a++) if (means[a] > best) best = means[a]
  let c = 0
  for (let a = 0; a < means.length; a++) {
    const gap = best - means[a]
    if (gap > 0) c += gap / bernoulliKl(means[a], best)
  }
  return c
}

/** The bound curve c·ln t for t = 1..horizon. */
export function laiRobbinsCurve(means: ArrayLike<number>, horizon: number): Float64Array {
  const c = laiRobbinsConstant(means)
  const out = new Float64Array(horizon)
  for (let t = 0; t < horizon; t++) out[t] = c * Math.log(t + 1)
  return out
}
