import type { Interactions } from "./interactions"
import type { Ranked, RecommendOptions } from "./recommender"

/**
 * The k best items of `scores` (ties to the smaller index), skipping the user's training items
 * when `excludeSeen` (default) and restricted to `candidates` when given.
 * @throws if k is not a positive integer
 */
export function topK(scores: Float64Array, k: number, user: number, train: Interactions | undefined, options: RecommendOptions = {}): Ranked[] {
  if (!Number.isInteger(k) || k <= 0) throw new Error(`recommend: k must be a positive integer, got ${k}`)
  const excluded = new Uint8Array(scores.length)
  if ((options.excludeSeen ?? true) && train && user >= 0 && user < train.nUsers) {
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) excluded[train.items[p]] = 1
  }
  let pool: ArrayLike<number>
  if (options.candidates) pool = options.candidates
  else {
    const all = new Int32Array(scores.length)
    for (let i = 0; i < all.length; i++) all[i] = i
    pool = all
  }
  // A bounded min-heap would be O(n log k); a partial selection over a filtered list is simpler and fast enough for catalogues of this lab's size.
  const items: number[] = []
  for (let j = 0; j < pool.length; j++) {
    const i = pool[j]
    if (!excluded[i]) {
      if (Number.isNaN(scores[i])) throw new Error(`recommend: the score of item ${i} for user ${user} is NaN`)
      items.push(i)
    }
  }
  items.sort((a, b) => scores[b] - scores[a] || a - b)
  return items.slice(0, k).map((item) => ({ item, score: scores[item] }))
}
