import { describe, expect, it } from "vitest"
import { ContextLift, contextRerank, explainContextRerank } from "../../src/recommenders/context-rerank"
import { explainXquad, xquadRerank } from "../../src/recommenders/fair-rerank"
import { ItemKnn } from "../../src/recommenders/item-knn"
import { explainSoftmaxPick } from "../../src/recommenders/softmax"
import { blockInteractions } from "./fixtures"

describe("explaining re-rankers and softmax picks", () => {
  it("xQuAD: position values by hand (λ = 0.8: relevance 0.2·1 + exposure 0.4, then 0 + 0.4)", () => {
    const args = [[0, 1, 2, 3], [0.9, 0.8, 0.7, 0.1], [0, 0, 0, 1], [0.5, 0.5], 2, 0.8] as const
    const es = explainXquad(...args)
    expect(es.map((e) => e.item)).toEqual(Array.from(xquadRerank(...args)))
    expect(es[0].contributions.map((c) => c.value)).toEqual([expect.closeTo(0.2, 12), expect.closeTo(0.4, 12)])
    expect(es[1].contributions.map((c) => c.value)).toEqual([0, expect.closeTo(0.4, 12)])
    // Item 1 in second place would have been worth 0.2·(0.7/0.8) + 0.8·0.5·(1 − 1) = 0.175 < 0.4.
    expect(es[1].score).toBeGreaterThan(0.2 * (0.7 / 0.8))
    expect(es[1].text).toBe("Position 2: relevance 0 + exposure 0.4 for group 1 (0% of the list above is in it)")
  })

  it("softmax: the seed's example (0.8, 0.6, 0.4, 0.2, 0), T = 1 — the third item is drawn with 0.1922 against 0.2868", () => {
    const e = explainSoftmaxPick([0.8, 0.6, 0.4, 0.2, 0], 2)
    expect(e.kind).toBe("explore")
    expect(e.score).toBeCloseTo(0.1922, 4)
    expect(e.contributions[1].value).toBeCloseTo(0.2868, 4)
    expect(explainSoftmaxPick([0.8, 0.6, 0.4, 0.2, 0], 0).kind).toBe("exploit")
    expect(() => explainSoftmaxPick([1, 2], 2)).toThrow(/item must be an integer in \[0, 2\), got 2/)
  })

  it("context re-ranking: the model's terms plus β·ln lift sum to the re-ranked score", () => {
    const train = blockInteractions(30, 20, 21)
    const model = new ItemKnn({ neighbours: 5 }).fit(train)
    const category = Int32Array.from({ length: 20 }, (_, i) => i % 2)
    const counts = new Float64Array(8 * 2)
    counts[0] = 30 // night, weekday: category 0 clicked 30 times, category 1 twice
    counts[1] = 2
    for (let key = 1; key < 8; key++) counts[key * 2] = counts[key * 2 + 1] = 10
    const logLift = new ContextLift(2, counts, 20).logLift({ hour: 2, weekday: 1 })
    const reranked = contextRerank(model.score(4), category, logLift, 0.5)
    for (const item of [0, 1, 6]) {
      const e = explainContextRerank(model.explain(4, item), category, logLift, 0.5)
      expect(e.score).toBeCloseTo(reranked[item], 12)
      expect(e.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(e.score, 12)
      expect(e.text).toMatch(item % 2 === 0 ? /raised by/ : /lowered by/)
    }
  })
})
