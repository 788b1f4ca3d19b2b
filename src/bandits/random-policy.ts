import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import { checkArm, checkArms, checkReward } from "./validate"
import { defineOptions } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"

/**
 * Uniform random choice: the pure-exploration baseline (and the usual logging policy).
 * Propensity 1/K for every arm, whatever it has seen.
 * @example new RandomPolicy({ arms: 5 }).probabilities(undefined) // [0.2, 0.2, 0.2, 0.2, 0.2]
 */
export class RandomPolicy implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{ arms: number }>

  constructor(options: { arms: number; name?: string }) {
    this.nArms = checkArms("RandomPolicy", options.arms)
    this.config = { arms: this.nArms }
    this.name = options.name ?? "random"
  }

  probabilities(): Float64Array {
    return new Float64Array(this.nArms).fill(1 / this.nArms)
  }

  select(_context: unknown, rng: Rng): number {
    return randomInt(rng, this.nArms)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
  }

  reset(): void {}

  /** Every pick is uniformly random: pure exploration. */
  explain(arm: number): Explanation {
    checkArm(this.name, arm, this.nArms)
    const p = 1 / this.nArms
    return {
      item: arm,
      score: p,
      kind: "explore",
      combine: "none",
      contributions: [{ label: `probability of arm ${arm}`, value: p }],
      text: `Arm ${arm} was drawn uniformly at random (probability ${formatValue(p)}): exploration`,
    }
  }
}

/** Registry entry of {@link RandomPolicy}. */
export const randomPolicy = definePolicy({
  type: "random",
  description: "uniform random choice: the pure-exploration baseline and the usual logging policy",
  optionsSchema: defineOptions({}),
  savable: RandomPolicy,
  create: (options, setting) => new RandomPolicy({ ...options, arms: setting.arms }),
})
