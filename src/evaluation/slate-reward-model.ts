import type { SlateLog } from "../schema/slate-log"

/** A model of the expected reward q̂(x, a, k) of item a at position k, for cascade-DR. */
export interface SlateRewardModel {
  readonly name: string
  fit(log: SlateLog): this
  /** q̂(xᵢ, a, k) for every item a into out (length nActions). */
  predict(log: SlateLog, i: number, k: number, out: Float64Array): void
}

/**
 * The smoothed click rate of each (item, position): q̂(a, k) = (clicks + α)/(shows + 2α)
 * (α = 1 by default, Laplace). Context-free: under a position-based click model it is the
 * reward's mean over contexts, and cascade-DR stays unbiased whatever its error.
 * @example const q = new TabularSlateRewardModel().fit(log)
 */
export class TabularSlateRewardModel implements SlateRewardModel {
  readonly name = "click rate per (item, position)"
  /** (slateLength × nActions), set by `fit`. */
  rate_: Float64Array | undefined

  constructor(readonly options: { smoothing?: number } = {}) {
    if (!((options.smoothing ?? 1) >= 0))
      throw new Error(`TabularSlateRewardModel: smoothing must be >= 0, got ${options.smoothing}`)
  }

  fit(log: SlateLog): this {
    const L = log.slateLength
    const K = log.nActions
    const alpha = this.options.smoothing ?? 1
    const clicks = new Float64Array(L * K)
    const shows = new Float64Array(L * K)
    for (let i = 0; i < log.length; i++) {
      for (let k = 0; k < L; k++) {
        clicks[k * K + log.action[i * L + k]] += log.reward[i * L + k]
        shows[k * K + log.action[i * L + k]] += 1
      }
    }
    const rate = new Float64Array(L * K)
    for (let j = 0; j < L * K; j++)
      rate[j] = shows[j] + 2 * alpha > 0 ? (clicks[j] + alpha) / (shows[j] + 2 * alpha) : 0
    this.rate_ = rate
    return this
  }

  predict(log: SlateLog, _i: number, k: number, out: Float64Array): void {
    const rate = this.rate_
    if (rate === undefined) throw new Error("TabularSlateRewardModel.predict: call fit first")
    out.set(rate.subarray(k * log.nActions, (k + 1) * log.nActions))
  }
}
