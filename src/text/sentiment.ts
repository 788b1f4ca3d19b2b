import type { Document } from "./count-vectorizer"
import { LogisticRegression } from "./logistic-regression"
import type { DenseMatrix } from "../linalg/matrix"
import { MultinomialNB } from "./naive-bayes"
import { TfidfVectorizer, type TfidfOptions } from "./tfidf"
import { Tokenizer } from "./tokenizer"

/** Sentiment classes: 0 negative, 1 neutral, 2 positive. */
export const SENTIMENTS = ["negative", "neutral", "positive"] as const

/**
 * The sentiment of a star rating: 1–2 negative (0), 3 neutral (1), 4–5 positive (2).
 * @throws unless the rating is an integer 1..5
 */
export function ratingToSentiment(rating: number): number {
  if (!(Number.isInteger(rating) && rating >= 1 && rating <= 5))
    throw new Error(`ratingToSentiment: rating must be an integer 1..5, got ${rating}`)
  return rating <= 2 ? 0 : rating === 3 ? 1 : 2
}

/** Options of `LexiconSentiment`. */
export interface LexiconOptions {
  positive?: Iterable<string>
  negative?: Iterable<string>
  /** Words that flip the polarity of the next sentiment word within `window` tokens. */
  negations?: Iterable<string>
  /** Negation scope in tokens [3]. */
  window?: number
  tokenizer?: Tokenizer
}

/** General-purpose English and Chinese opinion words (not taken from the synthetic review templates). */
export const POSITIVE_WORDS: readonly string[] = [
  "good",
  "great",
  "excellent",
  "love",
  "perfect",
  "nice",
  "happy",
  "recommend",
  "fast",
  "best",
  "amazing",
  "satisfied",
  "fine",
  "well",
  "wonderful",
  "好",
  "棒",
  "喜欢",
  "推荐",
  "满意",
  "完美",
  "不错",
  "快",
  "优秀",
  "好用",
  "值得",
  "超值",
]
export const NEGATIVE_WORDS: readonly string[] = [
  "bad",
  "terrible",
  "poor",
  "disappointed",
  "disappointing",
  "broke",
  "broken",
  "waste",
  "refund",
  "slow",
  "cheap",
  "worst",
  "awful",
  "hate",
  "差",
  "坏",
  "失望",
  "浪费",
  "退款",
  "慢",
  "廉价",
  "糟糕",
  "垃圾",
  "后悔",
]
export const NEGATION_WORDS: readonly string[] = [
  "not",
  "no",
  "never",
  "don't",
  "didn't",
  "won't",
  "不",
  "没",
  "没有",
  "别",
]

/**
 * A lexicon baseline: score = Σ polarity(word), +1 for a positive and −1 for a negative word, the
 * sign flipped when a negation occurred within the previous `window` tokens; sentiment is
 * positive (2) for score > 0, negative (0) for score < 0, neutral (1) otherwise.
 * Source: the classic word-counting approach (Hu & Liu, KDD 2004; Taboada et al., Computational
 * Linguistics 37(2), 2011, for negation handling).
 * @example new LexiconSentiment().predict(["Great quality, highly recommend."]) // Int32Array [2]
 */
export class LexiconSentiment {
  readonly config: Readonly<{ window: number; tokenizer: Tokenizer }>
  private readonly positive: ReadonlySet<string>
  private readonly negative: ReadonlySet<string>
  private readonly negations: ReadonlySet<string>

  constructor(options: LexiconOptions = {}) {
    const window = options.window ?? 3
    if (!Number.isInteger(window) || window < 0)
      throw new Error(`LexiconSentiment: window must be an integer >= 0, got ${window}`)
    this.positive = new Set(options.positive ?? POSITIVE_WORDS)
    this.negative = new Set(options.negative ?? NEGATIVE_WORDS)
    this.negations = new Set(options.negations ?? NEGATION_WORDS)
    this.config = { window, tokenizer: options.tokenizer ?? new Tokenizer() }
  }

