import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"

/** One recommended item with its score. */
export interface Ranked {
  item: number
  score: number
}

export interface RecommendOptions {
  /** Leave out the items the user interacted with in training (default true). */
  excludeSeen?: boolean
  /** Only rank these items (a candidate set). */
  candidates?: ArrayLike<number>
}

/**
 * The one interface for every recommender. `fit` learns from an interaction matrix and
 * returns `this`; `score` gives every item's score for a user (higher is better) without
 * changing the model; `recommend` returns the top k, ties broken by the smaller item index.
 * A user index never seen in training gets a documented fall-back (each model says which) or a
 * clear error, never NaN scores. `explain(user, item)` says why: the neighbours, features or latent
 * factors whose contributions make `score(user)[item]` (an unknown user's popularity fall-back included).
 */
export interface Recommender {
  readonly name: string
  fit(train: Interactions): this
  score(user: number): Float64Array
  recommend(user: number, k: number, options?: RecommendOptions): Ranked[]
  explain(user: number, item: number): Explanation
}
