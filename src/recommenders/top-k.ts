import type { Interactions } from "../schema/interactions"
import type { Ranked, RecommendOptions } from "./recommender"

/** True when item a ranks below item b: a lower score, or an equal score and a larger index. */
function ranksBelow(scores: Float64Array, a: number, b: number): boolean {
  return scores[a] < scores[b] || (scores[a] === scores[b] && a > b)
}

/**
 * The k best items of `scores` (ties to the smaller index), skipping the user's training items
 * when `excludeSeen` (default) and restricted to `candidates` when given. A bounded heap keeps
 * the k best seen so far: O(n log k), without sorting the whole catalogue for every user.
 * @throws if k is not a positive integer, or a candidate's score is NaN
 * @example topK(Float64Array.from([0.1, 0.9, 0.5]), 2, 0, undefined) // items 1 then 2
 */
export function topK(
  scores: Float64Array,
  k: number,
  user: number,
  train: Interactions | undefined,
  options: RecommendOptions = {},
): Ranked[] {
  if (!Number.isInteger(k) || k <= 0) throw new Error(`recommend: k must be a positive integer, got ${k}`)
  const seenStart = (options.excludeSeen ?? true) && train && user >= 0 && user < train.nUsers ? train.indptr[user] : 0
  const seenEnd =
    seenStart > 0 || ((options.excludeSeen ?? true) && train && user >= 0 && user < train.nUsers)
      ? train!.indptr[user + 1]
      : 0
  let excluded: Uint8Array | undefined
  if (seenEnd > seenStart) {
    excluded = new Uint8Array(scores.length)
    for (let p = seenStart; p < seenEnd; p++) excluded[train!.items[p]] = 1
  }
  const candidates = options.candidates
  const n = candidates ? candidates.length : scores.length
  // heap[0] is the worst of the kept items (a min-heap in ranking order).
  const heap = new Int32Array(Math.min(k, n))
  let size = 0
  for (let j = 0; j < n; j++) {
    const i = candidates ? candidates[j] : j
    if (excluded?.[i]) continue
    if (Number.isNaN(scores[i])) throw new Error(`recommend: the score of item ${i} for user ${user} is NaN`)
    if (size < heap.length) {
      let c = size++
      heap[c] = i
      while (c > 0) {
        const parent = (c - 1) >> 1
        if (!ranksBelow(scores, heap[c], heap[parent])) break
        const t = heap[c]
        heap[c] = heap[parent]
        heap[parent] = t
        c = parent
      }
    } else if (size > 0 && ranksBelow(scores, heap[0], i)) {
      heap[0] = i
      let c = 0
      for (;;) {
        const l = 2 * c + 1
        const r = l + 1
        let worst = c
        if (l < size && ranksBelow(scores, heap[l], heap[worst])) worst = l
        if (r < size && ranksBelow(scores, heap[r], heap[worst])) worst = r
        if (worst === c) break
        const t = heap[c]
        heap[c] = heap[worst]
        heap[worst] = t
        c = worst
      }
    }
  }
  const best = Array.from(heap.subarray(0, size)).sort((a, b) => scores[b] - scores[a] || a - b)
  return best.map((item) => ({ item, score: scores[item] }))
}
