import { IndexPolicy } from "./index-policy"
import { checkArms, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** Bernoulli Kullback–Leibler divergence kl(p, q) = p ln(p/q) + (1−p) ln((1−p)/(1−q)), with 0 ln 0 = 0. */
export function bernoulliKl(p: number, q: number): number {
  const eps = 1e-15
  q = Math.min(Math.max(q, eps), 1 - eps)
  let kl = 0
  if (p > 0) kl += p * Math.log(p / q)
  if (p < 1) kl += (1 - p) * Math.log((1 - p) / (1 - q))
  return kl
}

/**
 * The KL-UCB index max{ q ∈ [p, 1] : n·kl(p, q) ≤ bound } by bisection to `precision`.
 * @example klUcbIndex(0.5, 10, Math.log(100)) // ≈ 0.83
 */
export function klUcbIndex(p: number, n: number, bound: number, precision = 1e-6): number {
  let lo = p
  let hi = 1
  const level = bound / n
  while (hi - lo > precision) {
    const mid = 0.5 * (lo + hi)
    if (bernoulliKl(p, mid) > level) hi = mid
    else lo = mid
  }
  return 0.5 * (lo + hi)
}

/** The options of {@link KlUcb}. */
export const klUcbOptions = defineOptions({
  c: {
    kind: "number",
    min: 0,
    default: 0,
    doc: "weight of the ln ln t term of the exploration level ln t + c·ln ln t",
  },
  precision: { kind: "number", min: 0, max: 0.1, open: "low", default: 1e-6, doc: "bisection tolerance of the index" },
})

/** Options of {@link KlUcb}. */
export interface KlUcbOptions extends OptionsOf<typeof klUcbOptions.fields> {
  arms: number
  name?: string
}

/**
 * KL-UCB for Bernoulli rewards (rewards in [0, 1]): index_a = max{ q : N(a)·kl(μ̂_a, q) ≤ ln t + c·ln ln t },
 * computed by bisection. Asymptotically optimal: it matches the Lai–Robbins bound.
 * Source: Garivier & Cappé (2011), "The KL-UCB algorithm for bounded stochastic bandits and beyond",
 * COLT; c = 0 as in their experiments (c = 3 in the theorem).
 * @example new KlUcb({ arms: 10 })
 */
export class KlUcb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; c: number; precision: number }>

  constructor(options: KlUcbOptions) {
    super(checkArms("KlUcb", options.arms))
    const { c, precision } = checkOptions("KlUcb", klUcbOptions, options)
    this.config = { arms: this.nArms, c, precision }
    this.name = options.name ?? "kl-ucb"
  }

  override update(arm: number, reward: number): void {
    checkUnitReward(this.name, reward)
    super.update(arm, reward)
  }

  indices(out: Float64Array): Float64Array {
    const t = Math.max(1, this.steps)
    const lnT = Math.log(t)
    const bound = lnT + (t > Math.E ? this.config.c * Math.log(lnT) : 0)
    for (let a = 0; a < this.nArms; a++) {
      const n = this.counts[a]
      out[a] = n === 0 ? Infinity : klUcbIndex(this.means[a], n, bound, this.config.precision)
    }
    return out
  }
}

/** Registry entry of {@link KlUcb}. */
export const klUcbPolicy = definePolicy({
  type: "kl-ucb",
  description:
    "KL-UCB for rewards in [0, 1]: the Bernoulli-KL upper bound, asymptotically optimal (Garivier & Cappé 2011)",
  optionsSchema: klUcbOptions,
  savable: KlUcb,
  create: (options, setting) => new KlUcb({ ...options, arms: setting.arms }),
})
