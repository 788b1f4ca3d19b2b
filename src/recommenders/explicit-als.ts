import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { choleskySolveInPlace } from "../linalg/cholesky"
import { dotScores, randomFactors } from "./factors"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "./explanation"
import { transposeInteractions } from "../schema/interactions"

export interface ExplicitAlsOptions {
  /** Latent dimension f (default 20). */
  factors?: number
  /** λ of the weighted-λ regularisation (default 0.05). */
  regularization?: number
  /** Full sweeps (users then items) (default 10). */
  iterations?: number
  /** Standard deviation of the N(0, sd²) initial factors (default 0.1). */
  initScale?: number
  /** Seed of the default generator (default 0); `fit(train, rng)` takes an Rng instead. */
  seed?: number
}

/**
 * ALS for explicit ratings with weighted-λ regularisation (ALS-WR: Zhou, Wilkinson, Schreiber & Pan 2008,
 * "Large-scale parallel collaborative filtering for the Netflix prize"): minimise
 * L = Σ_{(u,i) known} (r_ui − x_u·y_i)² + λ(Σ_u n_u‖x_u‖² + Σ_i n_i‖y_i‖²),
 * each row solved exactly from (Σ_{i∈I(u)} y_i y_iᵀ + λ n_u I) x_u = Σ_{i∈I(u)} r_ui y_i by Cholesky.
 * Each half-sweep minimises L exactly in one block, so `loss_` (L after each sweep) never increases.
 * Unknown users get popularity.
 * @example new ExplicitAls({ factors: 10 }).fit(ratings, createRng(1)).predict(0, 4)
 */
export class ExplicitAls extends BaseRecommender {
  readonly name = "explicit-als"
  readonly config: Readonly<Required<ExplicitAlsOptions>>
  userFactors_: Float64Array = new Float64Array(0)
  itemFactors_: Float64Array = new Float64Array(0)
  loss_: number[] = []

  constructor(options: ExplicitAlsOptions = {}) {
    super()
    const who = "ExplicitAls"
    this.config = {
      factors: checkInteger(who, "factors", options.factors ?? 20, 1),
      regularization: checkNonNegative(who, "regularization", options.regularization ?? 0.05, true),
      iterations: checkInteger(who, "iterations", options.iterations ?? 10, 1),
      initScale: checkNonNegative(who, "initScale", options.initScale ?? 0.1, true),
      seed: checkInteger(who, "seed", options.seed ?? 0, 0),
    }
  }

  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { factors: f, iterations, initScale } = this.config
    const byItem = transposeInteractions(train)
    const x = randomFactors(rng, train.nUsers, f, initScale)
    const y = randomFactors(rng, train.nItems, f, initScale)
    const a = new Float64Array(f * f)
    const b = new Float64Array(f)
    this.loss_ = []
    for (let it = 0; it < iterations; it++) {
      this.sweep(train, x, y, a, b)
      this.sweep(byItem, y, x, a, b)
      this.loss_.push(this.loss(train, x, y))
    }
    this.userFactors_ = x
    this.itemFactors_ = y
  }

  /** r̂_ui = x_u·y_i for a known user and item. */
  predict(user: number, item: number): number {
    const train = this.fitted()
    if (!Number.isInteger(user) || user < 0 || user >= train.nUsers)
      throw new Error(`ExplicitAls.predict: user must be an integer in [0, ${train.nUsers}), got ${user}`)
    if (!Number.isInteger(item) || item < 0 || item >= train.nItems)
      throw new Error(`ExplicitAls.predict: item must be an integer in [0, ${train.nItems}), got ${item}`)
    const f = this.config.factors
    let s = 0
    for (let k = 0; k < f; k++) s += this.userFactors_[user * f + k] * this.itemFactors_[item * f + k]
    return s
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    return dotScores(this.userFactors_, user, this.itemFactors_, train.nItems, this.config.factors)
  }

  /** One product x_uk·y_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = factorContributions(this.userFactors_, user, this.itemFactors_, item, this.config.factors)
    return additiveExplanation(item, this.scoreKnownUser(user)[item], terms, FACTOR_LEAD, "")
  }

  private sweep(m: Interactions, x: Float64Array, y: Float64Array, a: Float64Array, b: Float64Array): void {
    const f = this.config.factors
    const lambda = this.config.regularization
    for (let u = 0; u < m.nUsers; u++) {
      const start = m.indptr[u]
      const end = m.indptr[u + 1]
      const ru = u * f
      if (end === start) {
        // No ratings: the penalty λ·0·‖x‖² leaves x free; 0 is its minimum-norm choice.
        for (let k = 0; k < f; k++) x[ru + k] = 0
        continue
      }
      a.fill(0)
      b.fill(0)
      for (let p = start; p < end; p++) {
        const ri = m.items[p] * f
        const r = m.values[p]
        for (let k = 0; k < f; k++) {
          const yk = y[ri + k]
          b[k] += r * yk
          for (let l = 0; l <= k; l++) a[k * f + l] += yk * y[ri + l]
        }
      }
      const ridge = lambda * (end - start)
      for (let k = 0; k < f; k++) {
        a[k * f + k] += ridge
        for (let l = 0; l < k; l++) a[l * f + k] = a[k * f + l]
      }
      choleskySolveInPlace(a, b, f)
      for (let k = 0; k < f; k++) x[ru + k] = b[k]
    }
  }

  private loss(m: Interactions, x: Float64Array, y: Float64Array): number {
    const f = this.config.factors
    const lambda = this.config.regularization
    const itemCount = new Float64Array(m.nItems)
    let total = 0
    for (let u = 0; u < m.nUsers; u++) {
      const ru = u * f
      const nu = m.indptr[u + 1] - m.indptr[u]
      let norm = 0
      for (let k = 0; k < f; k++) norm += x[ru + k] * x[ru + k]
      total += lambda * nu * norm
      for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) {
        const ri = m.items[p] * f
        itemCount[m.items[p]]++
        let s = 0
        for (let k = 0; k < f; k++) s += x[ru + k] * y[ri + k]
        total += (m.values[p] - s) ** 2
      }
    }
    for (let i = 0; i < m.nItems; i++) {
      let norm = 0
      for (let k = 0; k < f; k++) norm += y[i * f + k] * y[i * f + k]
      total += lambda * itemCount[i] * norm
    }
    return total
  }
}
