import { KMeans } from "../behavior/kmeans"
import { MarkovChain } from "../behavior/markov-chain"
import { PrototypeClassifier } from "../coldstart/prototype-classifier"
import { EstimatedBehaviorPolicy } from "../evaluation/behavior-policy"
import { IpwPolicyLearner } from "../evaluation/ipw-policy-learner"
import { MlpPolicyLearner } from "../evaluation/mlp-policy-learner"
import { LinearRewardModel } from "../evaluation/reward-model"
import { TabularSlateRewardModel } from "../evaluation/slate-reward-model"
import { InterestMlp } from "../neural/interest-mlp"
import { InterestTagModel } from "../neural/interest-tag-model"
import { LateFusion } from "../neural/late-fusion"
import { LogisticClassifier } from "../neural/logistic-classifier"
import { MultiInputMlp } from "../neural/multi-input-mlp"
import type { FittedNetwork, SavableNetwork } from "../neural/network-weights"
import { NextCategoryModel } from "../neural/next-category-model"
import { RandomForest } from "../neural/random-forest"
import { Seq2SeqModel } from "../neural/seq2seq-model"
import { TransferLogistic } from "../neural/transfer-logistic"
import { CountVectorizer } from "../text/count-vectorizer"
import { L1LogisticRegression } from "../text/l1-logistic-regression"
import { LogisticRegression } from "../text/logistic-regression"
import { MultinomialNB } from "../text/naive-bayes"
import { LexiconSentiment, SentimentClassifier } from "../text/sentiment"
import { TfidfVectorizer } from "../text/tfidf"
import { Tokenizer } from "../text/tokenizer"
import { loadError, readStateFiles, writeStateFiles } from "./state-files"
import { decodeState, encodeState, type SavedState } from "./state-format"

// biome-ignore lint/suspicious/noExplicitAny: a registry of constructors whose signatures differ
type ModelClass = abstract new (...args: any[]) => object

/**
 * The fitted models (besides policies and recommenders) `saveModel` / `loadModel` know: segmentation,
 * sequence, cold-start, tabular (transfer logistic, late fusion included) and text models, and the
 * off-policy reward models, behaviour-policy estimate and IPW policy learner, restored field by
 * field. The models on TensorFlow.js are in {@link NETWORK_CLASSES}.
 */
const MODEL_CLASSES: Readonly<Record<string, ModelClass>> = {
  CountVectorizer,
  EstimatedBehaviorPolicy,
  IpwPolicyLearner,
  KMeans,
  L1LogisticRegression,
  LateFusion,
  LexiconSentiment,
  LinearRewardModel,
  LogisticClassifier,
  LogisticRegression,
  MarkovChain,
  MultinomialNB,
  PrototypeClassifier,
  RandomForest,
  SentimentClassifier,
  TabularSlateRewardModel,
  TfidfVectorizer,
  Tokenizer,
  TransferLogistic,
}

/** A model class on TensorFlow.js: how it is built from saved options, and which options it was built with. */
interface NetworkClass {
  build(options: never): SavableNetwork
  options(model: never): object
}

/**
 * The models on TensorFlow.js: saved as their options, what `fit` learned besides the weights, and
 * the weights (float32, exact); loaded by building the class from its options and rebuilding its
 * network with the saved weights (see `SavableNetwork`), which needs TensorFlow.js, hence
 * {@link loadModelAsync}.
 */
const NETWORK_CLASSES: Readonly<Record<string, NetworkClass>> = {
  InterestMlp: {
    build: (o) => new InterestMlp(o),
    options: (m: InterestMlp) => ({ ...m.config, hidden: m.hidden }),
  },
  InterestTagModel: { build: (o) => new InterestTagModel(o), options: (m: InterestTagModel) => m.config },
  MlpPolicyLearner: { build: (o) => new MlpPolicyLearner(o), options: (m: MlpPolicyLearner) => m.options },
  MultiInputMlp: {
    build: (o) => new MultiInputMlp(o),
    options: (m: MultiInputMlp) => ({ ...m.config, inputs: m.inputs, hidden: m.hidden }),
  },
  NextCategoryModel: { build: (o) => new NextCategoryModel(o), options: (m: NextCategoryModel) => m.config },
  Seq2SeqModel: { build: (o) => new Seq2SeqModel(o), options: (m: Seq2SeqModel) => m.config },
}

