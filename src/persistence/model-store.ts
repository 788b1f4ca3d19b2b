import { KMeans } from "../behavior/kmeans"
import { MarkovChain } from "../behavior/markov-chain"
import { PrototypeClassifier } from "../coldstart/prototype-classifier"
import { LinearRewardModel } from "../evaluation/reward-model"
import { LogisticClassifier } from "../neural/logistic-classifier"
import { RandomForest } from "../neural/random-forest"
import { CountVectorizer } from "../text/count-vectorizer"
import { L1LogisticRegression } from "../text/l1-logistic-regression"
import { LogisticRegression } from "../text/logistic-regression"
import { MultinomialNB } from "../text/naive-bayes"
import { LexiconSentiment, SentimentClassifier } from "../text/sentiment"
import { TfidfVectorizer } from "../text/tfidf"
import { Tokenizer } from "../text/tokenizer"
import { readStateFiles, writeStateFiles } from "./state-files"
import { decodeState, encodeState, type SavedState } from "./state-format"

// biome-ignore lint/suspicious/noExplicitAny: a registry of constructors whose signatures differ
type ModelClass = abstract new (...args: any[]) => object

/**
 * The fitted models (besides policies and recommenders) `saveModel` / `loadModel` know: segmentation,
 * sequence, cold-start, tabular and text models and the off-policy reward model. The neural models
 * on TensorFlow.js are not among them: their weights live in tfjs tensors.
 */
const MODEL_CLASSES: Readonly<Record<string, ModelClass>> = {
  CountVectorizer,
  KMeans,
  L1LogisticRegression,
  LexiconSentiment,
  LinearRewardModel,
  LogisticClassifier,
  LogisticRegression,
  MarkovChain,
  MultinomialNB,
  PrototypeClassifier,
  RandomForest,
  SentimentClassifier,
  TfidfVectorizer,
  Tokenizer,
}

/** The model classes `saveModel` / `loadModel` know, by class name. */
export const SAVABLE_MODELS: readonly string[] = Object.keys(MODEL_CLASSES)

const classOf = (instance: object): string | undefined => {
  const name = instance.constructor?.name
  return name !== undefined && MODEL_CLASSES[name] === instance.constructor ? name : undefined
}

/**
 * A fitted model's state as stable JSON plus binary (see `encodeState`): every field, nested models
 * (a TF-IDF vectorizer's counter and tokenizer) tagged with their class. Restored with
 * {@link modelFromState}, the model predicts exactly as the saved one.
 * @throws for a class outside {@link SAVABLE_MODELS}
 * @example const saved = modelState(new KMeans({ k: 4 }).fit(X, rng))
 */
export function modelState(model: object): SavedState {
  const type = classOf(model)
  if (type === undefined)
    throw new Error(
      `modelState: ${model.constructor?.name ?? typeof model} cannot be saved; savable models: ${SAVABLE_MODELS.join(", ")}`,
    )
  return encodeState(type, model, classOf)
}

/**
 * Rebuilds a model from {@link modelState}. Like Python's pickle it does not call the constructor:
 * an object of the saved class gets the saved fields, nested models likewise (their options were
 * validated when the original was built).
 * @throws on an unknown class, another format or version
 */
export function modelFromState<T extends object = object>(saved: SavedState): T {
  const { type, fields } = decodeState(saved)
  if (!(type in MODEL_CLASSES))
    throw new Error(`modelFromState: unknown model class ${type}; savable models: ${SAVABLE_MODELS.join(", ")}`)
  const revive = (value: unknown, className?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => revive(v))
    if (value instanceof Map) return new Map(Array.from(value, ([k, v]) => [revive(k), revive(v)]))
    if (value instanceof Set) return new Set(Array.from(value, (v) => revive(v)))
    if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return value
    const record = value as { [key: string]: unknown }
    const name = className ?? (typeof record.$class === "string" ? record.$class : undefined)
    if (name !== undefined && !(name in MODEL_CLASSES))
      throw new Error(
        `modelFromState: unknown nested model class ${name}; savable models: ${SAVABLE_MODELS.join(", ")}`,
      )
    const out: { [key: string]: unknown } =
      name === undefined ? {} : Object.create((MODEL_CLASSES[name] as { prototype: object }).prototype)
    for (const [key, v] of Object.entries(record)) if (key !== "$class") out[key] = revive(v)
    return out
  }
  return revive(fields, type) as T
}

/**
 * Saves a fitted model to `<path>.json` and `<path>.bin` (atomically, as `savePolicy`). Refuses to
 * overwrite unless `overwrite` is true.
 * @example saveModel(new RandomForest({ trees: 50 }).fit(x, y), "models/forest")
 */
export function saveModel(model: object, path: string, options: { overwrite?: boolean } = {}): void {
  writeStateFiles(() => modelState(model), path, options.overwrite === true, "saveModel")
}

/**
 * Loads a model saved by {@link saveModel}.
 * @throws naming the missing file, or as {@link modelFromState}
 */
export function loadModel<T extends object = object>(path: string): T {
  return modelFromState<T>(readStateFiles(path, "loadModel"))
}
