import type { Rng } from "../random/rng"
import { fastNormal } from "../random/fast-random"
import type { Environment } from "../schema/environment"

/**
 * Non-stationary Gaussian arms (Sutton & Barto 2018, exercise 2.5): all means start at `start`
 * and each takes an independent N(0, walkSd²) step before every play; rewards N(q_t(a), 1).
 * @example new RandomWalkArms({ arms: 10, walkSd: 0.01 })
 */
export class RandomWalkArms implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = false
  readonly walkSd: number
  readonly start: number
  readonly means: Float64Array

  constructor(options: { arms?: number; walkSd?: number; start?: number; name?: string } = {}) {
    const arms = options.arms ?? 10
    if (!Number.isInteger(arms) || arms < 1)
      throw new Error(`RandomWalkArms: arms must be an integer >= 1, got ${arms}`)
    this.walkSd = options.walkSd ?? 0.01
    if (!(this.walkSd >= 0)) throw new Error(`RandomWalkArms: walkSd must be >= 0, got ${this.walkSd}`)
    this.start = options.start ?? 0
    this.nArms = arms
    this.name = options.name ?? "random-walk"
    this.means = new Float64Array(arms)
  }

  reset(): void {
    this.means.fill(this.start)
  }

  context(_t: number, rng: Rng): undefined {
    for (let a = 0; a < this.nArms; a++) this.means[a] += this.walkSd * fastNormal(rng)
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
    return this.means[arm] + fastNormal(rng)
  }
}