  /** The polarity score of one document. */
  score(doc: Document): number {
    const tokens = typeof doc === "string" ? this.config.tokenizer.tokenize(doc) : doc
    let score = 0
    let lastNegation = -Infinity
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]
      if (this.negations.has(t)) {
        lastNegation = i
        continue
      }
      const polarity = this.positive.has(t) ? 1 : this.negative.has(t) ? -1 : 0
      if (polarity !== 0) score += i - lastNegation <= this.config.window ? -polarity : polarity
    }
    return score
  }

  /** Sentiment classes (0 negative, 1 neutral, 2 positive) of the documents. */
  predict(docs: ReadonlyArray<Document>): Int32Array {
    return Int32Array.from(docs, (d) => {
      const s = this.score(d)
      return s > 0 ? 2 : s < 0 ? 0 : 1
    })
  }
}

/** Options of `SentimentClassifier`. */
export interface SentimentClassifierOptions {
  /** "logistic" [default]: multinomial logistic regression on TF-IDF; "naive-bayes": multinomial NB on TF-IDF. */
  model?: "logistic" | "naive-bayes"
  /** TF-IDF options [sublinear tf, min df 2]. */
  tfidf?: TfidfOptions
  /** Logistic regression C [10] or naive Bayes α [1]. */
  C?: number
  alpha?: number
}

/**
 * A review sentiment classifier trained in-project: tokenizer → TF-IDF → logistic regression or
 * multinomial naive Bayes. Labels are any integers (e.g. `ratingToSentiment(rating)`).
 * @example
 * const clf = new SentimentClassifier().fit(reviews.textZh, Array.from(reviews.rating, ratingToSentiment))
 * clf.predict(["质量很棒，强烈推荐。"]) // Int32Array [2]
 */
export class SentimentClassifier {
  readonly config: Readonly<{ model: "logistic" | "naive-bayes"; tfidf: TfidfOptions; C: number; alpha: number }>
  private vectorizer: TfidfVectorizer | null = null
  private classifier: LogisticRegression | MultinomialNB | null = null

  constructor(options: SentimentClassifierOptions = {}) {
    const model = options.model ?? "logistic"
    if (model !== "logistic" && model !== "naive-bayes")
      throw new Error(`SentimentClassifier: model must be "logistic" or "naive-bayes", got ${String(model)}`)
    this.config = {
      model,
      tfidf: options.tfidf ?? { sublinearTf: true, minDf: 2 },
      C: options.C ?? 10,
      alpha: options.alpha ?? 1,
    }
    // Validate the model options now rather than at fit.
    if (model === "logistic") new LogisticRegression({ C: this.config.C })
    else new MultinomialNB({ alpha: this.config.alpha })
  }

  /** Fits the vectorizer and the model on documents and their labels. */
  fit(docs: ReadonlyArray<Document>, labels: ArrayLike<number>): this {
    if (docs.length !== labels.length)
      throw new Error(`SentimentClassifier.fit: ${docs.length} documents but ${labels.length} labels`)
    const vectorizer = new TfidfVectorizer(this.config.tfidf)
    const X = vectorizer.fitTransform(docs)
    this.classifier =
      this.config.model === "logistic"
        ? new LogisticRegression({ C: this.config.C }).fit(X, labels)
        : new MultinomialNB({ alpha: this.config.alpha }).fit(X, labels)
    this.vectorizer = vectorizer
    return this
  }

  /** Predicted labels. */
  predict(docs: ReadonlyArray<Document>): Int32Array {
    const { vectorizer, classifier } = this.state("predict")
    return classifier.predict(vectorizer.transform(docs))
  }

  /** Class probabilities (columns: the sorted labels seen by fit). */
  predictProba(docs: ReadonlyArray<Document>): DenseMatrix {
    const { vectorizer, classifier } = this.state("predictProba")
    return classifier.predictProba(vectorizer.transform(docs))
  }

  private state(what: string): { vectorizer: TfidfVectorizer; classifier: LogisticRegression | MultinomialNB } {
    if (!this.vectorizer || !this.classifier) throw new Error(`SentimentClassifier.${what}: call fit() first`)
    return { vectorizer: this.vectorizer, classifier: this.classifier }
  }
}
