import { EpsilonGreedy, epsilonGreedyOptions } from "./epsilon-greedy"
import { defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link Greedy}: ε-greedy's without ε. */
export const greedyOptions = defineOptions({
  initialValue: epsilonGreedyOptions.fields.initialValue,
  stepSize: epsilonGreedyOptions.fields.stepSize,
})

/** Options of {@link Greedy}. */
export interface GreedyOptions extends OptionsOf<typeof greedyOptions.fields> {
  arms: number
  name?: string
}

/**
 * Greedy: always argmax_a Q(a) (ties uniformly at random), sample-average estimates.
 * ε-greedy with ε = 0; Sutton & Barto (2018) §2.3 (figure 2.2: ≈1.0 reward, ≈35% optimal on the testbed).
 * @example new Greedy({ arms: 10 }).select(undefined, rng)
 */
export class Greedy extends EpsilonGreedy {
  constructor(options: GreedyOptions) {
    super({ ...options, epsilon: 0, name: options.name ?? "greedy" }, "Greedy")
  }
}

/** Registry entry of {@link Greedy}. */
export const greedyPolicy = definePolicy({
  type: "greedy",
  description: "greedy: always the best estimate (ε-greedy with ε = 0; Sutton & Barto 2018 §2.3)",
  optionsSchema: greedyOptions,
  savable: Greedy,
  create: (options, setting) => new Greedy({ ...options, arms: setting.arms }),
})
