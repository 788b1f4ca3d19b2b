/**
 * Beyond-accuracy metrics of recommendations: pure functions on plain arrays, never mutating input.
 * Sources: Kaminskas & Bridge (2016), "Diversity, serendipity, novelty, and coverage: a survey and
 * empirical analysis of beyond-accuracy objectives in recommender systems", ACM TiiS 7(1).
 */

/**
 * Catalogue coverage: the share of the `nItems` items that appear in at least one list.
 * @example catalogCoverage([[0, 1], [1, 2]], 10) // 0.3
 */
export function catalogCoverage(lists: ArrayLike<number>[], nItems: number): number {
  if (!Number.isInteger(nItems) || nItems < 1)
    throw new Error(`catalogCoverage: nItems must be an integer >= 1, got ${nItems}`)
  const seen = new Uint8Array(nItems)
  let covered = 0
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]
      if (!(Number.isInteger(item) && item >= 0 && item < nItems))
        throw new Error(`catalogCoverage: item ${item} is outside [0, ${nItems})`)
      if (!seen[item]) {
        seen[item] = 1
        covered++
      }
    }
  }
  return covered / nItems
}

/**
 * Intra-list diversity: the mean dissimilarity over all pairs of a list,
 * ILD = 2/(n(n−1)) · Σ_{i<j} d(l_i, l_j) (Ziegler et al. 2005, "Improving recommendation lists
 * through topic diversification", WWW).
 * @throws if the list has fewer than two items (no pairs)
 * @example intraListDiversity([0, 1, 2], (a, b) => (cat[a] === cat[b] ? 0 : 1))
 */
export function intraListDiversity(list: ArrayLike<number>, distance: (a: number, b: number) => number): number {
  const n = list.length
  if (n < 2) throw new Error(`intraListDiversity: the list needs at least 2 items, got ${n}`)
  let total = 0
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += distance(list[i], list[j])
  return (2 * total) / (n * (n - 1))
}

/**
 * Intra-list diversity with the 0/1 "different category" distance, from the number of times each
 * category occurs in the list: pairs in different categories / all pairs = (N² − Σ n_c²)/(N(N − 1)).
 * Equals `intraListDiversity` with d = [categories differ], in O(#categories).
 * @example categoryDiversityFromCounts([2, 1, 0]) // 2/3: of 3 pairs, 2 differ
 */
export function categoryDiversityFromCounts(counts: ArrayLike<number>): number {
  let n = 0
  let squares = 0
  for (let c = 0; c < counts.length; c++) {
    const k = counts[c]
    if (!(k >= 0)) throw new Error(`categoryDiversityFromCounts: counts[${c}] must be >= 0, got ${k}`)
    n += k
    squares += k * k
  }
  if (n < 2) throw new Error(`categoryDiversityFromCounts: the list needs at least 2 items, got ${n}`)
  return (n * n - squares) / (n * (n - 1))
}

/**
 * Novelty as mean self-information: (1/n)·Σ −log₂ p(i), p(i) the item's popularity (share of
 * interactions). Source: Zhou et al. (2010), "Solving the apparent diversity–accuracy dilemma of
 * recommender systems", PNAS 107(10).
 * @example novelty([0, 1], new Float64Array([0.5, 0.25])) // (1 + 2)/2 = 1.5 bits
 */
export function novelty(list: ArrayLike<number>, popularity: ArrayLike<number>): number {
  if (list.length === 0) throw new Error("novelty: the list must not be empty")
  let total = 0
  for (let i = 0; i < list.length; i++) {
    const p = popularity[list[i]]
    if (!(p > 0 && p <= 1)) throw new Error(`novelty: popularity of item ${list[i]} must be in (0, 1], got ${p}`)
    total -= Math.log2(p)
  }
  return total / list.length
}

/**
 * Serendipity: the share of recommended items that are relevant and unexpected (not in what a
 * primitive recommender, e.g. the user's known favourites, would have shown).
 * Source: Ge, Delgado-Battenfeld & Jannach (2010), "Beyond accuracy", RecSys.
 * @example serendipity([1, 2, 3], new Set([2, 3]), new Set([3])) // 1/3
 */
export function serendipity(
  list: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  expected: ReadonlySet<number>,
): number {
  if (list.length === 0) throw new Error("serendipity: the list must not be empty")
  let hits = 0
  for (let i = 0; i < list.length; i++) if (relevant.has(list[i]) && !expected.has(list[i])) hits++
  return hits / list.length
}

/**
 * Novelty from how often each item was recommended: Σ_i n_i·(−log₂ p_i) / Σ_i n_i — the same as
 * `novelty` on the list holding item i n_i times, without materialising the list.
 * @example noveltyFromCounts([1, 1], [0.5, 0.25]) // 1.5
 */
export function noveltyFromCounts(counts: ArrayLike<number>, popularity: ArrayLike<number>): number {
  let n = 0
  let total = 0
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue
    const p = popularity[i]
    if (!(p > 0 && p <= 1)) throw new Error(`noveltyFromCounts: popularity of item ${i} must be in (0, 1], got ${p}`)
    n += counts[i]
    total -= counts[i] * Math.log2(p)
  }
  if (n === 0) throw new Error("noveltyFromCounts: no item was recommended")
  return total / n
}
