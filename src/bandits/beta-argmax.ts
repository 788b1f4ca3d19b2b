import type { Rng } from "../random/rng"
import { fastUniform, gammaC, gammaD, gammaMarsagliaTsang } from "../random/fast-random"
import { betaArgmaxXoshiro } from "./beta-argmax-xoshiro"

/**
 * One Thompson decision over a row of Beta posteriors: draws θ_a ~ Beta(α_a, β_a) with
 * α_a = priorAlpha[a] + successes[row + a] and β_a = priorBeta[a] + failures[row + a] for every
 * arm a < K, and returns argmax θ_a (the first on a tie, which has probability 0). Each Beta is
 * Ga/(Ga + Gb) from two Marsaglia–Tsang gammas (shape < 1 by the boost Gamma(s + 1)·U^(1/s)), as
 * {@link fastBeta}; with `out`, the draws are written there too. Nothing is allocated. With the lab's
 * own generator (a Xoshiro128) the same draws come from {@link betaArgmaxXoshiro}'s inline loop.
 * @example betaArgmax(rng, Float64Array.of(1, 1), Float64Array.of(1, 1), s, f, 0, 2, null)
 */
export function betaArgmax(
  rng: Rng,
  priorAlpha: Float64Array,
  priorBeta: Float64Array,
  successes: Float64Array,
  failures: Float64Array,
  row: number,
  K: number,
  out: Float64Array | null,
): number {
  const inline = betaArgmaxXoshiro(rng, priorAlpha, priorBeta, successes, failures, row, K, out)
  if (inline >= 0) return inline
  let best = 0
  let bestValue = -1
  for (let a = 0; a < K; a++) {
    const alpha = priorAlpha[a] + successes[row + a]
    const beta = priorBeta[a] + failures[row + a]
    const da = gammaD(alpha)
    let x = gammaMarsagliaTsang(rng, da, gammaC(da))
    if (alpha < 1) x *= Math.pow(fastUniform(rng), 1 / alpha)
    const db = gammaD(beta)
    let y = gammaMarsagliaTsang(rng, db, gammaC(db))
    if (beta < 1) y *= Math.pow(fastUniform(rng), 1 / beta)
    const v = x / (x + y)
    if (out) out[a] = v
    if (v > bestValue) {
      bestValue = v
      best = a
    }
  }
  return best
}
