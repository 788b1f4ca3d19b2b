import type { Rng } from "../random/rng"
import { splitRng } from "../random/rng"
import { evaluateHoldout } from "../recommenders/evaluate"
import type { Interactions } from "../schema/interactions"
import { checkEpsilon } from "./parameters"
import { PrivateCategoryPopularity } from "./private-category-popularity"

/** Recommendation quality of the central-DP popularity-by-category recommender at one ε. */
export interface CentralPrivacyUtilityPoint {
  /** ε of the item-count release; Infinity for exact counts. */
  epsilon: number
  /** Mean over noise draws of recall@k against the held-out interactions. */
  recall: number
  /** Standard deviation of recall@k across noise draws (0 for ε = ∞). */
  recallSd: number
  ndcg: number
  ndcgSd: number
  /** Mean over draws of Σ_i |ñ_i − n_i| / Σ_i n_i: the released counts' relative L1 error against the exact (unclipped) counts. */
  countError: number
}

/** Input of `centralPrivacyUtilityCurve`. */
export interface CentralPrivacyUtilityInput {
  train: Interactions
  /** Held-out interactions (e.g. later purchases), same shape as train. */
  test: Interactions
  itemCategory: ArrayLike<number>
  nCategories: number
  epsilons: readonly number[]
  /** Items counted per user (Δ₁ of the release) [10]. */
  maxItemsPerUser?: number
  /** List length [10]. */
  k?: number
  /** Noise draws per ε [3]. */
  repeats?: number
}

/**
 * The privacy–utility curve of central DP: for each ε the item counts are released with the Laplace
 * mechanism (`privateItemCounts`) `repeats` times, `PrivateCategoryPopularity` ranks items for every user
 * from the release, and recall@k / NDCG@k are measured against held-out interactions with
 * `evaluateHoldout`. The first point is the non-private recommender (ε = ∞, exact counts). Contrast with
 * `privacyUtilityCurve` (local DP): here one Laplace draw of scale Δ₁/ε protects a whole population's
 * counts, so much smaller ε keep the quality.
 * @throws if an ε is invalid, repeats is not a positive integer, or the matrices disagree in shape
 * @example centralPrivacyUtilityCurve({ train, test, itemCategory: world.catalog.category, nCategories: world.nCategories, epsilons: [0.1, 1, 10] }, rng)
 */
export function centralPrivacyUtilityCurve(input: CentralPrivacyUtilityInput, rng: Rng): CentralPrivacyUtilityPoint[] {
  const repeats = input.repeats ?? 3
  const k = input.k ?? 10
  const maxItemsPerUser = input.maxItemsPerUser ?? 10
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new Error(`centralPrivacyUtilityCurve: repeats must be a positive integer, got ${repeats}`)
  input.epsilons.forEach((e) => checkEpsilon(e, "centralPrivacyUtilityCurve"))
  const base = { itemCategory: input.itemCategory, nCategories: input.nCategories, maxItemsPerUser }
  const exact = new PrivateCategoryPopularity(base).fit(input.train)
  const exactCounts = exact.releasedCounts_
  let totalCount = 0
  for (let i = 0; i < exactCounts.length; i++) totalCount += exactCounts[i]
  const evaluate = (epsilon: number, draws: number): CentralPrivacyUtilityPoint => {
    const recalls: number[] = []
    const ndcgs: number[] = []
    let countError = 0
    for (let r = 0; r < draws; r++) {
      const model =
        epsilon === Infinity
          ? exact
          : new PrivateCategoryPopularity({ ...base, epsilon }).fit(input.train, splitRng(rng))
      const report = evaluateHoldout(model, input.train, input.test, k)
      recalls.push(report.recall)
      ndcgs.push(report.ndcg)
      let l1 = 0
      for (let i = 0; i < exactCounts.length; i++) l1 += Math.abs(model.releasedCounts_[i] - exactCounts[i])
      countError += l1 / totalCount / draws
    }
    return { epsilon, recall: mean(recalls), recallSd: sd(recalls), ndcg: mean(ndcgs), ndcgSd: sd(ndcgs), countError }
  }
  return [evaluate(Infinity, 1), ...input.epsilons.map((e) => evaluate(e, repeats))]
}

function mean(v: readonly number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length
}

function sd(v: readonly number[]): number {
  if (v.length < 2) return 0
  const m = mean(v)
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1))
}
