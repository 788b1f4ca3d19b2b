import { describe, expect, it } from "vitest"
import { CountVectorizer } from "../../src/text/count-vectorizer"
import { TfidfVectorizer, type TfidfOptions } from "../../src/text/tfidf"
import data from "./fixtures/text-data.json"
import reference from "./fixtures/text-reference.json"

// Reference: scikit-learn 1.2.1 TfidfVectorizer(analyzer=identity, …) on the same pre-tokenised
// documents (fixtures/make-text-reference.py, run by hand; output in fixtures/text-reference.json).
const docs = [...data.products.docs, ...data.reviews.docs]
const configs: [keyof typeof reference.tfidf, TfidfOptions][] = [
  ["default", {}],
  ["sublinear", { sublinearTf: true }],
  ["raw_l1", { smoothIdf: false, norm: "l1" }],
  ["mindf2", { minDf: 2, maxDf: 0.5 }],
]

describe("TfidfVectorizer", () => {
  for (const [name, options] of configs) {
    it(`matches scikit-learn to 1e-9 (${name})`, () => {
      const ref = reference.tfidf[name]
      const v = new TfidfVectorizer(options)
      const X = v.fitTransform(docs)
      expect(v.vocabulary).toEqual(ref.vocabulary)
      ref.idf.forEach((x, j) => expect(Math.abs(v.idf[j] - x)).toBeLessThan(1e-9))
      expect(Array.from(X.indptr)).toEqual(ref.indptr)
      expect(Array.from(X.indices)).toEqual(ref.indices)
      let worst = 0
      ref.data.forEach((x, p) => (worst = Math.max(worst, Math.abs(X.data[p] - x))))
      expect(worst).toBeLessThan(1e-9)
    })
  }

  it("transform of the training documents equals fitTransform; unseen terms are ignored", () => {
    const v = new TfidfVectorizer({ sublinearTf: true })
    const a = v.fitTransform(docs)
    const b = v.transform(docs)
    expect(Array.from(b.data)).toEqual(Array.from(a.data))
    const unseen = v.transform([["zzz-not-a-term"]])
    expect(unseen.indptr[1]).toBe(0)
  })

  it("tokenizes raw strings with its tokenizer, Chinese and English alike", () => {
    const v = new TfidfVectorizer()
    const X = v.fitTransform(["红色连衣裙 red dress", "red shoes 红色"])
    expect(v.vocabulary).toContain("red")
    expect(v.vocabulary).toContain("红色")
    // Row norms are 1.
    for (let i = 0; i < 2; i++) {
      let s = 0
      for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) s += X.data[p] ** 2
      expect(s).toBeCloseTo(1, 14)
    }
  })

  it("rejects bad options and input", () => {
    expect(() => new TfidfVectorizer({ norm: "l3" as "l2" })).toThrow(/norm must be/)
    expect(() => new CountVectorizer({ minDf: 0 })).toThrow(/minDf must be/)
    expect(() => new CountVectorizer({ maxDf: 1.5 })).toThrow(/maxDf must be/)
    expect(() => new CountVectorizer({ maxFeatures: 0 })).toThrow(/maxFeatures/)
    expect(() => new TfidfVectorizer().fit([])).toThrow(/docs must not be empty/)
    expect(() => new TfidfVectorizer({ minDf: 5 }).fit([["a"], ["b"]])).toThrow(/no term is left/)
    expect(() => new TfidfVectorizer().transform([["a"]])).toThrow(/call fit\(\) first/)
    expect(() => new CountVectorizer().fit([42 as unknown as string])).toThrow(
      /docs\[0\] must be a string or an array of tokens/,
    )
  })
})

describe("CountVectorizer", () => {
  it("counts terms per document in a sorted vocabulary; maxFeatures keeps the most frequent", () => {
    const cv = new CountVectorizer()
    const X = cv.fitTransform([["b", "a", "b"], ["c"]])
    expect(cv.vocabulary).toEqual(["a", "b", "c"])
    expect(Array.from(X.indices)).toEqual([0, 1, 2])
    expect(Array.from(X.data)).toEqual([1, 2, 1])
    const top = new CountVectorizer({ maxFeatures: 1 })
    top.fit([["b", "a", "b"], ["c"]])
    expect(top.vocabulary).toEqual(["b"])
    expect(cv.columnOf("c")).toBe(2)
    expect(cv.columnOf("zz")).toBe(-1)
  })
})
