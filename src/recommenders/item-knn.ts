import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import type { Contribution, Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation } from "./explanation"
import { transposeInteractions } from "../schema/interactions"
import type { Neighbours, Similarity } from "./neighbours"
import { nearestNeighbours } from "./neighbours"

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 20). */
  neighbours?: number
  /** "cosine" (default) or "pearson" on co-rated users. */
  similarity?: Similarity
  /** Shrinkage λ in s · n/(n + λ) (default 10). */
  shrinkage?: number
}

/**
 * Item-based collaborative filtering (Sarwar et al. 2001; Deshpande & Karypis 2004, top-N item kNN):
 * each item keeps its k most similar items N(j); a user's score for item i is
 * score(u, i) = Σ_{j ∈ I(u), i ∈ N(j)} s_ji · r_uj.
 * Unknown users get popularity. See `nearestNeighbours` for the similarities.
 * @example new ItemKnn({ neighbours: 20, shrinkage: 10 }).fit(train).recommend(3, 10)
 */
export class ItemKnn extends BaseRecommender {
  readonly name: string
  readonly config: Readonly<Required<ItemKnnOptions>>
  /** The item → item neighbour lists learned by `fit`. */
  neighbours_: Neighbours | undefined

  constructor(options: ItemKnnOptions = {}) {
    super()
    const similarity = options.similarity ?? "cosine"
    if (similarity !== "cosine" && similarity !== "pearson")
      throw new Error(`ItemKnn: similarity must be "cosine" or "pearson", got ${String(similarity)}`)
    this.config = {
      neighbours: checkInteger("ItemKnn", "neighbours", options.neighbours ?? 20, 1),
      similarity,
      shrinkage: checkNonNegative("ItemKnn", "shrinkage", options.shrinkage ?? 10),
    }
    this.name = `item-knn(${similarity})`
  }

  protected fitModel(train: Interactions): void {
    this.neighbours_ = nearestNeighbours(transposeInteractions(train), {
      k: this.config.neighbours,
      similarity: this.config.similarity,
      shrinkage: this.config.shrinkage,
    })
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    const nb = this.neighbours_ as Neighbours
    const scores = new Float64Array(train.nItems)
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) {
      const j = train.items[p]
      const r = train.values[p]
      for (let q = nb.indptr[j]; q < nb.indptr[j + 1]; q++) scores[nb.index[q]] += nb.weight[q] * r
    }
    return scores
  }

  /** One term s_ji · r_uj per item j of the user that has i among its neighbours. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const train = this.fitted()
    const nb = this.neighbours_ as Neighbours
    const terms: Contribution[] = []
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) {
      const j = train.items[p]
      const r = train.values[p]
      for (let q = nb.indptr[j]; q < nb.indptr[j + 1]; q++) {
        if (nb.index[q] !== item) continue
        terms.push({
          label: `#${j} (similarity ${formatValue(nb.weight[q])} × ${formatValue(r)})`,
          value: nb.weight[q] * r,
        })
      }
    }
    return additiveExplanation(
      item,
      this.scoreKnownUser(user)[item],
      terms,
      "Recommended because you interacted with",
      `Score 0: #${item} is not among the ${this.config.neighbours} nearest neighbours of any item you interacted with`,
    )
  }
}
