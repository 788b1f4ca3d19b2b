import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"

/**
 * Propensities of a randomised argmax policy (Thompson sampling) by Monte Carlo: `draws` times,
 * `sample(rng, out)` writes one posterior draw of every arm's score, and the share of draws each
 * arm wins (ties split evenly) estimates its probability. The generator is re-created from
 * `seed` on every call, so the estimate depends only on the policy's state: calling it twice gives
 * the same vector and consumes nothing of the caller's generator. Standard error ≤ 0.5/√draws.
 */
export function monteCarloProbabilities(
  nArms: number,
  draws: number,
  seed: number,
  sample: (rng: Rng, out: Float64Array) => void,
): Float64Array {
  const rng = createRng(seed, 0)
  const scores = new Float64Array(nArms)
  const wins = new Float64Array(nArms)
  for (let d = 0; d < draws; d++) {
    sample(rng, scores)
    let best = -Infinity
    let ties = 0
    for (let a = 0; a < nArms; a++) {
      if (scores[a] > best) {
        best = scores[a]
        ties = 1
      } else if (scores[a] === best) ties++
    }
    for (let a = 0; a < nArms; a++) if (scores[a] === best) wins[a] += 1 / ties
  }
  for (let a = 0; a < nArms; a++) wins[a] /= draws
  return wins
}
