import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { sampleIndex } from "./argmax"
import { checkArm, checkArms, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { probabilityExplanation } from "./explain-pick"

/** The options of {@link Exp3}. */
export const exp3Options = defineOptions({
  gamma: {
    kind: "number",
    min: 0,
    max: 1,
    open: "low",
    default: 0.1,
    doc: "exploration mixture γ: p = (1 − γ)·w/Σw + γ/K",
  },
})

/** Options of {@link Exp3}. */
export interface Exp3Options extends OptionsOf<typeof exp3Options.fields> {
  arms: number
  name?: string
}

/**
 * EXP3 for adversarial bandits with rewards in [0, 1]:
 * p_a = (1 − γ)·w_a/Σw + γ/K; after reward r for arm A, w_A ← w_A·exp(γ·(r/p_A)/K).
 * Kept in log-space with the maximum subtracted, so weights never overflow.
 * Source: Auer, Cesa-Bianchi, Freund & Schapire (2002), "The nonstochastic multiarmed bandit
 * problem", SIAM J. Computing 32(1), figure 1.
 * @example new Exp3({ arms: 10, gamma: 0.1 })
 */
export class Exp3 implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{ arms: number; gamma: number }>
  /** Log-weights ln w_a (learned state). */
  readonly logWeights: Float64Array
  private readonly p: Float64Array

  constructor(options: Exp3Options) {
    const arms = checkArms("Exp3", options.arms)
    const { gamma } = checkOptions("Exp3", exp3Options, options)
    this.nArms = arms
    this.config = { arms, gamma }
    this.name = options.name ?? `exp3-${gamma}`
    this.logWeights = new Float64Array(arms)
    this.p = new Float64Array(arms).fill(1 / arms)
  }

  private refresh(): void {
    let max = -Infinity
    for (let a = 0; a < this.nArms; a++) if (this.logWeights[a] > max) max = this.logWeights[a]
    let total = 0
    for (let a = 0; a < this.nArms; a++) {
      this.p[a] = Math.exp(this.logWeights[a] - max)
      total += this.p[a]
    }
    const g = this.config.gamma
    for (let a = 0; a < this.nArms; a++) this.p[a] = (1 - g) * (this.p[a] / total) + g / this.nArms
  }

  probabilities(): Float64Array {
    return Float64Array.from(this.p)
  }

  select(_context: unknown, rng: Rng): number {
    return sampleIndex(this.p, this.nArms, rng)
  }

  /** Why `arm` was drawn: its probability p(a) against the most probable arm's. */
  explain(arm: number): Explanation {
    return probabilityExplanation(this.name, arm, this.p)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    this.logWeights[arm] += (this.config.gamma * (reward / this.p[arm])) / this.nArms
    this.refresh()
  }

  reset(): void {
    this.logWeights.fill(0)
    this.p.fill(1 / this.nArms)
  }
}

/** Registry entry of {@link Exp3}. */
export const exp3Policy = definePolicy({
  type: "exp3",
  description:
    "EXP3 for adversarial rewards in [0, 1]: exponential weights mixed with uniform exploration (Auer et al. 2002)",
  optionsSchema: exp3Options,
  savable: Exp3,
  create: (options, setting) => new Exp3({ ...options, arms: setting.arms }),
})
