import type { Rng } from "../random/rng"
import type { Environment } from "../schema/environment"

/** Options of {@link AbruptChangeArms}: give `period` (a change every `period` steps) or `changePoints`. */
export interface AbruptChangeOptions {
  arms: number
  /** A change every `period` steps (t = period, 2·period, …). */
  period?: number
  /** The steps at which the arms change, strictly increasing integers ≥ 1 (instead of `period`). */
  changePoints?: number[]
  /** With `changePoints`: the probabilities of every segment (changePoints.length + 1 rows of `arms`); absent: redrawn. */
  segments?: number[][]
  low?: number
  high?: number
  initial?: number[]
  name?: string
}

/**
 * Piecewise-stationary Bernoulli arms (the switching bandit of Garivier & Moulines 2011): at every
 * change point (every `period` steps, or the steps listed in `changePoints`) all success
 * probabilities are redrawn uniformly from [low, high], or set to the next row of `segments` when
 * given (the first segment uses `initial`, or `segments[0]`, when given). One uniform per step for the reward.
 * @example new AbruptChangeArms({ arms: 5, period: 1000 })
 * @example new AbruptChangeArms({ arms: 2, changePoints: [500], segments: [[0.8, 0.2], [0.2, 0.8]] })
 */
export class AbruptChangeArms implements Environment<undefined> {
  readonly name: string
  readonly nArms: number
  readonly stationary = false
  /** The change period, or 0 when the change points are listed. */
  readonly period: number
  /** The listed change points (empty with `period`). */
  readonly changePoints: readonly number[]
  /** The listed segments' probabilities (null: redrawn at each change). */
  readonly segments: readonly Float64Array[] | null
  readonly low: number
  readonly high: number
  readonly initial: Float64Array | null
  readonly probabilities: Float64Array
  private nextChange = 0

  constructor(options: AbruptChangeOptions) {
    if (!Number.isInteger(options.arms) || options.arms < 1)
      throw new Error(`AbruptChangeArms: arms must be an integer >= 1, got ${options.arms}`)
    if ((options.period === undefined) === (options.changePoints === undefined))
      throw new Error("AbruptChangeArms: give exactly one of period and changePoints")
    if (options.period !== undefined && (!Number.isInteger(options.period) || options.period < 1))
      throw new Error(`AbruptChangeArms: period must be an integer >= 1, got ${options.period}`)
    const points = options.changePoints ?? []
    points.forEach((c, i) => {
      if (!Number.isInteger(c) || c < 1 || (i > 0 && c <= points[i - 1])) {
        throw new Error(
          `AbruptChangeArms: changePoints[${i}] must be an integer >= 1 and above the previous one, got ${c}`,
        )
      }
    })
    if (options.segments !== undefined) {
      if (options.changePoints === undefined) throw new Error("AbruptChangeArms: segments need changePoints")
      if (options.initial !== undefined) throw new Error("AbruptChangeArms: give initial or segments, not both")
      if (options.segments.length !== points.length + 1) {
        throw new Error(
          `AbruptChangeArms: segments must have changePoints.length + 1 = ${points.length + 1} rows, got ${options.segments.length}`,
        )
      }
      options.segments.forEach((row, i) => {
        if (row.length !== options.arms)
          throw new Error(`AbruptChangeArms: segments[${i}] must have ${options.arms} probabilities, got ${row.length}`)
        row.forEach((p, a) => {
          if (!(p >= 0 && p <= 1)) throw new Error(`AbruptChangeArms: segments[${i}][${a}] must be in [0, 1], got ${p}`)
        })
      })
    }
    this.low = options.low ?? 0
    this.high = options.high ?? 1
    if (!(this.low >= 0 && this.high <= 1 && this.low <= this.high)) {
      throw new Error(`AbruptChangeArms: need 0 <= low <= high <= 1, got low=${this.low}, high=${this.high}`)
    }
    if (options.initial && options.initial.length !== options.arms) {
      throw new Error(
        `AbruptChangeArms: initial must have ${options.arms} probabilities, got ${options.initial.length}`,
      )
    }
    options.initial?.forEach((p, i) => {
      if (!(p >= 0 && p <= 1)) throw new Error(`AbruptChangeArms: initial[${i}] must be in [0, 1], got ${p}`)
    })
    this.nArms = options.arms
    this.period = options.period ?? 0
    this.changePoints = Object.freeze(points.slice())
    this.segments = options.segments ? options.segments.map((row) => Float64Array.from(row)) : null
    this.initial = options.initial ? Float64Array.from(options.initial) : this.segments ? this.segments[0] : null
    this.name = options.name ?? "abrupt-change"
    this.probabilities = new Float64Array(options.arms)
  }

  private redraw(rng: Rng): void {
    for (let a = 0; a < this.nArms; a++) this.probabilities[a] = this.low + (this.high - this.low) * rng.next()
  }

  reset(rng: Rng): void {
    this.nextChange = 0
    if (this.initial) this.probabilities.set(this.initial)
    else this.redraw(rng)
  }

  context(t: number, rng: Rng): undefined {
    if (this.period > 0) {
      if (t > 0 && t % this.period === 0) this.redraw(rng)
    } else if (this.nextChange < this.changePoints.length && t === this.changePoints[this.nextChange]) {
      this.nextChange++
      if (this.segments) this.probabilities.set(this.segments[this.nextChange])
      else this.redraw(rng)
    }
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
