import type { Rng } from "../random/rng"
import type { Interactions } from "../schema/interactions"
import { interactionsFromTriples } from "../schema/interactions"

/** A train/test split of one interaction matrix (same users and items). */
export interface Split {
  train: Interactions
  test: Interactions
}

/**
 * Per-user random hold-out: each user with at least `minTrain + 1` interactions moves each of them to the
 * test matrix with probability `fraction`, keeping at least `minTrain` in training (the usual
 * "leave some out per user" protocol). Users with fewer interactions stay entirely in training.
 * @example const { train, test } = holdoutSplit(all, 0.2, createRng(1))
 */
export function holdoutSplit(all: Interactions, fraction: number, rng: Rng, minTrain = 1): Split {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`holdoutSplit: fraction must be in (0, 1), got ${fraction}`)
  if (!Number.isInteger(minTrain) || minTrain < 0)
    throw new Error(`holdoutSplit: minTrain must be a non-negative integer, got ${minTrain}`)
  const tr: [number[], number[], number[]] = [[], [], []]
  const te: [number[], number[], number[]] = [[], [], []]
  for (let u = 0; u < all.nUsers; u++) {
    const start = all.indptr[u]
    const end = all.indptr[u + 1]
    const n = end - start
    let kept = 0
    for (let p = start; p < end; p++) {
      const remaining = end - p
      const mustKeep = kept + remaining <= minTrain
      const toTest = n > minTrain && !mustKeep && rng.next() < fraction
      const dst = toTest ? te : tr
      dst[0].push(u)
      dst[1].push(all.items[p])
      dst[2].push(all.values[p])
      if (!toTest) kept++
    }
  }
  return {
    train: interactionsFromTriples(all.nUsers, all.nItems, tr[0], tr[1], tr[2]),
    test: interactionsFromTriples(all.nUsers, all.nItems, te[0], te[1], te[2]),
  }
}
