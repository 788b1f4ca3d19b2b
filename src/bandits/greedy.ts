import { EpsilonGreedy } from "./epsilon-greedy"

/**
 * Greedy: always argmax_a Q(a) (ties uniformly at random), sample-average estimates.
 * ε-greedy with ε = 0; Sutton & Barto (2018) §2.3 (figure 2.2: ≈1.0 reward, ≈35% optimal on the testbed).
 * @example new Greedy({ arms: 10 }).select(undefined, rng)
 */
export class Greedy extends EpsilonGreedy {
  constructor(options: { arms: number; initialValue?: number; stepSize?: number; name?: string }) {
    super({ ...options, epsilon: 0, name: options.name ?? "greedy" }, "Greedy")
  }
}
