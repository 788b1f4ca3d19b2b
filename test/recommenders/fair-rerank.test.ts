import { describe, expect, it } from "vitest"
import { rerankTradeoff, xquadRerank } from "../../src/recommenders/fair-rerank"
import { createRng } from "../../src/random/rng"

describe("xquadRerank (smooth xQuAD)", () => {
  it("λ = 0 keeps the score order (ties to the earlier candidate)", () => {
    expect(
      Array.from(xquadRerank([5, 6, 7, 8], [0.2, 0.9, 0.9, 0.5], [0, 0, 0, 0, 0, 0, 0, 1, 1], [0.5, 0.5], 3, 0)),
    ).toEqual([6, 7, 8])
  })

  it("hand-computed steps: relevance min–max scaled, coverage 1 − |S ∩ g|/|S|", () => {
    // step 1: item 0 → 0.2·1 + 0.8·0.5 = 0.6 beats item 3 → 0 + 0.4; step 2: item 1 → 0.2·0.875 = 0.175, item 3 → 0.8·0.5·1 = 0.4
    expect(Array.from(xquadRerank([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.1], [0, 0, 0, 1], [0.5, 0.5], 2, 0.8))).toEqual([
      0, 3,
    ])
    // with λ = 0.5 the second step is item 1 (0.4375) over item 3 (0.25)
    expect(Array.from(xquadRerank([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.1], [0, 0, 0, 1], [0.5, 0.5], 2, 0.5))).toEqual([
      0, 1,
    ])
  })

  it("λ = 1 fills the list in the wanted group shares", () => {
    const groups = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
    const list = xquadRerank([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], groups, [0.5, 0.5], 6, 1)
    expect(Array.from(list).filter((i) => groups[i] === 1).length).toBe(3)
    expect(() => xquadRerank([0], [Number.NaN], [0], [1], 1, 0.5)).toThrow(
      "xquadRerank: scores[0] is NaN; scores must be finite",
    )
    expect(() => xquadRerank([0], [1], [0], [1], 1, 2)).toThrow("xquadRerank: lambda must be in [0, 1], got 2")
    expect(() => xquadRerank([3], [1], [0], [1], 1, 0.5)).toThrow(
      "xquadRerank: candidate 3 is in group undefined, outside [0, 1)",
    )
  })

  it("the trade-off on popularity-skewed tastes: more λ, more long-tail exposure and lower item Gini, at some NDCG", () => {
    // 100 items, the first 20 the popular head (group 0): 85% of the users' held-out items are in the head, and a good scorer ranks them first
    const rng = createRng(12)
    const nItems = 100
    const groupOf = Int32Array.from({ length: nItems }, (_, i) => (i < 20 ? 0 : 1))
    const candidates: Int32Array[] = []
    const scores: Float64Array[] = []
    const relevant: Set<number>[] = []
    for (let u = 0; u < 200; u++) {
      const liked = new Set<number>()
      while (liked.size < 10)
        liked.add(rng.next() < 0.85 ? Math.floor(rng.next() * 20) : 20 + Math.floor(rng.next() * 80))
      relevant.push(liked)
      candidates.push(Int32Array.from({ length: nItems }, (_, i) => i))
      scores.push(Float64Array.from({ length: nItems }, (_, i) => (liked.has(i) ? 1 : 0) + 0.3 * rng.next()))
    }
    const curve = rerankTradeoff({
      candidates,
      scores,
      relevant,
      groupOf,
      groupShare: [0.5, 0.5],
      nItems,
      k: 10,
      lambdas: [0, 0.3, 0.6, 0.9],
    })
    const [first, , , last] = curve
    expect(last.groupShare[1]).toBeGreaterThan(first.groupShare[1] + 0.1)
    expect(last.itemGini).toBeLessThan(first.itemGini)
    expect(last.groupGini).toBeLessThan(first.groupGini)
    expect(last.ndcg).toBeLessThan(first.ndcg)
    for (const p of curve) expect(p.groupShare[0] + p.groupShare[1]).toBeCloseTo(1, 12)
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].groupShare[1]).toBeGreaterThanOrEqual(curve[i - 1].groupShare[1])
      expect(curve[i].ndcg).toBeLessThanOrEqual(curve[i - 1].ndcg)
    }
  })
})
