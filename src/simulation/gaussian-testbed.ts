import type { Rng } from "../random/rng"
import { fastNormal } from "../random/fast-random"
import type { Environment } from "../schema/environment"

/**
 * The 10-armed testbed of Sutton & Barto (2018) §2.3: each run draws arm means q*(a) ~ N(offset, 1),
 * rewards are N(q*(a), 1). One normal per step (ziggurat), whatever the arm.
 * @example new GaussianTestbed({ arms: 10, offset: 4 }) // figure 2.5's variant
 */
export class GaussianTestbed implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = true
  readonly offset: number
  readonly noiseSd: number
  /** This run's q*(a). */
  readonly means: Float64Array

  constructor(options: { arms?: number; offset?: number; noiseSd?: number; name?: string } = {}) {
    const arms = options.arms ?? 10
    if (!Number.isInteger(arms) || arms < 1)
      throw new Error(`GaussianTestbed: arms must be an integer >= 1, got ${arms}`)
    const offset = options.offset ?? 0
    if (!Number.isFinite(offset)) throw new Error(`GaussianTestbed: offset must be finite, got ${offset}`)
    const noiseSd = options.noiseSd ?? 1
    if (!(noiseSd > 0 && Number.isFinite(noiseSd)))
      throw new Error(`GaussianTestbed: noiseSd must be > 0, got ${noiseSd}`)
    this.nArms = arms
    this.offset = offset
    this.noiseSd = noiseSd
    this.name = options.name ?? "gaussian-testbed"
    this.means = new Float64Array(arms)
  }

  reset(rng: Rng): void {
    for (let a = 0; a < this.nArms; a++) this.means[a] = this.offset + fastNormal(rng)
  }

  context(): undefined {
    return undefined
  }

  expectedReward(arm: number): number {
    return this.means[arm]
  }

  expectedRewards(_context: undefined, out: Float64Array): Float64Array {
    out.set(this.means)
    return out
  }

  reward(arm: number, _context: undefined, rng: Rng): number {
    return this.means[arm] + this.noiseSd * fastNormal(rng)
  }
}
