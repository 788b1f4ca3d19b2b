import { ndcgAtK, precisionAtK, recallAtK } from "../metrics/ranking"
import type { World } from "../world/world"

/** One generated interest tag. */
export interface GeneratedTag {
  category: number
  en: string
  zh: string
  score: number
}

/** Category indices of `scores` (one row of C scores) in decreasing score, ties → smaller index. */
export function rankCategories(scores: ArrayLike<number>): number[] {
  for (let c = 0; c < scores.length; c++)
    if (!Number.isFinite(scores[c]))
      throw new Error(`rankCategories: scores[${c}] is ${scores[c]}; scores must be finite`)
  return Array.from({ length: scores.length }, (_, c) => c).sort((a, b) => scores[b] - scores[a] || a - b)
}

/**
 * The top `k` interest tags of one user's category scores, with the category names in English and Chinese.
 * @example rankInterestTags(scores.subarray(0, C), world.categories, 3) // [{ category: 2, en: "Shoes", zh: "鞋靴", score: 0.61 }, …]
 */
export function rankInterestTags(
  scores: ArrayLike<number>,
  categories: readonly { en: string; zh: string }[],
  k: number,
): GeneratedTag[] {
  if (scores.length !== categories.length)
    throw new Error(`rankInterestTags: ${scores.length} scores for ${categories.length} categories`)
  if (!Number.isInteger(k) || k < 1) throw new Error(`rankInterestTags: k must be a positive integer, got ${k}`)
  return rankCategories(scores)
    .slice(0, k)
    .map((c) => ({ category: c, en: categories[c].en, zh: categories[c].zh, score: scores[c] }))
}

/** Mean precision@k, recall@k and NDCG@k of generated tags against the true interests. */
export interface TagScores {
  precisionAtK: number
  recallAtK: number
  ndcgAtK: number
  users: number
}

/**
 * Scores tag rankings against the true interest sets: row r of `scores` (rows × C) ranks the
 * categories of user r, `relevant[r]` is the user's true top categories; P@k, R@k and NDCG@k
 * (binary relevance) from src/metrics/ranking, averaged over users. With |relevant| = k, P@k = R@k.
 * @example tagScores(model.predictScores(latest), trueInterestSets(world, latest.user, 3, day), 12, 3)
 */
export function tagScores(
  scores: ArrayLike<number>,
  relevant: readonly (readonly number[])[],
  nCategories: number,
  k: number,
): TagScores {
  const rows = relevant.length
  if (scores.length !== rows * nCategories)
    throw new Error(`tagScores: scores has ${scores.length} values, expected ${rows} users × ${nCategories} categories`)
  if (rows === 0) throw new Error("tagScores: no users")
  if (!Number.isInteger(k) || k < 1) throw new Error(`tagScores: k must be a positive integer, got ${k}`)
  let p = 0
  let r = 0
  let n = 0
  const row = new Float64Array(nCategories)
  for (let u = 0; u < rows; u++) {
    for (let c = 0; c < nCategories; c++) row[c] = scores[u * nCategories + c]
    const ranked = rankCategories(row)
    const truth = new Set(relevant[u])
    p += precisionAtK(ranked, truth, k)
    r += recallAtK(ranked, truth, k)
    n += ndcgAtK(ranked, truth, k)
  }
  return { precisionAtK: p / rows, recallAtK: r / rows, ndcgAtK: n / rows, users: rows }
}

/** Each user's true top-`n` categories at `day`: `world.trueTopCategories(user, n, day)` (the world's ground truth). */
export function trueInterestSets(world: World, users: ArrayLike<number>, n: number, day: number): number[][] {
  return Array.from(users, (u) => world.trueTopCategories(u, n, day))
}
