import { ndcgAtK, precisionAtK, recallAtK } from "../metrics/ranking"
import type { Interactions } from "../schema/interactions"
import type { RankingReport } from "./evaluate"
import type { Recommender } from "./recommender"
import { topK } from "./top-k"

/**
 * Top-k metrics restricted to sparse users: the users with `minInteractions` ≤ |I_train(u)| ≤
 * `maxInteractions` and at least one held-out item outside their training row, as `evaluateHoldout`
 * scores them, except that the model's scores are ranked with the ORIGINAL `train`'s items excluded —
 * so a model fitted on an augmented matrix may still recommend its pseudo-interactions, which are
 * guesses, not items the user has seen.
 * @example evaluateSparseUsers(new Bpr().fit(augmented), train, test, { maxInteractions: 3 })
 */
export function evaluateSparseUsers(
  model: Recommender,
  train: Interactions,
  test: Interactions,
  options: { maxInteractions: number; minInteractions?: number; k?: number },
): RankingReport {
  const k = options.k ?? 10
  const lo = options.minInteractions ?? 1
  const hi = options.maxInteractions
  if (!Number.isInteger(k) || k <= 0) throw new Error(`evaluateSparseUsers: k must be a positive integer, got ${k}`)
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo)
    throw new Error(`evaluateSparseUsers: need integers 0 <= minInteractions <= maxInteractions, got ${lo} and ${hi}`)
  if (test.nUsers !== train.nUsers || test.nItems !== train.nItems)
    throw new Error(
      `evaluateSparseUsers: train (${train.nUsers}×${train.nItems}) and test (${test.nUsers}×${test.nItems}) must have the same shape`,
    )
  const recommended = new Uint8Array(train.nItems)
  let users = 0
  let precision = 0
  let recall = 0
  let ndcg = 0
  for (let u = 0; u < test.nUsers; u++) {
    const n = train.indptr[u + 1] - train.indptr[u]
    if (n < lo || n > hi) continue
    const seen = new Set(train.items.subarray(train.indptr[u], train.indptr[u + 1]))
    const relevant = new Set<number>()
    for (let p = test.indptr[u]; p < test.indptr[u + 1]; p++) if (!seen.has(test.items[p])) relevant.add(test.items[p])
    if (relevant.size === 0) continue
    const list = topK(model.score(u), k, u, train).map((r) => r.item)
    for (const i of list) recommended[i] = 1
    precision += precisionAtK(list, relevant, k)
    recall += recallAtK(list, relevant, k)
    ndcg += ndcgAtK(list, relevant, k)
    users++
  }
  if (users === 0)
    throw new Error(`evaluateSparseUsers: no user with ${lo} to ${hi} training items has a held-out item`)
  let covered = 0
  for (let i = 0; i < recommended.length; i++) covered += recommended[i]
  return {
    name: model.name,
    k,
    users,
    precision: precision / users,
    recall: recall / users,
    ndcg: ndcg / users,
    coverage: covered / train.nItems,
  }
}
