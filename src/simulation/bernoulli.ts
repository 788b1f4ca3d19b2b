import type { Rng } from "../random/rng"
import type { Environment } from "./environment"

/**
 * Bernoulli arms with fixed success probabilities: reward 1 with probability p_a, else 0. One
 * uniform per step (whatever the arm), so all policies see the same draws.
 * @example new BernoulliArms([0.5, 0.4, 0.4]) // Chapelle & Li (2011)'s setting has K = 10, 0.5 vs 0.4
 */
export class BernoulliArms implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = true
  readonly probabilities: Float64Array

  constructor(probabilities: ArrayLike<number>, name = "bernoulli") {
    if (probabilities.length === 0) throw new Error("BernoulliArms: probabilities must not be empty")
    for (let i = 0; i < probabilities.length; i++) {
      const p = probabilities[i]
      if (!(p >= 0 && p <= 1)) throw new Error(`BernoulliArms: probabilities[${i}] must be in [0, 1], got ${p}`)
    }
    this.probabilities = Float64Array.from(probabilities)
    this.nArms = probabilities.length
    this.name = name
  }

  reset(): void {}

  context(): undefined {
    return undefined
  }

  expectedReward(arm: number): number {
    return this.probabilities[arm]
  }

  expectedRewards(_context: undefined, out: Float64Array): Float64Array {
    out.set(this.probabilities)
    return out
  }

  reward(arm: number, _context: undefined, rng: Rng): number {
    return rng.next() < this.probabilities[arm] ? 1 : 0
  }

  bernoulliMeans(): Float64Array {
    return this.probabilities
  }
}
