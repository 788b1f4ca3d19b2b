import type { Rng } from "../random/rng"
import type { Environment } from "../schema/environment"

/**
 * Bernoulli arms with fixed success probabilities: reward 1 with probability p_a, else 0. One
 * 32-bit word per step (whatever the arm), compared with the threshold p_a·2³², so all policies see
 * the same draws (p_a is resolved to 2⁻³², far below any simulation's standard error).
 * @example new BernoulliArms([0.5, 0.4, 0.4]) // Chapelle & Li (2011)'s setting has K = 10, 0.5 vs 0.4
 */
export class BernoulliArms implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = true
  readonly rewardRange = [0, 1] as const
  readonly probabilities: Float64Array
  /** p_a·2³²: reward = [word < threshold]. */
  readonly thresholds: Float64Array

  constructor(probabilities: ArrayLike<number>, name = "bernoulli") {
    if (probabilities.length === 0) throw new Error("BernoulliArms: probabilities must not be empty")
    for (let i = 0; i < probabilities.length; i++) {
      const p = probabilities[i]
      if (!(p >= 0 && p <= 1)) throw new Error(`BernoulliArms: probabilities[${i}] must be in [0, 1], got ${p}`)
    }
    this.probabilities = Float64Array.from(probabilities)
    this.thresholds = this.probabilities.map((p) => p * 4294967296)
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
    return rng.nextUint32() < this.thresholds[arm] ? 1 : 0
  }

  bernoulliMeans(): Float64Array {
    return this.probabilities
  }
}
