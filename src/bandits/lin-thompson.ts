import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { FeatureContext } from "./feature-context"
import { fastNormal } from "../random/fast-random"
import { monteCarloProbabilities } from "./monte-carlo"
import { RidgeArms, featureOffset } from "./ridge-arms"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link LinThompson}. */
export const linThompsonOptions = defineOptions({
  v: { kind: "number", min: 0, default: 0.5, doc: "posterior scale v: θ̃_a ~ N(θ̂_a, v²·A_a⁻¹)" },
  lambda: { kind: "number", min: 0, open: "low", default: 1, doc: "ridge λ (A starts at λI)" },
  probabilityDraws: {
    kind: "number",
    integer: true,
    min: 1,
    default: 1000,
    doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
  },
})

/** Options of {@link LinThompson}. */
export interface LinThompsonOptions extends OptionsOf<typeof linThompsonOptions.fields> {
  arms: number
  /** Feature dimension d. */
  dimension: number
  seed?: number
  name?: string
}

/**
 * Linear Thompson sampling with disjoint per-arm models: θ̃_a ~ N(θ̂_a, v²A_a⁻¹), play argmax θ̃_aᵀx.
 * The draw is θ̂_a + v·L_a⁻ᵀz with z ~ N(0, I) and A_a = L_aL_aᵀ, whose Cholesky factor is kept
 * by rank-one updates (O(d²)), so a decision costs O(K·d²), never a d³ factorisation.
 * Source: Agrawal & Goyal (2013), "Thompson sampling for contextual bandits with linear payoffs",
 * ICML; rank-one Cholesky update: Golub & Van Loan, Matrix Computations, §6.5.4.
 * @example new LinThompson({ arms: 5, dimension: 3, v: 0.3 })
 */
export class LinThompson implements Policy<FeatureContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{
    arms: number
    dimension: number
    v: number
    lambda: number
    probabilityDraws: number
    seed: number
  }>
  readonly model: RidgeArms
  /** Lower Cholesky factors of A_a, row-major, arm a at offset a·d². */
  private readonly chol: Float64Array
  private readonly z: Float64Array
  private readonly work: Float64Array
  /** The winning draw of the last `select` (for `explain`; not state: never saved). */
  #draw = Number.NaN

  constructor(options: LinThompsonOptions) {
    const who = "LinThompson"
    const arms = checkArms(who, options.arms)
    const dimension = checkInteger(who, "dimension", options.dimension, 1)
    const { v, lambda, probabilityDraws } = checkOptions(who, linThompsonOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, dimension, v, lambda, probabilityDraws, seed }
    this.name = options.name ?? `lin-thompson-${v}`
    this.model = new RidgeArms(arms, dimension, lambda, { kernel: false })
    this.chol = new Float64Array(arms * dimension * dimension)
    this.z = new Float64Array(dimension)
    this.work = new Float64Array(dimension)
    this.reset()
  }

  /** One posterior draw of θ̃_aᵀx for arm a. */
  private sample(arm: number, x: Float64Array, offset: number, rng: Rng): number {
    const d = this.config.dimension
    const L = this.chol
    const base = arm * d * d
    const y = this.z
    for (let i = 0; i < d; i++) y[i] = fastNormal(rng)
    // Back substitution Lᵀy = z, in place: Cov(y) = (LLᵀ)⁻¹ = A⁻¹.
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i]
      for (let j = i + 1; j < d; j++) s -= L[base + j * d + i] * y[j]
      y[i] = s / L[base + i * d + i]
    }
    let noise = 0
    for (let i = 0; i < d; i++) noise += y[i] * x[offset + i]
    return this.model.mean(arm, x, offset) + this.config.v * noise
  }

  private draw(context: FeatureContext, rng: Rng, out: Float64Array): void {
    const d = this.config.dimension
    const shared = context.features.length === d
    if (!shared) featureOffset(this.name, context.features, 0, this.nArms, d)
    for (let a = 0; a < this.nArms; a++) out[a] = this.sample(a, context.features, shared ? 0 : a * d, rng)
  }

  probabilities(context: FeatureContext): Float64Array {
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) =>
      this.draw(context, rng, out),
    )
  }

  select(context: FeatureContext, rng: Rng): number {
    const d = this.config.dimension
    const x = context.features
    const shared = x.length === d
    if (!shared) featureOffset(this.name, x, 0, this.nArms, d)
    let best = 0
    let bestValue = -Infinity
    for (let a = 0; a < this.nArms; a++) {
      const v = this.sample(a, x, shared ? 0 : a * d, rng)
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
    this.#draw = bestValue
    return best
  }

  /** Why `arm` was played for `context`: its draw of the last `select` against the posterior means x·θ_a. */
  explain(arm: number, context: FeatureContext): Explanation {
    return sampleExplanation(this.name, arm, this.#draw, this.model.exactMeans(this.name, context.features), "x·θ")
  }

  update(arm: number, reward: number, context: FeatureContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const d = this.config.dimension
    const offset = featureOffset(this.name, context.features, arm, this.nArms, d)
    this.model.update(arm, context.features, offset, reward)
    // Rank-one Cholesky update L Lᵀ + x xᵀ (Golub & Van Loan §6.5.4).
    const L = this.chol
    const base = arm * d * d
    const w = this.work
    for (let i = 0; i < d; i++) w[i] = context.features[offset + i]
    for (let k = 0; k < d; k++) {
      const lkk = L[base + k * d + k]
      const r = Math.sqrt(lkk * lkk + w[k] * w[k])
      const c = r / lkk
      const s = w[k] / lkk
      L[base + k * d + k] = r
      for (let i = k + 1; i < d; i++) {
        const lik = (L[base + i * d + k] + s * w[i]) / c
        L[base + i * d + k] = lik
        w[i] = c * w[i] - s * lik
      }
    }
  }

  reset(): void {
    const d = this.config.dimension
    this.model.reset()
    this.chol.fill(0)
    const diag = Math.sqrt(this.config.lambda)
    for (let a = 0; a < this.nArms; a++) for (let i = 0; i < d; i++) this.chol[a * d * d + i * d + i] = diag
  }
}

/** Registry entry of {@link LinThompson} (needs context features). */
export const linThompsonPolicy = definePolicy({
  type: "lin-thompson",
  description:
    "linear Thompson sampling with disjoint per-arm ridge posteriors on the context features (Agrawal & Goyal 2013)",
  optionsSchema: linThompsonOptions,
  savable: LinThompson,
  create: (options, setting) =>
    new LinThompson({
      ...options,
      arms: setting.arms,
      dimension: setting.features(),
      seed: setting.seed,
    }) as Policy<unknown>,
})
