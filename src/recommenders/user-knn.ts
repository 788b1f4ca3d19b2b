import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import type { Contribution, Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation } from "./explanation"
import type { Neighbours, Similarity } from "./neighbours"
import { nearestNeighbours } from "./neighbours"

export interface UserKnnOptions {
  /** Neighbours kept per user (default 30). */
  neighbours?: number
  /** "cosine" (default) or "pearson" on co-rated items. */
  similarity?: Similarity
  /** Shrinkage λ in s · n/(n + λ) (default 10). */
  shrinkage?: number
}

/**
 * User-based collaborative filtering (Resnick et al. 1994, GroupLens; Herlocker et al. 1999):
 * the k most similar users N(u) vote for their items, score(u, i) = Σ_{v ∈ N(u)} s_uv · r_vi.
 * `predictRating` gives the mean-centred rating prediction
 * r̂_ui = r̄_u + Σ_{v ∈ N(u), r_vi known} s_uv (r_vi − r̄_v) / Σ |s_uv|
 * (Desrosiers & Karypis 2011, eq. 4.6); it falls back to r̄_u when no neighbour rated i.
 * Unknown users get popularity. See `nearestNeighbours` for the similarities.
 * @example new UserKnn({ neighbours: 30, similarity: "pearson" }).fit(ratings).predictRating(0, 5)
 */
export class UserKnn extends BaseRecommender {
  readonly name: string
  readonly config: Readonly<Required<UserKnnOptions>>
  /** The user → user neighbour lists learned by `fit`. */
  neighbours_: Neighbours | undefined
  /** Each user's mean value over their interactions. */
  userMean_: Float64Array = new Float64Array(0)

  constructor(options: UserKnnOptions = {}) {
    super()
    const similarity = options.similarity ?? "cosine"
    if (similarity !== "cosine" && similarity !== "pearson")
      throw new Error(`UserKnn: similarity must be "cosine" or "pearson", got ${String(similarity)}`)
    this.config = {
      neighbours: checkInteger("UserKnn", "neighbours", options.neighbours ?? 30, 1),
      similarity,
      shrinkage: checkNonNegative("UserKnn", "shrinkage", options.shrinkage ?? 10),
    }
    this.name = `user-knn(${similarity})`
  }

  protected fitModel(train: Interactions): void {
    this.neighbours_ = nearestNeighbours(train, {
      k: this.config.neighbours,
      similarity: this.config.similarity,
      shrinkage: this.config.shrinkage,
    })
    const mean = new Float64Array(train.nUsers)
    for (let u = 0; u < train.nUsers; u++) {
      const start = train.indptr[u]
      const end = train.indptr[u + 1]
      let s = 0
      for (let p = start; p < end; p++) s += train.values[p]
      mean[u] = end > start ? s / (end - start) : 0
    }
    this.userMean_ = mean
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    const nb = this.neighbours_ as Neighbours
    const scores = new Float64Array(train.nItems)
    for (let q = nb.indptr[user]; q < nb.indptr[user + 1]; q++) {
      const v = nb.index[q]
      const s = nb.weight[q]
      for (let p = train.indptr[v]; p < train.indptr[v + 1]; p++) scores[train.items[p]] += s * train.values[p]
    }
    return scores
  }

  /** One term s_uv · r_vi per neighbour v who interacted with i. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const train = this.fitted()
    const nb = this.neighbours_ as Neighbours
    const terms: Contribution[] = []
    for (let q = nb.indptr[user]; q < nb.indptr[user + 1]; q++) {
      const v = nb.index[q]
      const r = valueAt(train, v, item)
      if (r === undefined) continue
      terms.push({
        label: `user ${v} (similarity ${formatValue(nb.weight[q])} × ${formatValue(r)})`,
        value: nb.weight[q] * r,
      })
    }
    return additiveExplanation(
      item,
      this.scoreKnownUser(user)[item],
      terms,
      "Recommended because users like you interacted with it:",
      `Score 0: none of your ${this.config.neighbours} nearest users interacted with #${item}`,
    )
  }

  /**
   * Mean-centred rating prediction for a known user (see the class comment).
   * @throws for a user or item outside the training matrix
   */
  predictRating(user: number, item: number): number {
    const train = this.fitted()
    if (!Number.isInteger(user) || user < 0 || user >= train.nUsers)
      throw new Error(`UserKnn.predictRating: user must be an integer in [0, ${train.nUsers}), got ${user}`)
    if (!Number.isInteger(item) || item < 0 || item >= train.nItems)
      throw new Error(`UserKnn.predictRating: item must be an integer in [0, ${train.nItems}), got ${item}`)
    const nb = this.neighbours_ as Neighbours
    let num = 0
    let den = 0
    for (let q = nb.indptr[user]; q < nb.indptr[user + 1]; q++) {
      const v = nb.index[q]
      const r = valueAt(train, v, item)
      if (r === undefined) continue
      num += nb.weight[q] * (r - this.userMean_[v])
      den += Math.abs(nb.weight[q])
    }
    return this.userMean_[user] + (den > 0 ? num / den : 0)
  }
}

/** r_ui if stored (binary search in the sorted row), else undefined. */
function valueAt(m: Interactions, user: number, item: number): number | undefined {
  let lo = m.indptr[user]
  let hi = m.indptr[user + 1] - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = m.items[mid]
    if (v === item) return m.values[mid]
    if (v < item) lo = mid + 1
    else hi = mid - 1
  }
  return undefined
}
