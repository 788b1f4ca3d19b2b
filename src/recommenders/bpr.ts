import { createRng, Xoshiro128 } from "../random/rng"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { uniformBprEpoch } from "./bpr-epoch"
import { biasedDotScores, randomFactors } from "./factors"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "./explanation"
import { checkNegativeOptions, type NegativeDistribution, TrainingNegatives } from "./training-negatives"

export { containsSorted } from "./training-negatives"

export interface BprOptions {
  /** Latent dimension f (default 32). */
  factors?: number
  /** SGD step size η (default 0.05). */
  learningRate?: number
  /** L2 penalty λ on factors and item biases (default 0.01). */
  regularization?: number
  /** Epochs; one epoch draws as many (u, i, j) triples as there are interactions (default 30). */
  epochs?: number
  /** Standard deviation of the N(0, sd²) initial factors (default 0.1, as in Rendle et al.). */
  initScale?: number
  /** Seed of the default generator (default 0); `fit(train, rng)` takes an Rng instead. */
  seed?: number
  /** Distribution of the negatives j (default "uniform", LearnBPR's; see {@link NegativeDistribution}). */
  negatives?: NegativeDistribution
  /** Popularity exponent β of `negatives: "popularity"` (default 0.75). */
  negativeExponent?: number
  /** Softmax temperature T of `negatives: "score"` (default 1). */
  negativeTemperature?: number
}

/**
 * Bayesian Personalised Ranking with matrix factorisation (Rendle, Freudenthaler, Gantner &
 * Schmidt-Thieme 2009, UAI, Algorithm 1 "LearnBPR"): draw a user u and one of their items i uniformly
 * among the interactions, a negative j uniformly among the items u did not interact with, and take an
 * SGD step on ln σ(x̂_uij) − λ‖Θ‖² where x̂_uij = b_i − b_j + w_u·(h_i − h_j).
 * `negatives` swaps the uniform negative for a popularity-weighted or a score-based (hard) one
 * ({@link TrainingNegatives}); the default draws exactly the random numbers it always drew.
 * `loss_` records the mean −ln σ(x̂_uij) of each epoch's draws (before their steps). Unknown users get popularity.
 * @example new Bpr({ factors: 32, epochs: 20 }).fit(train, createRng(3)).recommend(0, 10)
 */
export class Bpr extends BaseRecommender {
  readonly name = "bpr"
  readonly config: Readonly<Required<BprOptions>>
  userFactors_: Float64Array = new Float64Array(0)
  itemFactors_: Float64Array = new Float64Array(0)
  itemBias_: Float64Array = new Float64Array(0)
  loss_: number[] = []

  constructor(options: BprOptions = {}) {
    super()
    const who = "Bpr"
    this.config = {
      factors: checkInteger(who, "factors", options.factors ?? 32, 1),
      learningRate: checkNonNegative(who, "learningRate", options.learningRate ?? 0.05, true),
      regularization: checkNonNegative(who, "regularization", options.regularization ?? 0.01),
      epochs: checkInteger(who, "epochs", options.epochs ?? 30, 1),
      initScale: checkNonNegative(who, "initScale", options.initScale ?? 0.1, true),
      seed: checkInteger(who, "seed", options.seed ?? 0, 0),
      negatives: options.negatives ?? "uniform",
      negativeExponent: options.negativeExponent ?? 0.75,
      negativeTemperature: options.negativeTemperature ?? 1,
    }
    checkNegativeOptions(who, this.config.negatives, this.config.negativeExponent, this.config.negativeTemperature)
  }

  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { factors: f, learningRate: eta, regularization: lambda, epochs, initScale } = this.config
    const { nUsers, nItems, indptr, items } = train
    const w = randomFactors(rng, nUsers, f, initScale)
    const h = randomFactors(rng, nItems, f, initScale)
    const bias = new Float64Array(nItems)
    const nnz = items.length
    const userOf = new Int32Array(nnz)
    for (let u = 0; u < nUsers; u++) for (let p = indptr[u]; p < indptr[u + 1]; p++) userOf[p] = u
    const negatives = new TrainingNegatives(this.config.negatives, train, {
      exponent: this.config.negativeExponent,
      temperature: this.config.negativeTemperature,
    })
    this.loss_ = []
    // The default sampler on the default generator: the same epoch with everything in locals.
    const fast = this.config.negatives === "uniform" && rng instanceof Xoshiro128
    const state = new Int32Array(4)
    const sums = new Float64Array(3)
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (fast) {
        rng.saveState(state)
        uniformBprEpoch(state, train, userOf, w, h, bias, f, eta, lambda, sums)
        rng.loadState(state)
        this.loss_.push(sums[1] > 0 ? sums[0] / sums[1] : 0)
        continue
      }
      negatives.refreshScores(w, h, bias, f)
      let loss = 0
      let draws = 0
      for (let s = 0; s < nnz; s++) {
        const p = randomInt(rng, nnz)
        const u = userOf[p]
        if (!negatives.canDraw(u)) continue // every item the sampler can draw is one of u's positives
        const i = items[p]
        const j = negatives.draw(rng, u)
        const ru = u * f
        const ri = i * f
        const rj = j * f
        let x = bias[i] - bias[j]
        for (let k = 0; k < f; k++) x += w[ru + k] * (h[ri + k] - h[rj + k])
        // z = σ(−x) = ∂ ln σ(x) / ∂x; ln σ(x) computed stably as −softplus(−x).
        const z = 1 / (1 + Math.exp(x))
        loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x))
        draws++
        bias[i] += eta * (z - lambda * bias[i])
        bias[j] += eta * (-z - lambda * bias[j])
        for (let k = 0; k < f; k++) {
          const wu = w[ru + k]
          const hi = h[ri + k]
          const hj = h[rj + k]
          w[ru + k] += eta * (z * (hi - hj) - lambda * wu)
          h[ri + k] += eta * (z * wu - lambda * hi)
          h[rj + k] += eta * (-z * wu - lambda * hj)
        }
      }
      this.loss_.push(draws > 0 ? loss / draws : 0)
    }
    this.userFactors_ = w
    this.itemFactors_ = h
    this.itemBias_ = bias
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    return biasedDotScores(
      this.userFactors_,
      user,
      this.itemFactors_,
      this.itemBias_,
      train.nItems,
      this.config.factors,
    )
  }

  /** b_i and one product w_uk·h_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = [
      { label: `the item's bias (${formatValue(this.itemBias_[item])})`, value: this.itemBias_[item] },
      ...factorContributions(this.userFactors_, user, this.itemFactors_, item, this.config.factors),
    ]
    return additiveExplanation(item, this.scoreKnownUser(user)[item], terms, FACTOR_LEAD, "")
  }
}
