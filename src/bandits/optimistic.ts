import { EpsilonGreedy, epsilonGreedyOptions } from "./epsilon-greedy"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

const { initialValue, stepSize, epsilon } = epsilonGreedyOptions.fields

/** The options of {@link OptimisticGreedy}: ε-greedy's with optimistic defaults (Sutton & Barto figure 2.3). */
export const optimisticGreedyOptions = defineOptions({
  initialValue: { ...initialValue, default: 5, doc: "optimistic initial estimate Q₁ of every arm" },
  stepSize: { ...stepSize, default: 0.1, doc: "constant step size α" },
  epsilon: { ...epsilon, default: 0, doc: "residual exploration probability ε" },
})

/** Options of {@link OptimisticGreedy}. */
export interface OptimisticGreedyOptions extends OptionsOf<typeof optimisticGreedyOptions.fields> {
  arms: number
  name?: string
}

/**
 * Optimistic initial values: greedy with Q₁(a) = 5 and a constant step size α = 0.1, so every
 * arm disappoints in turn and gets tried early. Source: Sutton & Barto (2018) §2.6, figure 2.3.
 * @example new OptimisticGreedy({ arms: 10 }) // Q₁ = 5, α = 0.1, ε = 0
 */
export class OptimisticGreedy extends EpsilonGreedy {
  constructor(options: OptimisticGreedyOptions) {
    const checked = checkOptions("OptimisticGreedy", optimisticGreedyOptions, options)
    super(
      {
        arms: options.arms,
        epsilon: checked.epsilon,
        initialValue: checked.initialValue,
        stepSize: checked.stepSize,
        name: options.name ?? `optimistic-${checked.initialValue}`,
      },
      "OptimisticGreedy",
    )
  }
}

/** Registry entry of {@link OptimisticGreedy}. */
export const optimisticGreedyPolicy = definePolicy({
  type: "optimistic",
  description: "optimistic initial values: greedy with Q₁ = 5 and a constant step size (Sutton & Barto 2018 §2.6)",
  optionsSchema: optimisticGreedyOptions,
  savable: OptimisticGreedy,
  create: (options, setting) => new OptimisticGreedy({ ...options, arms: setting.arms }),
})
