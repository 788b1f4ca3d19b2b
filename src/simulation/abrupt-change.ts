import type { Rng } from "../random/rng"
import type { Environment } from "./environment"

/**
 * Piecewise-stationary Bernoulli arms (the switching bandit of Garivier & Moulines 2011): every
 * `period` steps all success probabilities are redrawn uniformly from [low, high] (the first
 * segment uses `initial` when given). One uniform per step for the reward.
 * @example new AbruptChangeArms({ arms: 5, period: 1000 })
 */
export class AbruptChangeArms implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = false
  readonly period: number
  readonly low: number
  readonly high: number
  readonly initial: Float64Array | null
  readonly probabilities: Float64Array

  constructor(options: { arms: number; period: number; low?: number; high?: number; initial?: number[]; name?: string }) {
    if (!Number.isInteger(options.arms) || options.arms < 1) throw new Error(`AbruptChangeArms: arms must be an integer >= 1, got ${options.arms}`)
    if (!Number.isInteger(options.period) || options.period < 1) throw new Error(`AbruptChangeArms: period must be an integer >= 1, got ${options.period}`)
    this.low = options.low ?? 0
    this.high = options.high ?? 1
    if (!(this.low >= 0 && this.high <= 1 && this.low <= this.high)) {
      throw new Error(`AbruptChangeArms: need 0 <= low <= high <= 1, got low=${this.low}, high=${this.high}`)
    }
    if (options.initial && options.initial.length !== options.arms) {
      throw new Error(`AbruptChangeArms: initial must have ${options.arms} probabilities, got ${options.initial.length}`)
    }
    options.initial?.forEach((p, i) => {
      if (!(p >= 0 && p <= 1)) throw new Error(`AbruptChangeArms: initial[${i}] must be in [0, 1], got ${p}`)
    })
    this.nArms = options.arms
    this.period = options.period
    this.initial = options.initial ? Float64Array.from(options.initial) : null
    this.name = options.name ?? "abrupt-change"
    this.probabilities = new Float64Array(options.arms)
  }

  private redraw(rng: Rng): void {
    for (let a = 0; a < this.nArms; a++) this.probabilities[a] = this.low + (this.high - this.low) * rng.next()
  }

  reset(rng: Rng): void {
    if (this.initial) this.probabilities.set(this.initial)
    else this.redraw(rng)
  }

  context(t: number, rng: Rng): undefined {
    if (t > 0 && t % this.period === 0) this.redraw(rng)
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
}
