import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import { checkArm, checkArms, checkReward } from "./validate"
import { defineOptions } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

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
}

/** Registry entry of {@link RandomPolicy}. */
export const randomPolicy = definePolicy({
  type: "random",
  description: "uniform random choice: the pure-exploration baseline and the usual logging policy",
  optionsSchema: defineOptions({}),
  savable: RandomPolicy,
  create: (options, setting) => new RandomPolicy({ ...options, arms: setting.arms }),
})
