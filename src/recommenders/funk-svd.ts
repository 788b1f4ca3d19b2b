import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { randomFactors } from "./factors"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, factorContributions } from "./explanation"

export interface FunkSvdOptions {
  /** Latent dimension f (default 50). */
  factors?: number
  /** Epochs over all ratings, each in a fresh random order (default 20). */
  epochs?: number
  /** SGD step size γ (default 0.005, as in Surprise's SVD). */
  learningRate?: number
  /** L2 penalty λ on biases and factors (default 0.02). */
  regularization?: number
  /** Standard deviation of the N(0, sd²) initial factors (default 0.1). */
  initScale?: number
  /** Seed of the default generator (default 0); `fit(train, rng)` takes an Rng instead. */
  seed?: number
}

/**
 * Biased matrix factorisation by SGD ("Funk-SVD": S. Funk 2006; Koren, Bell & Volinsky 2009,
 * "Matrix factorization techniques for recommender systems", eq. 5):
 * r̂_ui = μ + b_u + b_i + p_u·q_i, minimising Σ_{(u,i) known} (r_ui − r̂_ui)² + λ(b_u² + b_i² + ‖p_u‖² + ‖q_i‖²)
 * with e = r_ui − r̂_ui and the steps b_u += γ(e − λ b_u), b_i += γ(e − λ b_i),
 * p_u += γ(e q_i − λ p_u), q_i += γ(e p_u − λ q_i) (the update order of Surprise's SVD).
 * Note this is not the SVD of linear algebra (seed 002 §4.3 writes "R_ui = σ_j v_ij"): only known ratings
 * enter the loss. The values of the interaction matrix are the ratings; `rmse_` is the training RMSE
 * during each epoch. Unknown users get popularity (not a rating: use `predict` for ratings).
 * @example new FunkSvd({ factors: 20, epochs: 20 }).fit(ratings, createRng(1)).predict(0, 3)
 */
export class FunkSvd extends BaseRecommender {
  readonly name = "funk-svd"
  readonly config: Readonly<Required<FunkSvdOptions>>
  globalMean_ = 0
  userBias_: Float64Array = new Float64Array(0)
  itemBias_: Float64Array = new Float64Array(0)
  userFactors_: Float64Array = new Float64Array(0)
  itemFactors_: Float64Array = new Float64Array(0)
  /** Training RMSE accumulated over each epoch's steps. */
  rmse_: number[] = []

  constructor(options: FunkSvdOptions = {}) {
    super()
    const who = "FunkSvd"
    this.config = {
      factors: checkInteger(who, "factors", options.factors ?? 50, 1),
      epochs: checkInteger(who, "epochs", options.epochs ?? 20, 1),
      learningRate: checkNonNegative(who, "learningRate", options.learningRate ?? 0.005, true),
      regularization: checkNonNegative(who, "regularization", options.regularization ?? 0.02),
      initScale: checkNonNegative(who, "initScale", options.initScale ?? 0.1),
      seed: checkInteger(who, "seed", options.seed ?? 0, 0),
    }
  }

  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { factors: f, epochs, learningRate: gamma, regularization: lambda, initScale } = this.config
    const { nUsers, nItems, indptr, items, values } = train
    const nnz = items.length
    const userOf = new Int32Array(nnz)
    let sum = 0
    for (let u = 0; u < nUsers; u++) {
      for (let p = indptr[u]; p < indptr[u + 1]; p++) {
        userOf[p] = u
        sum += values[p]
      }
    }
    const mu = sum / nnz
    const bu = new Float64Array(nUsers)
    const bi = new Float64Array(nItems)
    const pu = initScale > 0 ? randomFactors(rng, nUsers, f, initScale) : new Float64Array(nUsers * f)
    const qi = initScale > 0 ? randomFactors(rng, nItems, f, initScale) : new Float64Array(nItems * f)
    const order = new Int32Array(nnz)
    for (let p = 0; p < nnz; p++) order[p] = p
    this.rmse_ = []
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(rng, order)
      let squared = 0
      for (let s = 0; s < nnz; s++) {
        const p = order[s]
        const u = userOf[p]
        const i = items[p]
        const ru = u * f
        const ri = i * f
        let dot = 0
        for (let k = 0; k < f; k++) dot += pu[ru + k] * qi[ri + k]
        const e = values[p] - (mu + bu[u] + bi[i] + dot)
        squared += e * e
        bu[u] += gamma * (e - lambda * bu[u])
        bi[i] += gamma * (e - lambda * bi[i])
        for (let k = 0; k < f; k++) {
          const a = pu[ru + k]
          const b = qi[ri + k]
          pu[ru + k] = a + gamma * (e * b - lambda * a)
          qi[ri + k] = b + gamma * (e * a - lambda * b)
        }
      }
      this.rmse_.push(Math.sqrt(squared / nnz))
    }
    this.globalMean_ = mu
    this.userBias_ = bu
    this.itemBias_ = bi
    this.userFactors_ = pu
    this.itemFactors_ = qi
  }

  /**
   * The predicted rating r̂_ui; for a user or item never seen in training the missing terms are 0
   * (an unknown user gets μ + b_i, an unknown item μ + b_u), the usual fall-back of biased MF.
   */
  predict(user: number, item: number): number {
    const train = this.fitted()
    if (!Number.isInteger(user) || user < 0)
      throw new Error(`FunkSvd.predict: user must be a non-negative integer, got ${user}`)
    if (!Number.isInteger(item) || item < 0)
      throw new Error(`FunkSvd.predict: item must be a non-negative integer, got ${item}`)
    const f = this.config.factors
    const knownUser = user < train.nUsers
    const knownItem = item < train.nItems
    let r = this.globalMean_ + (knownUser ? this.userBias_[user] : 0) + (knownItem ? this.itemBias_[item] : 0)
    if (knownUser && knownItem)
      for (let k = 0; k < f; k++) r += this.userFactors_[user * f + k] * this.itemFactors_[item * f + k]
    return r
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    const out = new Float64Array(train.nItems)
    for (let i = 0; i < train.nItems; i++) out[i] = this.predict(user, i)
    return out
  }

  /** μ + b_u + b_i and one product p_uk·q_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = [
      { label: `the mean rating (${formatValue(this.globalMean_)})`, value: this.globalMean_ },
      { label: `your bias (${formatValue(this.userBias_[user])})`, value: this.userBias_[user] },
      { label: `the item's bias (${formatValue(this.itemBias_[item])})`, value: this.itemBias_[item] },
      ...factorContributions(this.userFactors_, user, this.itemFactors_, item, this.config.factors),
    ]
    return additiveExplanation(item, this.predict(user, item), terms, "Predicted rating from", "")
  }
}
