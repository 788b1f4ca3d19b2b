import { IndexPolicy } from "./index-policy"
import { checkArms } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link DiscountedUcb}. */
export const discountedUcbOptions = defineOptions({
  discount: {
    kind: "number",
    min: 0,
    max: 1,
    open: "low",
    default: 0.99,
    doc: "discount γ: a play s steps ago weighs γ^s",
  },
  c: { kind: "number", min: 0, default: Math.SQRT2, doc: "exploration weight c of the bonus c·sqrt(ln n_γ / N_γ(a))" },
})

/** Options of {@link DiscountedUcb}. */
export interface DiscountedUcbOptions extends OptionsOf<typeof discountedUcbOptions.fields> {
  arms: number
  name?: string
}

/**
 * Discounted UCB for drifting rewards: every step all statistics are multiplied by γ, so a play
 * s steps ago weighs γ^s; index_a = X̄_γ(a) + c·sqrt(ln n_γ / N_γ(a)) with n_γ = Σ_a N_γ(a).
 * Source: Garivier & Moulines (2011), "On upper-confidence bound policies for switching bandit
 * problems", ALT (c = 2B√ξ; default √2).
 * @example new DiscountedUcb({ arms: 10, discount: 0.99 })
 */
export class DiscountedUcb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; discount: number; c: number }>
  /** Discounted counts and reward sums (learned state). */
  readonly discountedCounts: Float64Array
  readonly discountedSums: Float64Array

  constructor(options: DiscountedUcbOptions) {
    super(checkArms("DiscountedUcb", options.arms))
    const { discount, c } = checkOptions("DiscountedUcb", discountedUcbOptions, options)
    this.config = { arms: this.nArms, discount, c }
    this.name = options.name ?? `d-ucb-${discount}`
    this.discountedCounts = new Float64Array(this.nArms)
    this.discountedSums = new Float64Array(this.nArms)
  }

  override update(arm: number, reward: number): void {
    super.update(arm, reward)
    const g = this.config.discount
    for (let a = 0; a < this.nArms; a++) {
      this.discountedCounts[a] *= g
      this.discountedSums[a] *= g
    }
    this.discountedCounts[arm] += 1
    this.discountedSums[arm] += reward
  }

  override reset(): void {
    super.reset()
    this.discountedCounts.fill(0)
    this.discountedSums.fill(0)
  }

  /** The discounted means S_γ(a)/N_γ(a) (0 for an arm whose weight has decayed to nothing). */
  override estimates(out: Float64Array): Float64Array {
    for (let a = 0; a < this.nArms; a++) {
      const n = this.discountedCounts[a]
      out[a] = n < 1e-12 ? 0 : this.discountedSums[a] / n
    }
    return out
  }

  indices(out: Float64Array): Float64Array {
    let total = 0
    for (let a = 0; a < this.nArms; a++) total += this.discountedCounts[a]
    const logN = Math.log(Math.max(1, total))
    for (let a = 0; a < this.nArms; a++) {
      const n = this.discountedCounts[a]
      // An arm whose weight has decayed to nothing is as good as untried.
      out[a] = n < 1e-12 ? Infinity : this.discountedSums[a] / n + this.config.c * Math.sqrt(logN / n)
    }
    return out
  }
}

/** Registry entry of {@link DiscountedUcb}. */
export const discountedUcbPolicy = definePolicy({
  type: "discounted-ucb",
  description: "discounted UCB for drifting rewards: statistics decay by γ each step (Garivier & Moulines 2011)",
  optionsSchema: discountedUcbOptions,
  savable: DiscountedUcb,
  create: (options, setting) => new DiscountedUcb({ ...options, arms: setting.arms }),
})
