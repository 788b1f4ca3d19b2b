import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { KMeans } from "../../src/behavior/kmeans"
import { MarkovChain } from "../../src/behavior/markov-chain"
import { PrototypeClassifier } from "../../src/coldstart/prototype-classifier"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { EstimatedBehaviorPolicy } from "../../src/evaluation/behavior-policy"
import { IpwPolicyLearner } from "../../src/evaluation/ipw-policy-learner"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { TabularSlateRewardModel } from "../../src/evaluation/slate-reward-model"
import { PlackettLuceSlatePolicy } from "../../src/evaluation/plackett-luce-slate-policy"
import { LateFusion } from "../../src/neural/late-fusion"
import { TransferLogistic } from "../../src/neural/transfer-logistic"
import { SyntheticSlateProblem } from "../../src/simulation/slate-log-synthetic"
import { denseMatrix } from "../../src/linalg/matrix"
import { LogisticClassifier } from "../../src/neural/logistic-classifier"
import { RandomForest } from "../../src/neural/random-forest"
import type { TabularFeatures } from "../../src/neural/tabular-features"
import {
  loadModel,
  modelFromState,
  modelState,
  SAVABLE_MODELS,
  SAVABLE_NETWORK_MODELS,
  saveModel,
} from "../../src/persistence/model-store"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"
import { L1LogisticRegression } from "../../src/text/l1-logistic-regression"
import { LogisticRegression } from "../../src/text/logistic-regression"
import { MultinomialNB } from "../../src/text/naive-bayes"
import { LexiconSentiment, SentimentClassifier } from "../../src/text/sentiment"
import { TfidfVectorizer } from "../../src/text/tfidf"
import { tempDir } from "../temp-dir"

const dir = tempDir("il-model-store-")
const rng = createRng(8)
// Two Gaussian blobs in 3 dimensions, labelled by blob.
const points = Array.from({ length: 60 }, (_, i) => [0, 1, 2].map((d) => (i % 2 ? 2 : -1) + d * 0.1 + normal(rng)))
const labels = Int32Array.from({ length: 60 }, (_, i) => i % 2)
const X = denseMatrix(points)
const tabular: TabularFeatures = { data: Float32Array.from(points.flat()), rows: 60, cols: 3 }
const docs = [
  "good cheap phone",
  "bad broken phone",
  "great good value",
  "awful bad service",
  "good service",
  "broken bad",
]
const sentiment = Int32Array.of(1, 0, 1, 0, 1, 0)
const problem = new SyntheticBanditProblem({ nActions: 3, nPositions: 2, nFeatures: 2 }, createRng(5))
const logging = new LinearSoftmaxPolicy(
  "logging",
  Float64Array.from({ length: 6 }, () => normal(rng)),
  3,
  2,
  {
    epsilon: 0.3,
  },
)
const log = problem.sampleLog(200, logging, createRng(6))

const slates = new SyntheticSlateProblem({ world: { users: 60, items: 40, seed: 7 }, slateLength: 3 })
const slateLogging = new PlackettLuceSlatePolicy(
  "logging",
  Float64Array.from({ length: slates.nActions * slates.nFeatures }, () => normal(rng, 0, 0.5)),
  slates.nActions,
  slates.nFeatures,
)
const slateLog = slates.sampleLog(100, slateLogging, createRng(9))
const actionsOf = (m: { actionProbabilities(l: typeof log, i: number, out: Float64Array): void }) => {
  const out = new Float64Array(3)
  return [0, 7, 99, 150].flatMap((i) => {
    m.actionProbabilities(log, i, out)
    return Array.from(out)
  })
}
const half = (p: number[]) => Float64Array.from(p, (v) => 1 / (1 + Math.exp(-v / 2)))

