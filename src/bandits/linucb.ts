import type { Rng } from "../random/rng"
import type { ScoringPolicy } from "./scorer"
import type { Policy } from "./policy"
import type { FeatureContext } from "./feature-context"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { RidgeArms, featureOffset } from "./ridge-arms"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { indexExplanation } from "./explain-pick"

/** The options of {@link LinUcb}. */
export const linUcbOptions = defineOptions({
  alpha: { kind: "number", min: 0, default: 1, doc: "width α of the confidence bound θ_aᵀx + α·sqrt(xᵀA_a⁻¹x)" },
  lambda: { kind: "number", min: 0, open: "low", default: 1, doc: "ridge λ (A starts at λI)" },
})

/** Options of {@link LinUcb}. */
export interface LinUcbOptions extends OptionsOf<typeof linUcbOptions.fields> {
  arms: number
  /** Feature dimension d. */
  dimension: number
  name?: string
}

/**
 * LinUCB with disjoint linear models: for each arm, ridge estimate θ_a = A_a⁻¹ b_a and
 * index_a = θ_aᵀx + α·sqrt(xᵀA_a⁻¹x); play argmax (ties uniform). A_a⁻¹ is maintained by
 * Sherman–Morrison, so one decision costs O(K·d²) and one update O(d²).
 * Source: Li, Chu, Langford & Schapire (2010), "A contextual-bandit approach to personalized
 * news article recommendation", WWW, algorithm 1.
 * @example
 * const p = new LinUcb({ arms: 5, dimension: 3, alpha: 0.5 })
 * const x = { features: new Float64Array([1, 0.2, -0.3]) }
 * p.update(p.select(x, rng), 1, x)
 */
export class LinUcb implements ScoringPolicy<FeatureContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{ arms: number; dimension: number; alpha: number; lambda: number }>
  /** The ridge state (A⁻¹, b, θ per arm). */
  readonly model: RidgeArms
  private readonly buffer: Float64Array
  private readonly meanBuffer: Float64Array

  constructor(options: LinUcbOptions) {
    const arms = checkArms("LinUcb", options.arms)
    const dimension = checkInteger("LinUcb", "dimension", options.dimension, 1)
    const { alpha, lambda } = checkOptions("LinUcb", linUcbOptions, options)
    this.nArms = arms
    this.config = { arms, dimension, alpha, lambda }
    this.name = options.name ?? `linucb-${alpha}`
    this.model = new RidgeArms(arms, dimension, lambda)
    this.buffer = new Float64Array(arms)
    this.meanBuffer = new Float64Array(arms)
  }

  /**
   * Writes every arm's upper confidence bound for `context` into `out`. With shared features the
   * pair products of x are formed once, then the widths xᵀA_a⁻¹x (d(d+1)/2 multiply-adds per arm)
   * and the means θ_aᵀx (d per arm) are computed by the WebAssembly SIMD kernel of
   * {@link RidgeArms} (two multiply-adds per instruction, four arms at a time): O(K·d²/2) per
   * decision, nothing allocated; where no WebAssembly memory can be had the same arithmetic runs in
   * JavaScript (rates: bench/bandits.bench.js and docs/performance.md). Per-arm features use
   * the scalar forms, one arm at a time.
   */
  indices(context: FeatureContext, out: Float64Array): Float64Array {
    const x = context.features
    const d = this.config.dimension
    const alpha = this.config.alpha
    const model = this.model
    const K = this.nArms
    if (x.length === d) {
      model.setPairs(x, 0)
      model.pairQuadraticForms(out)
      const means = model.means(x, 0, this.meanBuffer)
      for (let a = 0; a < K; a++) {
        const width = out[a]
        out[a] = means[a] + alpha * Math.sqrt(width > 0 ? width : 0)
      }
      return out
    }
    featureOffset(this.name, x, 0, K, d)
    for (let a = 0; a < K; a++) {
      model.setPairs(x, a * d)
      const width = model.pairQuadraticForm(a)
      out[a] = model.mean(a, x, a * d) + alpha * Math.sqrt(width > 0 ? width : 0)
    }
    return out
  }

  /** The upper confidence bounds as slate scores (a `ScoringPolicy`). */
  scores(context: FeatureContext, _rng: Rng, out: Float64Array): Float64Array {
    return this.indices(context, out)
  }

  probabilities(context: FeatureContext): Float64Array {
    return addArgmaxMass(
      this.indices(context, new Float64Array(this.nArms)),
      this.nArms,
      1,
      new Float64Array(this.nArms),
    )
  }

  select(context: FeatureContext, rng: Rng): number {
    return argmaxRandomTie(this.indices(context, this.buffer), this.nArms, rng)
  }

  /**
   * Why `arm` was played for `context`: its bound is x·θ_a plus the width α·sqrt(xᵀA_a⁻¹x) (scalar
   * arithmetic, equal to {@link LinUcb.indices} up to the order of the additions); "exploit" when it also
   * has the best x·θ.
   */
  explain(arm: number, context: FeatureContext): Explanation {
    const x = context.features
    const d = this.config.dimension
    const shared = x.length === d
    const means = this.model.exactMeans(this.name, x)
    const width = this.model.quadraticForm(arm, x, shared ? 0 : arm * d)
    const index = means[arm] + this.config.alpha * Math.sqrt(width > 0 ? width : 0)
    return indexExplanation(this.name, arm, index, means, "x·θ")
  }

  update(arm: number, reward: number, context: FeatureContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const offset = featureOffset(this.name, context.features, arm, this.nArms, this.config.dimension)
    this.model.update(arm, context.features, offset, reward)
  }

  reset(): void {
    this.model.reset()
  }
}

/** Registry entry of {@link LinUcb} (needs context features). */
export const linUcbPolicy = definePolicy({
  type: "linucb",
  description: "LinUCB with disjoint per-arm ridge models on the context features (Li, Chu, Langford & Schapire 2010)",
  optionsSchema: linUcbOptions,
  savable: LinUcb,
  create: (options, setting) =>
    new LinUcb({ ...options, arms: setting.arms, dimension: setting.features() }) as Policy<unknown>,
})
