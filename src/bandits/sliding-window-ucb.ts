import { IndexPolicy } from "./index-policy"
import { RewardWindow } from "./reward-window"
import { checkArms, checkInteger, checkNonNegative } from "./validate"

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

  constructor(options: { arms: number; window?: number; c?: number; name?: string }) {
    super(checkArms("SlidingWindowUcb", options.arms))
    const window = checkInteger("SlidingWindowUcb", "window", options.window ?? 1000, 1)
    const c = checkNonNegative("SlidingWindowUcb", "c", options.c ?? Math.SQRT2)
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

  indices(out: Float64Array): Float64Array {
    const logT = Math.log(Math.max(1, this.window.length))
    for (let a = 0; a < this.nArms; a++) {
      const n = this.window.counts[a]
      out[a] = n === 0 ? Infinity : this.window.sums[a] / n + this.config.c * Math.sqrt(logT / n)
    }
    return out
  }
}
