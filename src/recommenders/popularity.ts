import { BaseRecommender } from "./base-recommender"
import { distinctUserCounts } from "./checks"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { popularityExplanation } from "./explanation"

/**
 * Most-popular baseline: score(i) = |{u : r_ui > 0}|, the number of distinct users who interacted
 * with item i; the same list for everyone (ties → smaller item index, through `topK`).
 * @example new Popularity().fit(train).recommend(0, 10)
 */
export class Popularity extends BaseRecommender {
  readonly name = "popularity"
  /** Distinct users per item, learned by `fit`. */
  counts_: Float64Array = new Float64Array(0)

  protected fitModel(train: Interactions): void {
    this.counts_ = distinctUserCounts(train)
  }

  protected scoreKnownUser(): Float64Array {
    return this.counts_.slice()
  }

  /** The item's count of distinct users. */
  protected explainKnownUser(_user: number, item: number): Explanation {
    return popularityExplanation(item, this.counts_[item])
  }
}
