import { ndcgAtK, precisionAtK, recallAtK } from "../metrics/ranking"
import type { World } from "../world/world"
import type { Interactions } from "../schema/interactions"
import type { Recommender } from "./recommender"

/** Mean ranking metrics of a recommender over the evaluated users. */
export interface RankingReport {
  name: string
  k: number
  /** Users evaluated (those with at least one relevant item). */
  users: number
  precision: number
  recall: number
  ndcg: number
  /** Catalogue coverage: distinct items recommended to anyone / nItems. */
  coverage: number
}

/**
 * Evaluates top-k recommendations (seen training items excluded) against held-out interactions:
 * every user with at least one test item that is not in their training row is one query; the test
 * items are the relevant set. Metrics are `precisionAtK`, `recallAtK`, `ndcgAtK` (src/evaluation) averaged
 * over users, and catalogue coverage.
 * @example evaluateHoldout(new ImplicitAls().fit(train), train, test, 10)
 */
export function evaluateHoldout(model: Recommender, train: Interactions, test: Interactions, k = 10): RankingReport {
  if (!Number.isInteger(k) || k <= 0) throw new Error(`evaluateHoldout: k must be a positive integer, got ${k}`)
  if (test.nUsers !== train.nUsers || test.nItems !== train.nItems) {
    throw new Error(
      `evaluateHoldout: train (${train.nUsers}×${train.nItems}) and test (${test.nUsers}×${test.nItems}) must have the same shape`,
    )
  }
  const recommendedItems = new Uint8Array(train.nItems)
  let users = 0
  let precision = 0
  let recall = 0
  let ndcg = 0
  for (let u = 0; u < test.nUsers; u++) {
    const relevant = new Set<number>()
    const seen = new Set(train.items.subarray(train.indptr[u], train.indptr[u + 1]))
    for (let p = test.indptr[u]; p < test.indptr[u + 1]; p++) if (!seen.has(test.items[p])) relevant.add(test.items[p])
    if (relevant.size === 0) continue
    const list = model.recommend(u, k).map((r) => r.item)
    for (const i of list) recommendedItems[i] = 1
    precision += precisionAtK(list, relevant, k)
    recall += recallAtK(list, relevant, k)
    ndcg += ndcgAtK(list, relevant, k)
    users++
  }
  if (users === 0) throw new Error("evaluateHoldout: no user has a held-out item outside their training row")
  return {
    name: model.name,
    k,
    users,
    precision: precision / users,
    recall: recall / users,
    ndcg: ndcg / users,
    coverage: countOnes(recommendedItems) / train.nItems,
  }
}

/** Ranking quality against the world's ground truth rather than against logged behaviour. */
export interface InterestReport {
  name: string
  k: number
  users: number
  /** Share of recommended items whose category is among the user's true top-n categories. */
  topCategoryPrecision: number
  /** NDCG@k with graded gains = the user's true interest in the item's category (ideal: the k items of highest interest). */
  interestNdcg: number
  coverage: number
}

/**
 * Evaluates top-k recommendations against the simulator's ground truth at time `day`: the user's true
 * interest vector (`world.interestAt`) and true top categories (`world.trueTopCategories`). Every user
 * index below `users` (default: all) is evaluated; unknown users get each model's fall-back.
 * @example evaluateInterests(model, world, { k: 10, day: 30, topCategories: 2 })
 */
export function evaluateInterests(
  model: Recommender,
  world: Pick<World, "nUsers" | "nItems" | "nCategories" | "catalog" | "interestAt" | "trueTopCategories">,
  options: { k?: number; day: number; topCategories?: number; users?: number },
): InterestReport {
  const k = options.k ?? 10
  const nTop = options.topCategories ?? 2
  const nUsers = options.users ?? world.nUsers
  if (!Number.isInteger(k) || k <= 0) throw new Error(`evaluateInterests: k must be a positive integer, got ${k}`)
  if (!Number.isFinite(options.day))
    throw new Error(`evaluateInterests: day must be a finite number, got ${options.day}`)
  const category = world.catalog.category
  const interest = new Float64Array(world.nCategories)
  const gains = new Map<number, number>()
  const recommendedItems = new Uint8Array(world.nItems)
  let precision = 0
  let ndcg = 0
  for (let u = 0; u < nUsers; u++) {
    world.interestAt(u, options.day, interest)
    const top = new Set(world.trueTopCategories(u, nTop, options.day))
    gains.clear()
    for (let i = 0; i < world.nItems; i++) gains.set(i, interest[category[i]])
    const list = model.recommend(u, k, { excludeSeen: false }).map((r) => r.item)
    let hits = 0
    for (const i of list) {
      recommendedItems[i] = 1
      if (top.has(category[i])) hits++
    }
    precision += hits / k
    ndcg += ndcgAtK(list, gains, k)
  }
  return {
    name: model.name,
    k,
    users: nUsers,
    topCategoryPrecision: precision / nUsers,
    interestNdcg: ndcg / nUsers,
    coverage: countOnes(recommendedItems) / world.nItems,
  }
}

function countOnes(a: Uint8Array): number {
  let n = 0
  for (let i = 0; i < a.length; i++) n += a[i]
  return n
}
