import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { fastNormal } from "../random/fast-random"
import { monteCarloProbabilities } from "./monte-carlo"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link GaussianThompson}. */
export const gaussianThompsonOptions = defineOptions({
  priorMean: { kind: "number", default: 0, doc: "prior mean μ₀ of every arm's mean" },
  priorSd: { kind: "number", min: 0, open: "low", default: 1, doc: "prior standard deviation σ₀ of every arm's mean" },
  noiseSd: {
    kind: "number",
    min: 0,
    open: "low",
    default: 1,
    doc: "known reward noise σ (1 on the Sutton–Barto testbed)",
  },
  probabilityDraws: {
    kind: "number",
    integer: true,
    min: 1,
    default: 2000,
    doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
  },
})

/** Options of {@link GaussianThompson}. */
export interface GaussianThompsonOptions extends OptionsOf<typeof gaussianThompsonOptions.fields> {
  arms: number
  seed?: number
  name?: string
}

/**
 * Thompson sampling for Gaussian rewards with known noise σ and a conjugate normal prior:
 * posterior precision τ_a = 1/σ₀² + N_a/σ², mean m_a = (μ₀/σ₀² + S_a/σ²)/τ_a; draw θ_a ~ N(m_a, 1/τ_a),
 * play argmax. Source: Russo et al. (2018), "A tutorial on Thompson sampling", §3 / example 4.
 * @example new GaussianThompson({ arms: 10, priorSd: 1, noiseSd: 1 })
 */
export class GaussianThompson implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<GaussianThompsonOptions, "name">>>
  /** Per-arm count and reward sum (learned state). */
  readonly counts: Float64Array
  readonly sums: Float64Array
  private readonly mean: Float64Array
  private readonly sd: Float64Array
  /** The winning draw of the last `select` (for `explain`; not state: never saved). */
  #draw = Number.NaN

  constructor(options: GaussianThompsonOptions) {
    const who = "GaussianThompson"
    const arms = checkArms(who, options.arms)
    const { priorMean, priorSd, noiseSd, probabilityDraws } = checkOptions(who, gaussianThompsonOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, priorMean, priorSd, noiseSd, probabilityDraws, seed }
    this.name = options.name ?? "gaussian-thompson"
    this.counts = new Float64Array(arms)
    this.sums = new Float64Array(arms)
    this.mean = new Float64Array(arms).fill(priorMean)
    this.sd = new Float64Array(arms).fill(priorSd)
  }

  probabilities(): Float64Array {
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
      for (let a = 0; a < this.nArms; a++) out[a] = this.mean[a] + this.sd[a] * fastNormal(rng)
    })
  }

  select(_context: unknown, rng: Rng): number {
    let best = 0
    let bestValue = -Infinity
    for (let a = 0; a < this.nArms; a++) {
      const v = this.mean[a] + this.sd[a] * fastNormal(rng)
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
    this.#draw = bestValue
    return best
  }

  /** Why `arm` was played: its draw of the last `select` against the posterior means m_a. */
  explain(arm: number): Explanation {
    return sampleExplanation(this.name, arm, this.#draw, this.mean)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    this.counts[arm]++
    this.sums[arm] += reward
    const { priorMean, priorSd, noiseSd } = this.config
    const precision = 1 / (priorSd * priorSd) + this.counts[arm] / (noiseSd * noiseSd)
    this.mean[arm] = (priorMean / (priorSd * priorSd) + this.sums[arm] / (noiseSd * noiseSd)) / precision
    this.sd[arm] = 1 / Math.sqrt(precision)
  }

  reset(): void {
    this.counts.fill(0)
    this.sums.fill(0)
    this.mean.fill(this.config.priorMean)
    this.sd.fill(this.config.priorSd)
  }
}

/** Registry entry of {@link GaussianThompson}. */
export const gaussianThompsonPolicy = definePolicy({
  type: "gaussian-thompson",
  description: "Thompson sampling for Gaussian rewards with known noise and a normal prior (Russo et al. 2018)",
  optionsSchema: gaussianThompsonOptions,
  savable: GaussianThompson,
  create: (options, setting) => new GaussianThompson({ ...options, arms: setting.arms, seed: setting.seed }),
})
