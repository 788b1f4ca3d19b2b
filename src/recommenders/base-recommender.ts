import type { Rng } from "../random/rng"
import { checkTrainingData, checkUserIndex, distinctUserCounts } from "./checks"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { popularityExplanation } from "./explanation"
import type { Ranked, RecommendOptions, Recommender } from "./recommender"
import { topK } from "./top-k"

/**
 * What every recommender here shares: `fit` validates the data (non-empty, finite) and keeps it for
 * excluding seen items; `score` of a user index at or beyond the training users (a user never seen)
 * falls back to item popularity (distinct users per item), the documented fall-back of every model;
 * `recommend` returns the top k through `topK` — when k exceeds the number of rankable items it
 * returns all of them; `explain` of an unknown user explains that popularity.
 */
export abstract class BaseRecommender implements Recommender {
  abstract readonly name: string
  /** The training matrix of the last `fit`. */
  protected train_: Interactions | undefined
  private popularity_: Float64Array | undefined

  /** Learns from `train`; models that draw random numbers take them from `rng` (default: a generator from their `seed` option). */
  fit(train: Interactions, rng?: Rng): this {
    checkTrainingData(this.name, train)
    this.fitModel(train, rng)
    this.train_ = train
    this.popularity_ = distinctUserCounts(train)
    return this
  }

  score(user: number): Float64Array {
    const train = this.fitted()
    checkUserIndex(this.name, user)
    if (user >= train.nUsers) return (this.popularity_ as Float64Array).slice()
    return this.scoreKnownUser(user)
  }

  recommend(user: number, k: number, options?: RecommendOptions): Ranked[] {
    if (!Number.isInteger(k) || k <= 0)
      throw new Error(`${this.name}.recommend: k must be a positive integer, got ${k}`)
    return topK(this.score(user), k, user, this.train_, options)
  }

  /**
   * Why `item` scores `score(user)[item]` for `user`: the terms of the model's formula, largest first, and a
   * sentence (see {@link Explanation}); an unknown user gets the popularity explanation.
   * @throws for a user that is not a non-negative integer, or an item outside the catalogue
   */
  explain(user: number, item: number): Explanation {
    const train = this.fitted()
    checkUserIndex(this.name, user)
    if (!Number.isInteger(item) || item < 0 || item >= train.nItems)
      throw new Error(`${this.name}.explain: item must be an integer in [0, ${train.nItems}), got ${item}`)
    if (user >= train.nUsers) return this.explainUnknownUser(item)
    return this.explainKnownUser(user, item)
  }

  /** The explanation of an unknown user's fall-back score of `item` (popularity). */
  protected explainUnknownUser(item: number): Explanation {
    return popularityExplanation(item, (this.popularity_ as Float64Array)[item])
  }

  /** The training matrix; throws if `fit` has not been called. */
  protected fitted(): Interactions {
    if (!this.train_) throw new Error(`${this.name}: call fit(train) before score or recommend`)
    return this.train_
  }

  /** Learns from validated data; must reset every learned field so that refitting equals a fresh fit. */
  protected abstract fitModel(train: Interactions, rng?: Rng): void
  /** Scores of every item for a user seen in training. */
  protected abstract scoreKnownUser(user: number): Float64Array
  /** Why `item` scores what `scoreKnownUser(user)` gives it, for a user seen in training. */
  protected abstract explainKnownUser(user: number, item: number): Explanation
}
