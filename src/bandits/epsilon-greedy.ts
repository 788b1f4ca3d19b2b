import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkArm, checkArms, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { coinExplanation } from "./explain-pick"

/** The options of {@link EpsilonGreedy} a config may set (checked by the constructor and the config schema alike). */
export const epsilonGreedyOptions = defineOptions({
  epsilon: {
    kind: "number",
    min: 0,
    max: 1,
    default: 0.1,
    doc: "exploration probability ε (at step t it is ε/(1 + decay·t))",
  },
  decay: {
    kind: "number",
    min: 0,
    default: 0,
    doc: "decay rate of ε: ε_t = ε/(1 + decay·t), t = updates so far (0: fixed ε)",
  },
  initialValue: {
    kind: "number",
    default: 0,
    doc: "initial value estimate Q₁(a) of every arm (optimism: a large value)",
  },
  stepSize: {
    kind: "number",
    min: 0,
    max: 1,
    open: "low",
    doc: "constant step size α (recency-weighted average); unset: sample average 1/N(a)",
  },
})

/** Options of {@link EpsilonGreedy}. */
export interface EpsilonGreedyOptions extends OptionsOf<typeof epsilonGreedyOptions.fields> {
  arms: number
  name?: string
}

/**
 * ε-greedy: with probability ε_t an arm uniformly at random, otherwise argmax_a Q(a) (ties uniform).
 * Q(a) ← Q(a) + α·(R − Q(a)) with α = 1/N(a) (sample average) or a constant step size.
 * Source: Sutton & Barto, Reinforcement Learning (2nd ed., 2018), §2.2–2.5; decaying ε as in
 * Auer, Cesa-Bianchi & Fischer (2002) "ε_n-greedy" (rate ∝ 1/t).
 * Propensities: ε_t/K on every arm, plus (1 − ε_t)/m on each of the m greedy arms.
 * @example
 * const p = new EpsilonGreedy({ arms: 10, epsilon: 0.1 })
 * const a = p.select(undefined, rng); p.update(a, 1, undefined)
 */
export class EpsilonGreedy implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<EpsilonGreedyOptions, "stepSize" | "name">> & { stepSize: number | null }>
  /** Value estimates Q(a) (learned state). */
  readonly values: Float64Array
  /** Pull counts N(a) (learned state). */
  readonly counts: Float64Array
  protected steps = 0
  /** Whether the last `select`'s ε-coin fired (for `explain`; not state: never saved). */
  #explored = false

  constructor(options: EpsilonGreedyOptions, who = "EpsilonGreedy") {
    const arms = checkArms(who, options.arms)
    const { epsilon, decay, initialValue, stepSize } = checkOptions(who, epsilonGreedyOptions, options)
    this.nArms = arms
    this.config = { arms, epsilon, decay, initialValue, stepSize }
    this.name = options.name ?? (epsilon === 0 ? "greedy" : `eps-${epsilon}`)
    this.values = new Float64Array(arms).fill(initialValue)
    this.counts = new Float64Array(arms)
  }

  /** The exploration probability at the current step. */
  currentEpsilon(): number {
    return this.config.epsilon / (1 + this.config.decay * this.steps)
  }

  probabilities(): Float64Array {
    const eps = this.currentEpsilon()
    const p = new Float64Array(this.nArms).fill(eps / this.nArms)
    return addArgmaxMass(this.values, this.nArms, 1 - eps, p)
  }

  select(_context: unknown, rng: Rng): number {
    const eps = this.currentEpsilon()
    // The exploration coin is one 32-bit word: P(word < ε·2³²) = ε to within 2⁻³².
    this.#explored = eps > 0 && rng.nextUint32() < eps * 4294967296
    if (this.#explored) return randomInt(rng, this.nArms)
    return argmaxRandomTie(this.values, this.nArms, rng)
  }

  /** Why `arm` was played: "explore" when the last `select`'s ε-coin fired, else "exploit" (a best estimate). */
  explain(arm: number): Explanation {
    return coinExplanation(this.name, arm, this.#explored, this.currentEpsilon(), this.values)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    this.steps++
    const n = ++this.counts[arm]
    const alpha = this.config.stepSize ?? 1 / n
    this.values[arm] += alpha * (reward - this.values[arm])
  }

  reset(): void {
    this.values.fill(this.config.initialValue)
    this.counts.fill(0)
    this.steps = 0
  }
}

/** Registry entry of {@link EpsilonGreedy}. */
export const epsilonGreedyPolicy = definePolicy({
  type: "epsilon-greedy",
  description:
    "ε-greedy: a uniformly random arm with probability ε_t, else the best estimate (Sutton & Barto 2018 §2.2)",
  optionsSchema: epsilonGreedyOptions,
  savable: EpsilonGreedy,
  create: (options, setting) => new EpsilonGreedy({ ...options, arms: setting.arms }),
})
