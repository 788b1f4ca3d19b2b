import { describe, expect, it } from "vitest"
import { ContentBased, catalogFeatures, textItemFeatures } from "../../src/recommenders/content-based"
import { cosineSimilarity } from "../../src/recommenders/cosine"
import { TfidfVectorizer } from "../../src/text/tfidf"
import { fromDense } from "./fixtures"

describe("ContentBased", () => {
  // 4 items with 3 features; the first is the seed 004 §4.1 vector a, the second b.
  const features = { nItems: 4, dimension: 3, values: Float64Array.of(0.7, 0.8, 0.6, 0.4, 0.5, 0.6, 1, 0, 0, 0, 0, 1) }
  const train = fromDense([
    [1, 0, 0, 0],
    [0, 0, 1, 3],
  ])

  it("profile = weighted mean of item vectors; score = cosine(profile, item) (0.9709 for the seed's pair)", () => {
    const model = new ContentBased(features).fit(train)
    expect(model.score(0)[1]).toBeCloseTo(0.9709454759314559, 14)
    expect(Array.from(model.profile(1))).toEqual([0.25, 0, 0.75])
    const s = model.score(1)
    expect(s[0]).toBeCloseTo(cosineSimilarity([0.25, 0, 0.75], [0.7, 0.8, 0.6]), 14)
    expect(model.recommend(1, 2).map((r) => r.item)).toEqual([1, 0])
  })

  it("one-hot catalogue features and clear errors", () => {
    const f = catalogFeatures(
      { category: Int32Array.of(1, 0), brand: Int32Array.of(0, 2), brandNames: ["a", "b", "c"] },
      2,
    )
    expect(Array.from(f.values)).toEqual([0, 1, 0.5, 0, 0, 1, 0, 0, 0, 0.5])
    expect(() => new ContentBased({ nItems: 2, dimension: 3, values: new Float64Array(5) })).toThrow(
      /nItems × dimension = 2 × 3 values, got 5/,
    )
    expect(() => new ContentBased({ nItems: 1, dimension: 1, values: Float64Array.of(Number.NaN) })).toThrow(
      /feature 0 of item 0 is not finite/,
    )
    expect(() => new ContentBased(features).fit(fromDense([[1, 0, 0]]))).toThrow(/3 items but the features describe 4/)
  })
})

describe("textItemFeatures", () => {
  it("turns TF-IDF rows (src/text) into item features; identical descriptions score cosine 1", () => {
    const docs = ["red running shoes", "blue running shoes", "red running shoes", "green tea"]
    const f = textItemFeatures(new TfidfVectorizer().fitTransform(docs))
    expect(f.nItems).toBe(4)
    const model = new ContentBased(f).fit(fromDense([[1, 0, 0, 0]]))
    const s = model.score(0)
    expect(s[2]).toBeCloseTo(1, 12)
    expect(s[1]).toBeGreaterThan(s[3])
    expect(s[3]).toBe(0)
  })
})
