export { checkLabels, encodeLabels, confusionMatrix } from "./labels"
export { LogisticRegression } from "./logistic-regression"
export type { LogisticRegressionOptions } from "./logistic-regression"
export { L1LogisticRegression } from "./l1-logistic-regression"
export type { L1LogisticRegressionOptions } from "./l1-logistic-regression"
export { chineseSegmenterAvailable, Tokenizer, ENGLISH_STOP_WORDS, CHINESE_STOP_WORDS } from "./tokenizer"
export type { TokenizerOptions } from "./tokenizer"
export { CountVectorizer } from "./count-vectorizer"
export type { Document, CountVectorizerOptions } from "./count-vectorizer"
export { TfidfVectorizer } from "./tfidf"
export type { TfidfOptions } from "./tfidf"
export { MultinomialNB } from "./naive-bayes"
export type { MultinomialNBOptions } from "./naive-bayes"
export {
  ratingToSentiment,
  SENTIMENTS,
  POSITIVE_WORDS,
  NEGATIVE_WORDS,
  NEGATION_WORDS,
  LexiconSentiment,
  SentimentClassifier,
} from "./sentiment"
export type { LexiconOptions, SentimentClassifierOptions } from "./sentiment"
export { interestTags, applyReviewSentiment } from "./interest-tags"
export type { InterestTag, InterestTagOptions } from "./interest-tags"
export { nearestRows } from "./similarity"
export type { Neighbour } from "./similarity"
export { userDocuments } from "./user-documents"
