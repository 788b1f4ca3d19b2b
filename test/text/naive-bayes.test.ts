import { describe, expect, it } from "vitest"
import { CountVectorizer } from "../../src/text/count-vectorizer"
import { denseMatrix } from "../../src/linalg/matrix"
import { MultinomialNB } from "../../src/text/naive-bayes"
import data from "./fixtures/text-data.json"
import reference from "./fixtures/text-reference.json"

// Reference: scikit-learn 1.2.1 MultinomialNB(alpha) on CountVectorizer(analyzer=identity) counts of
// the same pre-tokenised documents (fixtures/make-text-reference.py, run by hand).
describe("MultinomialNB", () => {
  it("predicts the same categories as scikit-learn on product descriptions, with the same probabilities", () => {
    const cv = new CountVectorizer()
    const X = cv.fitTransform(data.products.docs)
    const train = cv.transform(data.products.docs.slice(0, 40))
    const test = cv.transform(data.products.docs.slice(40))
    expect(X.nCols).toBe(reference.nb.products.feature_log_prob[0].length)
    const nb = new MultinomialNB({ alpha: 1 }).fit(train, data.products.labels.slice(0, 40))
    expect(Array.from(nb.predict(test))).toEqual(reference.nb.products.predict)
    const p = nb.predictProba(test)
    reference.nb.products.proba.forEach((row, i) =>
      row.forEach((v, k) => expect(Math.abs(p.data[i * row.length + k] - v)).toBeLessThan(1e-9)),
    )
    reference.nb.products.class_log_prior.forEach((v, k) => expect(nb.classLogPrior[k]).toBeCloseTo(v, 12))
    const flp = nb.featureLogProb
    reference.nb.products.feature_log_prob.forEach((row, k) =>
      row.forEach((v, j) => expect(Math.abs(flp.data[k * flp.nCols + j] - v)).toBeLessThan(1e-9)),
    )
  })

  for (const [key, alpha] of [
    ["reviews_alpha1.0", 1],
    ["reviews_alpha0.1", 0.1],
  ] as const) {
    it(`predicts the same review ratings as scikit-learn (alpha = ${alpha})`, () => {
      const cv = new CountVectorizer().fit(data.reviews.docs)
      const nb = new MultinomialNB({ alpha }).fit(
        cv.transform(data.reviews.docs.slice(0, 50)),
        data.reviews.ratings.slice(0, 50),
      )
      const test = cv.transform(data.reviews.docs.slice(50))
      expect(Array.from(nb.predict(test))).toEqual(reference.nb[key].predict)
      const p = nb.predictProba(test)
      const K = nb.classes.length
      reference.nb[key].proba.forEach((row, i) =>
        row.forEach((v, k) => expect(Math.abs(p.data[i * K + k] - v)).toBeLessThan(1e-9)),
      )
    })
  }

  it("computes Laplace-smoothed probabilities by hand", () => {
    // Class 0: counts (2, 0) → θ = (3/4, 1/4); class 1: (0, 1) → θ = (1/3, 2/3); priors 1/2.
    const nb = new MultinomialNB().fit(
      denseMatrix([
        [2, 0],
        [0, 1],
      ]),
      [0, 1],
    )
    expect(Math.exp(nb.featureLogProb.data[0])).toBeCloseTo(3 / 4, 15)
    expect(Math.exp(nb.featureLogProb.data[3])).toBeCloseTo(2 / 3, 15)
    const p = nb.predictProba(denseMatrix([[1, 0]])).data
    expect(p[0]).toBeCloseTo(3 / 4 / (3 / 4 + 1 / 3), 14)
  })

  it("rejects bad options and input", () => {
    expect(() => new MultinomialNB({ alpha: 0 })).toThrow(/alpha must be/)
    expect(() => new MultinomialNB().fit(denseMatrix([[1, -1]]), [0])).toThrow(/non-negative/)
    expect(() => new MultinomialNB().fit(denseMatrix([[1, NaN]]), [0])).toThrow(/X\[0\]\[1\] is NaN/)
    expect(() => new MultinomialNB().predict(denseMatrix([[1]]))).toThrow(/call fit\(\) first/)
    const nb = new MultinomialNB().fit(
      denseMatrix([
        [1, 0],
        [0, 1],
      ]),
      [0, 1],
    )
    expect(() => nb.predict(denseMatrix([[1, 0, 0]]))).toThrow(/3 columns, the model was fitted on 2/)
  })
})
