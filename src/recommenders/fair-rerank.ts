import { gini, groupTotals, itemExposure, positionExposure } from "../metrics/exposure"
import { ndcgAtK } from "../metrics/ranking"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"

/**
 * Re-ranks a user's candidates for fairer group exposure with smooth xQuAD (Santos, Macdonald &
 * Ounis 2010; Abdollahpouri, Burke & Mobasher 2019, "Managing popularity bias in recommender systems
 * with personalized re-ranking", FLAIRS): the list S is built greedily, each step adding the item i maximising
 *   (1 − λ)·rel(i) + λ·Σ_g P(g)·[group(i) = g]·(1 − |S ∩ g| / |S|)   (the bracket is 1 while S is empty),
 * where rel is the candidates' scores min–max scaled to [0, 1] and P(g) the wanted share of group g
 * (e.g. head / long tail, or every brand equally; personalised when taken from the user's history).
 * λ = 0 is the original ranking; larger λ trades relevance for exposure of under-shown groups.
 * Ties go to the earlier candidate.
 * @example xquadRerank([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.1], [0, 0, 0, 1], [0.5, 0.5], 2, 0.8) // [0, 3]; with λ = 0.5: [0, 1]
 */
export function xquadRerank(
  candidates: ArrayLike<number>,
  scores: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  groupShare: ArrayLike<number>,
  k: number,
  lambda: number,
): Int32Array {
  if (candidates.length !== scores.length)
    throw new Error(`xquadRerank: ${candidates.length} candidates but ${scores.length} scores`)
  if (!Number.isInteger(k) || k < 1) throw new Error(`xquadRerank: k must be an integer >= 1, got ${k}`)
  if (!(lambda >= 0 && lambda <= 1)) throw new Error(`xquadRerank: lambda must be in [0, 1], got ${lambda}`)
  const m = candidates.length
  let lo = Infinity
  let hi = -Infinity
  for (let c = 0; c < m; c++) {
    if (!Number.isFinite(scores[c])) throw new Error(`xquadRerank: scores[${c}] is ${scores[c]}; scores must be finite`)
    const g = groupOf[candidates[c]]
    if (!(Number.isInteger(g) && g >= 0 && g < groupShare.length))
      throw new Error(`xquadRerank: candidate ${candidates[c]} is in group ${g}, outside [0, ${groupShare.length})`)
    lo = Math.min(lo, scores[c])
    hi = Math.max(hi, scores[c])
  }
  const span = hi > lo ? hi - lo : 1
  const inList = new Int32Array(groupShare.length)
  const taken = new Uint8Array(m)
  const size = Math.min(k, m)
  const out = new Int32Array(size)
  for (let s = 0; s < size; s++) {
    let best = -1
    let bestValue = -Infinity
    for (let c = 0; c < m; c++) {
      if (taken[c]) continue
      const g = groupOf[candidates[c]]
      const coverage = s === 0 ? 1 : 1 - inList[g] / s
      const value = (1 - lambda) * ((scores[c] - lo) / span) + lambda * groupShare[g] * coverage
      if (value > bestValue) {
        bestValue = value
        best = c
      }
    }
    taken[best] = 1
    out[s] = candidates[best]
    inList[groupOf[candidates[best]]]++
  }
  return out
}

/**
 * Why {@link xquadRerank} put each item where it is: at position s, the item's value is the relevance
 * term (1 − λ)·rel(i) plus the exposure term λ·P(g)·(1 − |S ∩ g|/|S|) over the items S placed before it;
 * one explanation per position, in list order (same arguments as `xquadRerank`).
 * @example explainXquad([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.1], [0, 0, 0, 1], [0.5, 0.5], 2, 0.8)[1].text
 */
export function explainXquad(
  candidates: ArrayLike<number>,
  scores: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  groupShare: ArrayLike<number>,
  k: number,
  lambda: number,
): Explanation[] {
  const list = xquadRerank(candidates, scores, groupOf, groupShare, k, lambda)
  let lo = Infinity
  let hi = -Infinity
  const scoreOf = new Map<number, number>()
  for (let c = 0; c < candidates.length; c++) {
    lo = Math.min(lo, scores[c])
    hi = Math.max(hi, scores[c])
    if (!scoreOf.has(candidates[c])) scoreOf.set(candidates[c], scores[c])
  }
  const span = hi > lo ? hi - lo : 1
  const inList = new Int32Array(groupShare.length)
  return Array.from(list, (item, s) => {
    const g = groupOf[item]
    const coverage = s === 0 ? 1 : 1 - inList[g] / s
    const relevance = (1 - lambda) * (((scoreOf.get(item) as number) - lo) / span)
    const exposure = lambda * groupShare[g] * coverage
    inList[g]++
    return {
      item,
      score: relevance + exposure,
      kind: "score",
      combine: "sum",
      contributions: [
        { label: "relevance (1 − λ)·rel", value: relevance },
        { label: `exposure of group ${g} λ·P(g)·(1 − share so far)`, value: exposure },
      ],
      text: `Position ${s + 1}: relevance ${formatValue(relevance)} + exposure ${formatValue(exposure)} for group ${g} (${formatValue(100 * (1 - coverage))}% of the list above is in it)`,
    }
  })
}

/** One point of the accuracy–exposure trade-off. */
export interface TradeoffPoint {
  lambda: number
  /** Mean NDCG@k over users against their held-out relevant items. */
  ndcg: number
  /** Gini of item exposure (DCG position weights) over the catalogue. */
  itemGini: number
  /** Gini of exposure summed per group. */
  groupGini: number
  /** Share of all exposure that went to each group. */
  groupShare: Float64Array
}

/**
 * The accuracy–exposure trade-off curve of {@link xquadRerank}: for every λ, every user's candidates
 * are re-ranked into a top-k list, then NDCG@k against `relevant[u]` and the exposure Ginis are measured.
 * @example rerankTradeoff({ candidates, scores, relevant, groupOf, groupShare: [0.5, 0.5], nItems, k: 10, lambdas: [0, 0.25, 0.5] })
 */
export function rerankTradeoff(input: {
  candidates: readonly ArrayLike<number>[]
  scores: readonly ArrayLike<number>[]
  relevant: readonly ReadonlySet<number>[]
  groupOf: ArrayLike<number>
  groupShare: ArrayLike<number>
  nItems: number
  k: number
  lambdas: readonly number[]
}): TradeoffPoint[] {
  const { candidates, scores, relevant, groupOf, groupShare, nItems, k } = input
  if (candidates.length !== scores.length || candidates.length !== relevant.length) {
    throw new Error(
      `rerankTradeoff: ${candidates.length} candidate lists, ${scores.length} score lists and ${relevant.length} relevant sets must agree`,
    )
  }
  const weights = positionExposure(k)
  return input.lambdas.map((lambda) => {
    const lists = candidates.map((c, u) => xquadRerank(c, scores[u], groupOf, groupShare, k, lambda))
    const ndcg = lists.reduce((s, list, u) => s + ndcgAtK(list, relevant[u], k), 0) / lists.length
    const exposure = itemExposure(lists, nItems, weights)
    const groups = groupTotals(exposure, groupOf, groupShare.length)
    const total = groups.reduce((s, v) => s + v, 0)
    return { lambda, ndcg, itemGini: gini(exposure), groupGini: gini(groups), groupShare: groups.map((v) => v / total) }
  })
}
