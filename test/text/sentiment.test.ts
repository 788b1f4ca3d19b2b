import { describe, expect, it } from "vitest"
import { LexiconSentiment, ratingToSentiment, SentimentClassifier } from "../../src/text/sentiment"
import { generateWorld, simulateEvents } from "../../src/world"

describe("sentiment", () => {
  it("maps ratings to classes and rejects others", () => {
    expect([1, 2, 3, 4, 5].map(ratingToSentiment)).toEqual([0, 0, 1, 2, 2])
    expect(() => ratingToSentiment(0)).toThrow(/integer 1..5/)
    expect(() => ratingToSentiment(3.5)).toThrow(/integer 1..5/)
  })

  it("the lexicon counts polarity words and flips them after a negation", () => {
    const lex = new LexiconSentiment()
    expect(lex.score("Great quality, highly recommend.")).toBe(2)
    expect(lex.score("Not good at all")).toBe(-1)
    expect(lex.score("质量很差，我要退款。")).toBe(-2)
    expect(lex.score("不喜欢")).toBe(-1)
    expect(Array.from(lex.predict(["nice", "bad", "a box"]))).toEqual([2, 0, 1])
    expect(() => new LexiconSentiment({ window: -1 })).toThrow(/window/)
  })

  it("on the world's reviews the trained classifiers beat the lexicon on held-out reviews, in both languages", () => {
    const world = generateWorld({ users: 1500, items: 300, seed: 8 })
    const { reviews } = simulateEvents(world)
    const y = Array.from(reviews.rating, ratingToSentiment)
    const cut = Math.floor(reviews.length * 0.7)
    expect(reviews.length).toBeGreaterThan(150)
    const acc = (p: Int32Array) => p.reduce((s, v, i) => s + (v === y[cut + i] ? 1 : 0), 0) / p.length
    for (const texts of [reviews.textEn, reviews.textZh]) {
      const lexicon = acc(new LexiconSentiment().predict(texts.slice(cut)))
      const lr = acc(new SentimentClassifier().fit(texts.slice(0, cut), y.slice(0, cut)).predict(texts.slice(cut)))
      const nb = acc(
        new SentimentClassifier({ model: "naive-bayes" })
          .fit(texts.slice(0, cut), y.slice(0, cut))
          .predict(texts.slice(cut)),
      )
      expect(lr).toBeGreaterThan(lexicon)
      expect(nb).toBeGreaterThan(lexicon)
      expect(lexicon).toBeGreaterThan(0.5)
    }
  })

  it("rejects bad options and use before fit", () => {
    expect(() => new SentimentClassifier({ model: "svm" as "logistic" })).toThrow(/model must be/)
    expect(() => new SentimentClassifier({ C: -1 })).toThrow(/C must be/)
    expect(() => new SentimentClassifier().predict(["x"])).toThrow(/call fit\(\) first/)
    expect(() => new SentimentClassifier().fit(["a b", "c d"], [0])).toThrow(/2 documents but 1 labels/)
  })
})
