import { describe, expect, it } from "vitest"
import {
  averagePrecisionAtK,
  hitRateAtK,
  mapAtK,
  mrr,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from "../../src/metrics/ranking"

// Hand-computed cases; graded NDCG against scikit-learn 1.2 `ndcg_score` (linear gains).
describe("ranking metrics", () => {
  const recommended = [7, 2, 9, 4, 1]
  const relevant = new Set([2, 4, 8])

  it("precision@k and recall@k count hits in the top k", () => {
    expect(precisionAtK(recommended, relevant, 1)).toBe(0)
    expect(precisionAtK(recommended, relevant, 4)).toBe(0.5)
    expect(precisionAtK(recommended, relevant, 10)).toBe(0.2) // denominator stays k
    expect(recallAtK(recommended, relevant, 4)).toBeCloseTo(2 / 3, 15)
    expect(recallAtK(recommended, relevant, 2)).toBeCloseTo(1 / 3, 15)
  })

  it("NDCG@k with binary gains", () => {
    // DCG@5 = 1/log2(3) + 1/log2(5); IDCG@5 = 1 + 1/log2(3) + 1/log2(4)
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5)
    const idcg = 1 + 1 / Math.log2(3) + 0.5
    expect(ndcgAtK(recommended, relevant, 5)).toBeCloseTo(dcg / idcg, 14)
    expect(ndcgAtK([2, 4, 8], relevant, 3)).toBe(1)
  })

  it("NDCG@k with graded gains matches scikit-learn ndcg_score", () => {
    // relevance [3,2,0,0,1,2] for items 0..5, scores [0.9,0.1,0.8,0.7,0.6,0.2] → ranking 0,2,3,4,5,1
    const gains = new Map([
      [0, 3],
      [1, 2],
      [4, 1],
      [5, 2],
    ])
    const ranking = [0, 2, 3, 4, 5, 1]
    expect(ndcgAtK(ranking, gains, 3)).toBeCloseTo(0.5701406500739014, 12)
    expect(ndcgAtK(ranking, gains, 6)).toBeCloseTo(0.8637269031639748, 12)
  })

  it("AP@k, MAP@k, reciprocal rank, MRR and hit rate", () => {
    // hits at ranks 2 and 4: AP@5 = (1/2 + 2/4) / min(5, 3)
    expect(averagePrecisionAtK(recommended, relevant, 5)).toBeCloseTo(1 / 3, 15)
    expect(averagePrecisionAtK([2, 4, 8], relevant, 2)).toBe(1) // divided by min(k, |rel|) = 2
    expect(reciprocalRank(recommended, relevant)).toBe(0.5)
    expect(reciprocalRank([1], relevant)).toBe(0)
    const queries = [
      { recommended, relevant },
      { recommended: [8, 1], relevant: new Set([8]) },
      { recommended: [5, 6], relevant: new Set([1]) },
    ]
    expect(mapAtK(queries, 5)).toBeCloseTo((1 / 3 + 1 + 0) / 3, 15)
    expect(mrr(queries)).toBeCloseTo((0.5 + 1 + 0) / 3, 15)
    expect(hitRateAtK(queries, 1)).toBeCloseTo(1 / 3, 15)
    expect(hitRateAtK(queries, 2)).toBeCloseTo(2 / 3, 15)
  })

  it("rejects bad input with the parameter's name", () => {
    expect(() => precisionAtK(recommended, relevant, 0)).toThrow(/k must be a positive integer/)
    expect(() => recallAtK(recommended, new Set(), 3)).toThrow(/relevant must hold at least one item/)
    expect(() => ndcgAtK(recommended, new Map([[1, 0]]), 3)).toThrow(/every relevant gain is 0/)
    expect(() => mapAtK([], 3)).toThrow(/queries must not be empty/)
  })
})
