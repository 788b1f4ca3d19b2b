import type { Rng } from "../random/rng"
import { normal } from "../random/normal"
import { bestComposition, type PrivacyBudget } from "../privacy/composition"

/** Differential privacy of client updates in DP-FedAvg (McMahan, Ramage, Talwar & Zhang 2018). */
export interface ClientUpdatePrivacy {
  /** S: every client's update is scaled down to L2 norm ≤ S, which bounds one client's influence. */
  clipNorm: number
  /** z: the averaged update gets N(0, (z·S/m)²) noise per coordinate, m the clients per round. */
  noiseMultiplier: number
}

/** Scales `update` in place to L2 norm ≤ clipNorm; returns its norm before clipping. */
export function clipToNorm(update: Float64Array, clipNorm: number): number {
  let s = 0
  for (let i = 0; i < update.length; i++) s += update[i] * update[i]
  const norm = Math.sqrt(s)
  if (norm > clipNorm) {
    const f = clipNorm / norm
    for (let i = 0; i < update.length; i++) update[i] *= f
  }
  return norm
}

/** Adds N(0, σ²) to every coordinate of `values` in place. */
export function addGaussianNoise(values: Float64Array, sigma: number, rng: Rng): void {
  for (let i = 0; i < values.length; i++) values[i] += normal(rng, 0, sigma)
}

/**
 * Client-level (ε, δ) of DP-FedAvg after `rounds` rounds, without counting the amplification by
 * sampling (so it is an upper bound): each round is a Gaussian mechanism with sensitivity S/m and
 * σ = z·S/m, i.e. classic calibration inverted, ε_round = √(2 ln(1.25/δ_round)) / z (valid for
 * ε_round < 1), then composed over the rounds by the tighter of sequential and advanced composition.
 * @throws if the per-round ε is not below 1 (raise the noise multiplier)
 * @example clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 8 }, 20, 1e-6, 1e-6)
 */
export function clientLevelPrivacy(
  p: ClientUpdatePrivacy,
  rounds: number,
  deltaPerRound: number,
  deltaPrime: number,
): PrivacyBudget & { epsilonPerRound: number } {
  if (!(p.noiseMultiplier > 0))
    throw new Error(`clientLevelPrivacy: noiseMultiplier must be > 0, got ${p.noiseMultiplier}`)
  const epsilonPerRound = Math.sqrt(2 * Math.log(1.25 / deltaPerRound)) / p.noiseMultiplier
  if (!(epsilonPerRound < 1)) {
    throw new Error(
      `clientLevelPrivacy: noiseMultiplier ${p.noiseMultiplier} gives a per-round epsilon of ${epsilonPerRound.toFixed(3)} >= 1, outside the classic Gaussian calibration; use a larger noiseMultiplier`,
    )
  }
  const total = bestComposition({ epsilon: epsilonPerRound, delta: deltaPerRound }, rounds, deltaPrime)
  return { epsilon: total.epsilon, delta: total.delta, epsilonPerRound }
}
