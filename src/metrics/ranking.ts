/**
 * Top-k ranking metrics for one query (one user's recommendation list against the items that
 * user found relevant). Conventions follow Microsoft Recommenders' `python_evaluation.py` and
 * ml_metrics' `apk`: `recommended` is ranked best first, items are integer ids, and only the
 * first `k` recommended items count. Aggregates over queries (`mapAtK`, `mrr`, `hitRateAtK`)
 * are plain means.
 */

/** One query: a ranked list (best first) and the set of relevant items. */
export interface RankingQuery {
  readonly recommended: ArrayLike<number>
  readonly relevant: ReadonlySet<number>
}

function checkK(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`${fn}: k must be a positive integer, got ${k}`)
}

function checkRelevant(fn: string, relevant: ReadonlySet<number> | ReadonlyMap<number, number>): void {
  if (relevant.size === 0)
    throw new Error(`${fn}: relevant must hold at least one item (the metric is undefined for a query with none)`)
}

function hitsAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const m = Math.min(k, recommended.length)
  let hits = 0
  for (let i = 0; i < m; i++) if (relevant.has(recommended[i])) hits++
  return hits
}

/**
 * precision@k = |top-k ∩ relevant| / k (the denominator is k even when the list is shorter,
 * as in Recommenders and scikit-learn's `top_k` conventions).
 * @example precisionAtK([3, 1, 7], new Set([1, 2]), 2) // 0.5
 */
export function precisionAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK("precisionAtK", k)
  return hitsAtK(recommended, relevant, k) / k
}

/**
 * recall@k = |top-k ∩ relevant| / |relevant|.
 * @throws when `relevant` is empty (recall is undefined)
 * @example recallAtK([3, 1, 7], new Set([1, 2]), 2) // 0.5
 */
export function recallAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK("recallAtK", k)
  checkRelevant("recallAtK", relevant)
  return hitsAtK(recommended, relevant, k) / relevant.size
}

/**
 * NDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{i<k} gain(item_i) / log2(i + 2) (linear gains, as
 * scikit-learn's `ndcg_score`). `relevant` is a set (gain 1) or a map item → gain ≥ 0 (graded);
 * IDCG sorts the gains in decreasing order.
 * @throws when no relevant item has a positive gain
 * @example ndcgAtK([3, 1, 7], new Set([1]), 3) // 1 / log2(3) ≈ 0.6309
 */
export function ndcgAtK(
  recommended: ArrayLike<number>,
  relevant: ReadonlySet<number> | ReadonlyMap<number, number>,
  k: number,
): number {
  checkK("ndcgAtK", k)
  checkRelevant("ndcgAtK", relevant)
  const gain = (item: number): number =>
    relevant instanceof Map ? (relevant.get(item) ?? 0) : relevant.has(item) ? 1 : 0
  let dcg = 0
  const m = Math.min(k, recommended.length)
  for (let i = 0; i < m; i++) dcg += gain(recommended[i]) / Math.log2(i + 2)
  const ideal = relevant instanceof Map ? [...relevant.values()] : new Array<number>(relevant.size).fill(1)
  for (const g of ideal) if (!(g >= 0)) throw new Error(`ndcgAtK: gains must be >= 0, got ${g}`)
  ideal.sort((a, b) => b - a)
  let idcg = 0
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i] / Math.log2(i + 2)
  if (idcg === 0) throw new Error("ndcgAtK: every relevant gain is 0, so NDCG is undefined")
  return dcg / idcg
}

/**
 * AP@k = (1 / min(k, |relevant|)) Σ_{i<k} precision@(i+1) · 1[item_i relevant]
 * (ml_metrics `apk`, Recommenders `map_at_k`).
 * @example averagePrecisionAtK([1, 3, 2], new Set([1, 2]), 3) // (1/1 + 2/3) / 2 ≈ 0.8333
 */
export function averagePrecisionAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK("averagePrecisionAtK", k)
  checkRelevant("averagePrecisionAtK", relevant)
  const m = Math.min(k, recommended.length)
  let hits = 0
  let sum = 0
  for (let i = 0; i < m; i++) {
    if (relevant.has(recommended[i])) {
      hits++
      sum += hits / (i + 1)
    }
  }
  return sum / Math.min(k, relevant.size)
}

/**
 * Reciprocal rank: 1 / (1-based rank of the first relevant item), 0 when none is recommended.
 * @example reciprocalRank([5, 4, 1], new Set([1])) // 1/3
 */
export function reciprocalRank(recommended: ArrayLike<number>, relevant: ReadonlySet<number>): number {
  for (let i = 0; i < recommended.length; i++) if (relevant.has(recommended[i])) return 1 / (i + 1)
  return 0
}

function meanOver(fn: string, queries: readonly RankingQuery[], metric: (q: RankingQuery) => number): number {
  if (queries.length === 0) throw new Error(`${fn}: queries must not be empty`)
  let sum = 0
  for (const q of queries) sum += metric(q)
  return sum / queries.length
}

/**
 * MAP@k: the mean over queries of `averagePrecisionAtK`.
 * @example mapAtK([{ recommended: [1, 3], relevant: new Set([1]) }, { recommended: [2, 1], relevant: new Set([1]) }], 2) // 0.75
 */
export function mapAtK(queries: readonly RankingQuery[], k: number): number {
  return meanOver("mapAtK", queries, (q) => averagePrecisionAtK(q.recommended, q.relevant, k))
}

/**
 * MRR: the mean over queries of `reciprocalRank` (over the whole list).
 * @example mrr([{ recommended: [1, 3], relevant: new Set([3]) }]) // 0.5
 */
export function mrr(queries: readonly RankingQuery[]): number {
  return meanOver("mrr", queries, (q) => reciprocalRank(q.recommended, q.relevant))
}

/**
 * Hit rate@k: the share of queries with at least one relevant item in the top k.
 * @example hitRateAtK([{ recommended: [1, 3], relevant: new Set([3]) }, { recommended: [2], relevant: new Set([5]) }], 2) // 0.5
 */
export function hitRateAtK(queries: readonly RankingQuery[], k: number): number {
  checkK("hitRateAtK", k)
  return meanOver("hitRateAtK", queries, (q) => (hitsAtK(q.recommended, q.relevant, k) > 0 ? 1 : 0))
}