/** The model classes `saveModel` / `loadModel` know, by class name (those on TensorFlow.js load with `loadModelAsync`). */
export const SAVABLE_MODELS: readonly string[] = [...Object.keys(MODEL_CLASSES), ...Object.keys(NETWORK_CLASSES)].sort()

/** The model classes on TensorFlow.js, which load with {@link loadModelAsync} / {@link modelFromStateAsync}. */
export const SAVABLE_NETWORK_MODELS: readonly string[] = Object.keys(NETWORK_CLASSES)

/** Options as saved, without the nulls that stand for options not set (constructors fill their defaults). */
function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  )
}

const networkClassOf = (model: object): string | undefined => {
  const name = model.constructor?.name
  return name !== undefined && name in NETWORK_CLASSES ? name : undefined
}

const classOf = (instance: object): string | undefined => {
  const name = instance.constructor?.name
  return name !== undefined && MODEL_CLASSES[name] === instance.constructor ? name : undefined
}

/**
 * A fitted model's state as stable JSON plus binary (see `encodeState`): every field, nested models
 * (a TF-IDF vectorizer's counter and tokenizer) tagged with their class. Restored with
 * {@link modelFromState}, the model predicts exactly as the saved one.
 * A model on TensorFlow.js is saved as its options, what `fit` learned besides the weights and the
 * weights (float32, exact), and loads with {@link modelFromStateAsync}.
 * @throws for a class outside {@link SAVABLE_MODELS}, or a TensorFlow.js model not fitted yet
 * @example const saved = modelState(new KMeans({ k: 4 }).fit(X, rng))
 */
export function modelState(model: object): SavedState {
  const network = networkClassOf(model)
  if (network !== undefined) {
    const fitted = (model as SavableNetwork).fittedNetwork()
    if (fitted === undefined) throw new Error(`modelState: the ${network} is not fitted; call fit before saving it`)
    // Options not set and callbacks (`log`) are not state: a loaded model has them unset.
    const options = Object.entries(NETWORK_CLASSES[network].options(model as never)).filter(
      ([, v]) => v !== undefined && typeof v !== "function",
    )
    return encodeState(network, { options: Object.fromEntries(options), ...fitted })
  }
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
  if (type in NETWORK_CLASSES)
    throw new Error(
      `modelFromState: the saved ${type} runs on TensorFlow.js; load it with await modelFromStateAsync(saved) or loadModelAsync(path)`,
    )
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
 * Rebuilds any savable model from {@link modelState}, those on TensorFlow.js included: such a model is
 * built from its saved options, then its network from the saved sizes and weights, on the backend
 * `fit` would choose (loading TensorFlow.js now, not before); it then predicts exactly as the saved
 * one did on the same backend. Other models are restored as by {@link modelFromState}.
 * @throws on an unknown class, another format or version, or options, sizes or weights that do not fit, naming the field
 * @example const mlp = await modelFromStateAsync<InterestMlp>(modelState(fittedMlp))
 */
export async function modelFromStateAsync<T extends object = object>(saved: SavedState): Promise<T> {
  const { type, fields } = decodeState(saved)
  const network = NETWORK_CLASSES[type]
  if (network === undefined) return modelFromState<T>(saved)
  const model = network.build(withoutNulls(fields.options ?? {}) as never)
  await model.restoreNetwork({
    fitted: (fields.fitted ?? {}) as FittedNetwork["fitted"],
    weights: fields.weights as never,
  })
  return model as unknown as T
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
 * Loads a model saved by {@link saveModel} (one on TensorFlow.js with {@link loadModelAsync}).
 * @throws naming the missing file, or the file and what is wrong in it
 */
export function loadModel<T extends object = object>(path: string): T {
  const saved = readStateFiles(path, "loadModel")
  try {
    return modelFromState<T>(saved)
  } catch (e) {
    throw loadError(e, path, "loadModel")
  }
}

/**
 * Loads any model saved by {@link saveModel}, those on TensorFlow.js included (see {@link modelFromStateAsync}).
 * @throws naming the missing file, or the file and what is wrong in it
 * @example const mlp = await loadModelAsync<InterestMlp>("models/mlp"); mlp.predictProba(x)
 */
export async function loadModelAsync<T extends object = object>(path: string): Promise<T> {
  const saved = readStateFiles(path, "loadModelAsync")
  try {
    return await modelFromStateAsync<T>(saved)
  } catch (e) {
    throw loadError(e, path, "loadModelAsync")
  }
}
