import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { sampleIndex } from "./argmax"
import { checkArm, checkArms, checkReward } from "./validate"
import { epsilonGreedyOptions } from "./epsilon-greedy"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { probabilityExplanation } from "./explain-pick"

/** The options of {@link Softmax}. */
export const softmaxOptions = defineOptions({
  temperature: { kind: "number", min: 0, open: "low", default: 0.1, doc: "temperature τ of π(a) ∝ exp(Q(a)/τ)" },
  anneal: {
    kind: "number",
    min: 0,
    default: 0,
    doc: "annealing rate: τ_t = max(minTemperature, τ/(1 + anneal·t)) (0: fixed τ)",
  },
  minTemperature: { kind: "number", min: 0, open: "low", default: 1e-3, doc: "floor of the annealed temperature" },
  initialValue: epsilonGreedyOptions.fields.initialValue,
  stepSize: epsilonGreedyOptions.fields.stepSize,
})

/** Options of {@link Softmax}. */
export interface SoftmaxOptions extends OptionsOf<typeof softmaxOptions.fields> {
  arms: number
  name?: string
}

/**
 * Softmax (Boltzmann) exploration: π(a) = exp(Q(a)/τ) / Σ_b exp(Q(b)/τ), computed with the
 * maximum subtracted so large Q/τ never overflows. Source: Sutton & Barto (1998/2018) §2.3;
 * annealing as in Kuleshov & Precup (2014), "Algorithms for multi-armed bandit problems".
 * @example new Softmax({ arms: 10, temperature: 0.2 }).probabilities(undefined)
 */
export class Softmax implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{
    arms: number
    temperature: number
    anneal: number
    minTemperature: number
    initialValue: number
    stepSize: number | null
  }>
  readonly values: Float64Array
  readonly counts: Float64Array
  private readonly buffer: Float64Array
  private steps = 0

  constructor(options: SoftmaxOptions) {
    const who = "Softmax"
    const arms = checkArms(who, options.arms)
    const { temperature, anneal, minTemperature, initialValue, stepSize } = checkOptions(who, softmaxOptions, options)
    this.nArms = arms
    this.config = { arms, temperature, anneal, minTemperature, initialValue, stepSize }
    this.name = options.name ?? `softmax-${temperature}${anneal > 0 ? "-annealed" : ""}`
    this.values = new Float64Array(arms).fill(initialValue)
    this.counts = new Float64Array(arms)
    this.buffer = new Float64Array(arms)
  }

  /** The temperature at the current step. */
  currentTemperature(): number {
    return Math.max(this.config.minTemperature, this.config.temperature / (1 + this.config.anneal * this.steps))
  }

  private fill(out: Float64Array): Float64Array {
    const tau = this.currentTemperature()
    let max = -Infinity
    for (let i = 0; i < this.nArms; i++) if (this.values[i] > max) max = this.values[i]
    let total = 0
    for (let i = 0; i < this.nArms; i++) {
      out[i] = Math.exp((this.values[i] - max) / tau)
      total += out[i]
    }
    for (let i = 0; i < this.nArms; i++) out[i] /= total
    return out
  }

  probabilities(): Float64Array {
    return this.fill(new Float64Array(this.nArms))
  }

  select(_context: unknown, rng: Rng): number {
    return sampleIndex(this.fill(this.buffer), this.nArms, rng)
  }

  /** Why `arm` was drawn: its probability against the most probable arm's. */
  explain(arm: number): Explanation {
    return probabilityExplanation(this.name, arm, this.probabilities())
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    this.steps++
    const n = ++this.counts[arm]
    this.values[arm] += (this.config.stepSize ?? 1 / n) * (reward - this.values[arm])
  }

  reset(): void {
    this.values.fill(this.config.initialValue)
    this.counts.fill(0)
    this.steps = 0
  }
}

/** Registry entry of {@link Softmax}. */
export const softmaxPolicy = definePolicy({
  type: "softmax",
  description:
    "softmax (Boltzmann) exploration over the value estimates, optionally annealed (Sutton & Barto 2018 §2.3)",
  optionsSchema: softmaxOptions,
  savable: Softmax,
  create: (options, setting) => new Softmax({ ...options, arms: setting.arms }),
})
