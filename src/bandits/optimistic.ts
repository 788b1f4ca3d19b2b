import { EpsilonGreedy } from "./epsilon-greedy"

/** Options of {@link OptimisticGreedy}. */
export interface OptimisticGreedyOptions {
  arms: number
  /** Optimistic initial estimate Q₁; default 5 (Sutton & Barto figure 2.3). */
  initialValue?: number
  /** Constant step size α; default 0.1. */
  stepSize?: number
  /** Residual exploration ε; default 0. */
  epsilon?: number
  name?: string
}

/**
 * Optimistic initial values: greedy with Q₁(a) = 5 and a constant step size α = 0.1, so every
 * arm disappoints in turn and gets tried early. Source: Sutton & Barto (2018) §2.6, figure 2.3.
 * @example new OptimisticGreedy({ arms: 10 }) // Q₁ = 5, α = 0.1, ε = 0
 */
export class OptimisticGreedy extends EpsilonGreedy {
  constructor(options: OptimisticGreedyOptions) {
    const initialValue = options.initialValue ?? 5
    super(
      {
        arms: options.arms,
        epsilon: options.epsilon ?? 0,
        initialValue,
        stepSize: options.stepSize ?? 0.1,
        name: options.name ?? `optimistic-${initialValue}`,
      },
      "OptimisticGreedy",
    )
  }
}
