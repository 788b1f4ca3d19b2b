import { Ucb } from "./ucb"
import { defineOptions } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/**
 * UCB1 of Auer, Cesa-Bianchi & Fischer (2002), "Finite-time analysis of the multiarmed bandit
 * problem", Machine Learning 47: argmax_a X̄(a) + sqrt(2 ln t / N(a)) for rewards in [0, 1],
 * i.e. {@link Ucb} with c = √2. Regret O(Σ ln t / Δ_a).
 * @example new Ucb1({ arms: 10 })
 */
export class Ucb1 extends Ucb {
  constructor(options: { arms: number; name?: string }) {
    super({ arms: options.arms, c: Math.SQRT2, name: options.name ?? "ucb1" }, "Ucb1")
  }
}

/** Registry entry of {@link Ucb1}. */
export const ucb1Policy = definePolicy({
  type: "ucb1",
  description: "UCB1 of Auer, Cesa-Bianchi & Fischer (2002): UCB with c = √2 for rewards in [0, 1]",
  optionsSchema: defineOptions({}),
  savable: Ucb1,
  create: (options, setting) => new Ucb1({ ...options, arms: setting.arms }),
})
