import { IndexPolicy } from "./index-policy"
import { RewardWindow } from "./reward-window"
import { checkArms } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link SlidingWindowUcb}. */
export const slidingWindowUcbOptions = defineOptions({
  window: { kind: "number", integer: true, min: 1, default: 1000, doc: "window τ: statistics over the last τ plays" },
  c: {
    kind: "number",
    min: 0,
    default: Math.SQRT2,
    doc: "exploration weight c of the bonus c·sqrt(ln min(t, τ) / N_τ(a))",
  },
})

/** Options of {@link SlidingWindowUcb}. */
export interface SlidingWindowUcbOptions extends OptionsOf<typeof slidingWindowUcbOptions.fields> {
  arms: number
  name?: string
}

/**
 * Sliding-window UCB for drifting rewards: statistics over the last τ plays only;
 * index_a = X̄_τ(a) + c·sqrt(ln min(t, τ) / N_τ(a)), arms absent from the window first.
 * Source: Garivier & Moulines (2011), "On upper-confidence bound policies for switching bandit
 * problems", ALT (c = 2B√ξ; default √2, i.e. B = 1, ξ = 1/2).
 * @example new SlidingWindowUcb({ arms: 10, window: 500 })
 */
export class SlidingWindowUcb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; window: number; c: number }>
  private readonly window: RewardWindow

  constructor(options: SlidingWindowUcbOptions) {
    super(checkArms("SlidingWindowUcb", options.arms))
    const { window, c } = checkOptions("SlidingWindowUcb", slidingWindowUcbOptions, options)
    this.config = { arms: this.nArms, window, c }
    this.name = options.name ?? `sw-ucb-${window}`
    this.window = new RewardWindow(this.nArms, window)
  }

  override update(arm: number, reward: number): void {
    super.update(arm, reward)
    this.window.push(arm, reward)
  }

  override reset(): void {
    super.reset()
    this.window.clear()
  }

  /** The means over the window (0 for an arm absent from it). */
  override estimates(out: Float64Array): Float64Array {
    for (let a = 0; a < this.nArms; a++) {
      const n = this.window.counts[a]
      out[a] = n === 0 ? 0 : this.window.sums[a] / n
    }
    return out
  }

  indices(out: Float64Array): Float64Array {
    const logT = Math.log(Math.max(1, this.window.length))
    for (let a = 0; a < this.nArms; a++) {
      const n = this.window.counts[a]
      out[a] = n === 0 ? Infinity : this.window.sums[a] / n + this.config.c * Math.sqrt(logT / n)
    }
    return out
  }
}

/** Registry entry of {@link SlidingWindowUcb}. */
export const slidingWindowUcbPolicy = definePolicy({
  type: "sliding-window-ucb",
  description: "sliding-window UCB for drifting rewards: statistics over the last τ plays (Garivier & Moulines 2011)",
  optionsSchema: slidingWindowUcbOptions,
  savable: SlidingWindowUcb,
  create: (options, setting) => new SlidingWindowUcb({ ...options, arms: setting.arms }),
})
