import type { Rng } from "../random/rng"
import { createRng } from "../random/rng"
import { BaseRecommender } from "../recommenders/base-recommender"
import { distinctUserCounts } from "../recommenders/checks"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { popularityExplanation } from "../recommenders/explanation"
import { checkEpsilon } from "./parameters"
import { privateItemCounts } from "./private-item-counts"

/** Options of `PrivateCategoryPopularity`. */
export interface PrivateCategoryPopularityOptions {
  /** Category of every item. */
  itemCategory: ArrayLike<number>
  nCategories: number
  /** ε of the central item-count release; absent: exact counts (no privacy, the ε = ∞ reference). */
  epsilon?: number
  /** Items counted per user in the release (Δ₁) [10]. */
  maxItemsPerUser?: number
  /** Additive smoothing β of the user's category shares [1]. */
  smoothing?: number
  /** Seed of the default generator when `fit` gets no Rng [0]. */
  seed?: number
}

/**
 * Popularity by category with a central-DP release: the server publishes item popularity with the
 * Laplace mechanism (`privateItemCounts`, ε-DP per user); each user's device ranks items by
 * P(i | u) = P(c_i | u) · P(i | c_i) with
 *   P(c | u) = (n_uc + β) / (n_u + β·C)    (the user's own items per category: never leaves the device),
 *   P(i | c) = max(ñ_i, 0) / Σ_{j∈c} max(ñ_j, 0)   (ñ the released counts; clamping is post-processing),
 * uniform within a category whose released counts are all ≤ 0. Because only ñ is computed from other
 * users' data, every user's list is ε-DP with respect to everybody else (joint differential privacy).
 * Unknown users get the released global popularity (not the exact one BaseRecommender would use).
 * @example new PrivateCategoryPopularity({ itemCategory: world.catalog.category, nCategories: world.nCategories, epsilon: 1 }).fit(train, rng)
 */
export class PrivateCategoryPopularity extends BaseRecommender {
  readonly name: string
  readonly config: Readonly<{
    itemCategory: ArrayLike<number>
    nCategories: number
    epsilon?: number
    maxItemsPerUser: number
    smoothing: number
    seed: number
  }>
  /** The released (noisy) item counts; the exact ones when no ε is given. */
  releasedCounts_: Float64Array = new Float64Array(0)
  /** P(i | c_i) for every item. */
  withinCategory_: Float64Array = new Float64Array(0)

  constructor(options: PrivateCategoryPopularityOptions) {
    super()
    const who = "PrivateCategoryPopularity"
    if (options.epsilon !== undefined) checkEpsilon(options.epsilon, who)
    const m = options.maxItemsPerUser ?? 10
    if (!Number.isInteger(m) || m < 1) throw new Error(`${who}: maxItemsPerUser must be a positive integer, got ${m}`)
    const beta = options.smoothing ?? 1
    if (!(Number.isFinite(beta) && beta > 0))
      throw new Error(`${who}: smoothing must be a finite number > 0, got ${beta}`)
    const nc = options.nCategories
    if (!Number.isInteger(nc) || nc < 1) throw new Error(`${who}: nCategories must be a positive integer, got ${nc}`)
    for (let i = 0; i < options.itemCategory.length; i++) {
      const c = options.itemCategory[i]
      if (!(Number.isInteger(c) && c >= 0 && c < nc))
        throw new Error(`${who}: itemCategory[${i}] must be an integer in [0, ${nc}), got ${c}`)
    }
    const seed = options.seed ?? 0
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`${who}: seed must be a non-negative integer, got ${seed}`)
    this.config = {
      itemCategory: options.itemCategory,
      nCategories: nc,
      epsilon: options.epsilon,
      maxItemsPerUser: m,
      smoothing: beta,
      seed,
    }
    this.name = options.epsilon === undefined ? "category-popularity" : `category-popularity (ε = ${options.epsilon})`
  }

  /** The Laplace noise comes from `rng` (default `createRng(config.seed)`). */
  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { itemCategory, nCategories, epsilon, maxItemsPerUser } = this.config
    if (itemCategory.length !== train.nItems) {
      throw new Error(
        `PrivateCategoryPopularity.fit: itemCategory has ${itemCategory.length} entries for ${train.nItems} items`,
      )
    }
    const released =
      epsilon === undefined
        ? distinctUserCounts(train)
        : privateItemCounts(train, { epsilon, maxItemsPerUser }, rng).counts
    const total = new Float64Array(nCategories)
    const size = new Float64Array(nCategories)
    for (let i = 0; i < train.nItems; i++) {
      total[itemCategory[i]] += Math.max(released[i], 0)
      size[itemCategory[i]]++
    }
    const within = new Float64Array(train.nItems)
    for (let i = 0; i < train.nItems; i++) {
      const c = itemCategory[i]
      within[i] = total[c] > 0 ? Math.max(released[i], 0) / total[c] : 1 / size[c]
    }
    this.releasedCounts_ = released
    this.withinCategory_ = within
  }

  override score(user: number): Float64Array {
    const train = this.fitted()
    if (Number.isInteger(user) && user >= train.nUsers) return this.releasedCounts_.map((v) => Math.max(v, 0))
    return super.score(user)
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    const { itemCategory, nCategories, smoothing } = this.config
    const share = new Float64Array(nCategories).fill(smoothing)
    const start = train.indptr[user]
    const end = train.indptr[user + 1]
    for (let p = start; p < end; p++) share[itemCategory[train.items[p]]]++
    const norm = end - start + smoothing * nCategories
    const out = new Float64Array(train.nItems)
    for (let i = 0; i < train.nItems; i++) out[i] = (share[itemCategory[i]] / norm) * this.withinCategory_[i]
    return out
  }

  /** The released popularity (what `score` gives an unknown user). */
  protected override explainUnknownUser(item: number): Explanation {
    return popularityExplanation(item, Math.max(this.releasedCounts_[item], 0), "users (released count)")
  }

  /** The product P(c_i | u) · P(i | c_i). */
  protected explainKnownUser(user: number, item: number): Explanation {
    const train = this.fitted()
    const { itemCategory, nCategories, smoothing } = this.config
    const c = itemCategory[item]
    let inCategory = 0
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++)
      if (itemCategory[train.items[p]] === c) inCategory++
    const categoryShare =
      (inCategory + smoothing) / (train.indptr[user + 1] - train.indptr[user] + smoothing * nCategories)
    const within = this.withinCategory_[item]
    return {
      item,
      score: this.scoreKnownUser(user)[item],
      kind: "score",
      combine: "product",
      contributions: [
        { label: `your share of category ${c} (${inCategory} of your items)`, value: categoryShare },
        { label: `#${item}'s share of category ${c}'s released popularity`, value: within },
      ],
      text: `Recommended because category ${c} holds ${formatValue(100 * categoryShare)}% of your interest and #${item} has ${formatValue(100 * within)}% of that category's popularity`,
    }
  }
}