/** Each savable model, fitted, with a function giving its predictions (compared bit for bit). */
const cases: [string, () => object, (m: never) => unknown][] = [
  ["KMeans", () => new KMeans({ k: 2 }).fit(X, createRng(1)), (m: KMeans) => Array.from(m.predict(X))],
  [
    "MarkovChain",
    () =>
      new MarkovChain({ nStates: 3, smoothing: 0.5 }).fit([
        [0, 1, 2, 1, 0],
        [2, 2, 1],
      ]),
    (m: MarkovChain) => Array.from(m.nStep(0, 3)),
  ],
  [
    "PrototypeClassifier",
    () => new PrototypeClassifier().fit(Float64Array.from(points.flat()), labels, 3),
    (m: PrototypeClassifier) => Array.from(m.distances(Float64Array.from(points.flat()))),
  ],
  [
    "LogisticClassifier",
    () => new LogisticClassifier().fit(tabular, labels),
    (m: LogisticClassifier) => Array.from(m.predictProba(tabular)),
  ],
  [
    "RandomForest",
    () => new RandomForest({ seed: 3, nEstimators: 5, maxDepth: 4 }).fit(tabular, labels),
    (m: RandomForest) => Array.from(m.predictProba(tabular)),
  ],
  [
    "MultinomialNB",
    () => new MultinomialNB().fit(denseMatrix(points.map((p) => p.map(Math.abs))), labels),
    (m: MultinomialNB) => Array.from(m.predictProba(denseMatrix(points.map((p) => p.map(Math.abs)))).data),
  ],
  [
    "LogisticRegression",
    () => new LogisticRegression().fit(X, labels),
    (m: LogisticRegression) => Array.from(m.predictProba(X).data),
  ],
  [
    "L1LogisticRegression",
    () => new L1LogisticRegression().fit(X, labels),
    (m: L1LogisticRegression) => Array.from(m.predictProba(X)),
  ],
  [
    "TfidfVectorizer",
    () => new TfidfVectorizer().fit(docs),
    (m: TfidfVectorizer) => Array.from(m.transform(["good phone", "bad value"]).data),
  ],
  ["LexiconSentiment", () => new LexiconSentiment(), (m: LexiconSentiment) => Array.from(m.predict(docs))],
  [
    "SentimentClassifier",
    () => new SentimentClassifier().fit(docs, sentiment),
    (m: SentimentClassifier) => Array.from(m.predictProba(["good value", "broken service"]).data),
  ],
  [
    "LinearRewardModel",
    () => new LinearRewardModel({ kind: "logistic", l2: 1 }).fit(log),
    (m: LinearRewardModel) => {
      const out = new Float64Array(6)
      return [0, 7, 99].flatMap((i) => {
        m.predictRound(log, i, out)
        return Array.from(out)
      })
    },
  ],
]

cases.push(
  [
    "TransferLogistic",
    () =>
      new TransferLogistic(
        { l2: 5 },
        {
          weights: Float64Array.of(0.3, -0.2, 0.1),
          bias: 0.1,
          mean: new Float64Array(3),
          scale: Float64Array.of(1, 1, 1),
        },
      ).fit(tabular, labels),
    (m: TransferLogistic) => Array.from(m.predictProba(tabular)),
  ],
  [
    "LateFusion",
    () => new LateFusion().fit([half(points.map((p) => p[0])), half(points.map((p) => p[1]))], labels),
    (m: LateFusion) => Array.from(m.predictProba([half(points.map((p) => p[0])), half(points.map((p) => p[2]))])),
  ],
  ["IpwPolicyLearner", () => new IpwPolicyLearner({ epsilon: 0.1 }).fit(log), (m: IpwPolicyLearner) => actionsOf(m)],
  [
    "EstimatedBehaviorPolicy",
    () => new EstimatedBehaviorPolicy().fit(log),
    (m: EstimatedBehaviorPolicy) => actionsOf(m),
  ],
  [
    "TabularSlateRewardModel",
    () => new TabularSlateRewardModel({ smoothing: 1 }).fit(slateLog),
    (m: TabularSlateRewardModel) => {
      const out = new Float64Array(slateLog.nActions)
      return [0, 1, 2].flatMap((k) => {
        m.predict(slateLog, 0, k, out)
        return Array.from(out)
      })
    },
  ],
)

describe.each(cases)("saving and loading %s", (name, make, predict) => {
  it("the loaded model is of the same class and predicts exactly as the saved one; equal models give identical files", () => {
    const model = make()
    const again = modelFromState(modelState(model))
    expect(again.constructor).toBe(model.constructor)
    expect(predict(again as never)).toEqual(predict(model as never))
    expect(modelState(again).json).toBe(modelState(model).json)
    const path = join(dir, name)
    saveModel(model, path)
    expect(predict(loadModel(path) as never)).toEqual(predict(model as never))
    expect(() => saveModel(model, path)).toThrow(`saveModel: ${path}.json already exists`)
  })
})

describe("model store", () => {
  it("covers every class it lists, and refuses others naming the savable ones", () => {
    expect(cases.map(([name]) => name).sort()).toEqual(
      SAVABLE_MODELS.filter(
        (n) => n !== "CountVectorizer" && n !== "Tokenizer" && !SAVABLE_NETWORK_MODELS.includes(n),
      ).sort(),
    )
    expect(() => modelState(new Map())).toThrow(/^modelState: Map cannot be saved; savable models: CountVectorizer, /)
  })

  it("keeps nested models' classes: a TF-IDF vectorizer's counter and tokenizer", () => {
    const tfidf = modelFromState<TfidfVectorizer>(modelState(new TfidfVectorizer().fit(docs)))
    const nested = Object.values(tfidf).filter((v) => v !== null && typeof v === "object" && !ArrayBuffer.isView(v))
    expect(nested.map((v) => (v as object).constructor.name)).toContain("CountVectorizer")
  })
})
