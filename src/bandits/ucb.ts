import { IndexPolicy } from "./index-policy"
import { checkArms } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link Ucb}. */
export const ucbOptions = defineOptions({
  c: { kind: "number", min: 0, default: 2, doc: "exploration weight c of the bonus c·sqrt(ln t / N(a))" },
})

/** Options of {@link Ucb}. */
export interface UcbOptions extends OptionsOf<typeof ucbOptions.fields> {
  arms: number
  name?: string
}

/**
 * Upper confidence bound with parameter c: argmax_a Q(a) + c·sqrt(ln t / N(a)), untried arms first.
 * Computed as Q(a) + [c·sqrt(ln t)]·[1/sqrt(N(a))]: the first factor once per step, the second
 * cached per arm and refreshed only for the played arm, so a step costs one log, two square roots
 * and K multiply-adds instead of K divisions and K square roots.
 * Source: Sutton & Barto (2018) §2.7, eq. 2.10 (figure 2.4 uses c = 2).
 * @example const p = new Ucb({ arms: 10, c: 2 }); p.select(undefined, rng)
 */
export class Ucb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; c: number }>
  /** 1/sqrt(N(a)) (0 for untried arms, which get +∞). */
  private readonly invSqrtCounts: Float64Array

  constructor(options: UcbOptions, who = "Ucb") {
    super(checkArms(who, options.arms))
    const { c } = checkOptions(who, ucbOptions, options)
    this.config = { arms: this.nArms, c }
    this.name = options.name ?? `ucb-${c}`
    this.invSqrtCounts = new Float64Array(this.nArms)
  }

  indices(out: Float64Array): Float64Array {
    const width = this.config.c * Math.sqrt(Math.log(Math.max(1, this.steps)))
    const counts = this.counts
    const means = this.means
    const inv = this.invSqrtCounts
    for (let a = 0; a < this.nArms; a++) out[a] = counts[a] === 0 ? Infinity : means[a] + width * inv[a]
    return out
  }

  override update(arm: number, reward: number): void {
    super.update(arm, reward)
    this.invSqrtCounts[arm] = 1 / Math.sqrt(this.counts[arm])
  }

  override reset(): void {
    super.reset()
    this.invSqrtCounts.fill(0)
  }
}

/** Registry entry of {@link Ucb}. */
export const ucbPolicy = definePolicy({
  type: "ucb",
  description: "upper confidence bound Q(a) + c·sqrt(ln t / N(a)), untried arms first (Sutton & Barto 2018 §2.7)",
  optionsSchema: ucbOptions,
  savable: Ucb,
  create: (options, setting) => new Ucb({ ...options, arms: setting.arms }),
})
