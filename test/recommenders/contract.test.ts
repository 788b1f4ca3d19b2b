import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import type { Interactions } from "../../src/schema/interactions"
import { blockInteractions } from "./fixtures"
import { RECOMMENDER_FACTORIES } from "./factories"

/**
 * The contract every recommender honours (scikit-learn's check_estimator in spirit): fit returns
 * this; score never mutates; same seed ⇒ same result; refitting equals a fresh fit; an unknown
 * user gets the documented popularity fall-back; bad k, bad users and empty data give clear errors.
 */
describe.each(RECOMMENDER_FACTORIES)("contract: %s", (_name, make) => {
  const train = blockInteractions(30, 20, 21)
  const other = blockInteractions(30, 20, 22, 0.2, 0.1)

  it("fit returns this; scores are finite, one per item", () => {
    const model = make()
    expect(model.fit(train)).toBe(model)
    const s = model.score(3)
    expect(s).toHaveLength(20)
    for (const v of s) expect(Number.isFinite(v)).toBe(true)
  })

  it("score and recommend never mutate the model or the data", () => {
    const model = make().fit(train)
    const snapshot = JSON.stringify(Array.from(train.values)) + JSON.stringify(Array.from(train.items))
    const first = Array.from(model.score(5))
    model.recommend(5, 4)
    model.score(7).fill(123)
    expect(Array.from(model.score(5))).toEqual(first)
    expect(JSON.stringify(Array.from(train.values)) + JSON.stringify(Array.from(train.items))).toBe(snapshot)
  })

  it("same seed ⇒ same scores; fit(B) after fit(A) equals fit(B) alone", () => {
    const a = make().fit(train)
    const b = make().fit(train)
    expect(Array.from(a.score(2))).toEqual(Array.from(b.score(2)))
    const refit = make().fit(other).fit(train)
    expect(Array.from(refit.score(2))).toEqual(Array.from(a.score(2)))
  })

  it("an unknown user (index ≥ training users) gets popularity: distinct users per item", () => {
    const model = make().fit(train)
    const popularity = new Float64Array(20)
    for (const i of train.items) popularity[i]++
    expect(Array.from(model.score(30))).toEqual(Array.from(popularity))
    expect(model.recommend(1000, 3)).toHaveLength(3)
  })

  it("recommend: k best, unseen, sorted; k beyond the catalogue returns every unseen item", () => {
    const model = make().fit(train)
    const recs = model.recommend(4, 5)
    expect(recs).toHaveLength(5)
    for (let j = 1; j < recs.length; j++) expect(recs[j - 1].score).toBeGreaterThanOrEqual(recs[j].score)
    const seen = new Set(Array.from(train.items.subarray(train.indptr[4], train.indptr[5])))
    for (const r of recs) expect(seen.has(r.item)).toBe(false)
    expect(model.recommend(4, 10_000)).toHaveLength(20 - seen.size)
  })

  it("clear errors: k ≤ 0 or NaN, a negative or fractional user, empty data, NaN values, scoring before fit", () => {
    const model = make().fit(train)
    expect(() => model.recommend(0, 0)).toThrow(/k must be a positive integer, got 0/)
    expect(() => model.recommend(0, Number.NaN)).toThrow(/k must be a positive integer, got NaN/)
    expect(() => model.score(-1)).toThrow(/user must be a non-negative integer index, got -1/)
    expect(() => model.score(1.5)).toThrow(/user must be a non-negative integer index/)
    const empty: Interactions = {
      nUsers: 3,
      nItems: 4,
      indptr: new Int32Array(4),
      items: new Int32Array(0),
      values: new Float64Array(0),
    }
    expect(() => make().fit(empty)).toThrow(/training data is empty/)
    const nan: Interactions = { ...train, values: train.values.map((v, p) => (p === 3 ? Number.NaN : v)) }
    expect(() => make().fit(nan)).toThrow(/value NaN at entry 3 is not finite/)
    expect(() => make().score(0)).toThrow(/call fit\(train\) before score/)
  })

  it("an explicit Rng is honoured deterministically", () => {
    const a = make().fit(train, createRng(9, 1))
    const b = make().fit(train, createRng(9, 1))
    expect(Array.from(a.score(1))).toEqual(Array.from(b.score(1)))
  })
})
