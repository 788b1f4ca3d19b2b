import { studentTQuantile } from "../evaluation/slope"
import { auc } from "../metrics/auc"
import { logLoss } from "../metrics/classification"
import { createRng } from "../random/rng"
import { shuffle } from "../random/uniform"
import type { ItemFeatures } from "../recommenders/content-based"
import { principalItemFeatures } from "../recommenders/principal-item-features"
import type { EventLog } from "../schema/event-log"
import type { World } from "../world/world"
import type { BinaryClassifier } from "./binary-classifier"
import { clickDataset } from "./click-dataset"
import { concatenateFeatures } from "./early-fusion"
import { LateFusion } from "./late-fusion"
import { LogisticClassifier } from "./logistic-classifier"
import { modalityClickFeatures } from "./modality-click-features"
import { selectRows, type TabularFeatures } from "./tabular-features"

/** Options of {@link compareModalities} (defaults in brackets). */
export interface ModalityComparisonOptions {
  /** Impressions drawn per repeat [30000]. */
  impressions?: number
  /** Repeats, each with its own impressions and split [5]. */
  repeats?: number
  /** Root seed: repeat r draws from `createRng(seed, r)` [1]. */
  seed?: number
  /** Share of each repeat's rows used for training [1/3: clicks are rare, and the test rows set the interval widths]. */
  trainShare?: number
  /** Principal components kept per modality ({@link principalItemFeatures}) [12]. */
  components?: number
  /** The classifier fitted on every feature set [L2 logistic regression, C = 1]. */
  model?: () => BinaryClassifier
}

/** A mean over repeats with its Student-t 95% interval. */
export interface MeanInterval {
  mean: number
  low: number
  high: number
}

/** One model's test metrics in one repeat. */
export interface ModalityScore {
  model: string
  repeat: number
  auc: number
  logLoss: number
}

/** The result of {@link compareModalities}. */
export interface ModalityComparison {
  /** Models in order: no content, text, image, early fusion, late fusion. */
  models: string[]
  scores: ModalityScore[]
  /** Per model: mean test AUC and log loss over the repeats with 95% intervals. */
  summary: { model: string; auc: MeanInterval; logLoss: MeanInterval }[]
  /** Paired over repeats: early-fusion AUC minus text AUC and minus image AUC. */
  fusionGain: { overText: MeanInterval; overImage: MeanInterval }
  /** Late fusion's learned logit weights (text, image), averaged over the repeats. */
  lateWeights: [number, number]
}

/**
 * The mean with its Student-t 95% interval, mean ± t_{n−1}(0.975)·sd/√n (sd with divisor n − 1); a
 * single value gets a zero-width interval.
 * @example meanInterval([1, 2, 3, 4]) // { mean: 2.5, low: 0.446, high: 4.554 }
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length
  if (n === 0) throw new Error("meanInterval: no values")
  const mean = values.reduce((s, v) => s + v, 0) / n
  if (n === 1) return { mean, low: mean, high: mean }
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1))
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n)
  return { mean, low: mean - half, high: mean + half }
}

function columns(x: TabularFeatures, from: number, to: number): TabularFeatures {
  const cols = to - from
  const data = new Float32Array(x.rows * cols)
  for (let r = 0; r < x.rows; r++) data.set(x.data.subarray(r * x.cols + from, r * x.cols + to), r * cols)
  return { data, rows: x.rows, cols, names: x.names?.slice(from, to) }
}

/**
 * Text vs image vs both for click prediction (seed 001 §四, seed 004 §8.1: multimodal interest).
 * Each repeat draws `clickDataset` impressions after `history`, keeps its user and context columns
 * (never the item's category, price or history: the item is known only by its content, as a new
 * item would be), adds each modality's {@link modalityClickFeatures} (centred item vector and the
 * user's content-based match), splits the rows at random, and fits the same classifier on: user +
 * context alone, + text, + image, + both (early fusion, {@link concatenateFeatures}); late fusion
 * ({@link LateFusion}) stacks the text and image models' training-row probabilities. Scores are
 * test ROC-AUC and log loss, with Student-t 95% intervals over the repeats.
 * @example const r = await compareModalities(world, events, { text, image }, { repeats: 5 })
 */
export async function compareModalities(
  world: World,
  history: EventLog,
  modalities: { text: ItemFeatures; image: ItemFeatures },
  options: ModalityComparisonOptions = {},
): Promise<ModalityComparison> {
  const impressions = options.impressions ?? 30000
  const repeats = options.repeats ?? 5
  const seed = options.seed ?? 1
  const trainShare = options.trainShare ?? 1 / 3
  const model = options.model ?? (() => new LogisticClassifier({ C: 1 }))
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new Error(`compareModalities: repeats must be a positive integer, got ${repeats}`)
  if (!(trainShare > 0 && trainShare < 1))
    throw new Error(`compareModalities: trainShare must be in (0, 1), got ${trainShare}`)
  for (const [name, f] of Object.entries(modalities))
    if (f.nItems !== world.nItems)
      throw new Error(`compareModalities: ${name} features describe ${f.nItems} items, the world has ${world.nItems}`)
  const k = options.components ?? 12
  const textItems = principalItemFeatures(modalities.text, Math.min(k, modalities.text.dimension))
  const imageItems = principalItemFeatures(modalities.image, Math.min(k, modalities.image.dimension))
  const nc = world.nCategories
  const models = ["user + context", "text", "image", "early fusion", "late fusion"]
  const scores: ModalityScore[] = []
  const weights: [number, number] = [0, 0]
  for (let repeat = 0; repeat < repeats; repeat++) {
    const rng = createRng(seed, repeat)
    const data = clickDataset(world, history, impressions, rng)
    // clickDataset's columns: user (nc + 3), item (nc + 3), context (7), match (1).
    const user = columns(data.x, 0, nc + 3)
    const context = columns(data.x, 2 * (nc + 3), 2 * (nc + 3) + 7)
    const text = modalityClickFeatures(textItems, history, data.user, data.item, "text")
    const image = modalityClickFeatures(imageItems, history, data.user, data.item, "image")
    const sets = [
      concatenateFeatures([user, context]),
      concatenateFeatures([user, context, text]),
      concatenateFeatures([user, context, image]),
      concatenateFeatures([user, context, text, image]),
    ]
    const order = shuffle(
      rng,
      Int32Array.from({ length: impressions }, (_, r) => r),
    )
    const cut = Math.round(trainShare * impressions)
    const trainRows = order.subarray(0, cut)
    const testRows = order.subarray(cut)
    const yTrain = Uint8Array.from(trainRows, (r) => data.y[r])
    const yTest = Uint8Array.from(testRows, (r) => data.y[r])
    const trainPredictions: Float64Array[] = []
    const testPredictions: Float64Array[] = []
    for (const [k, x] of sets.entries()) {
      const m = model()
      const xTrain = selectRows(x, trainRows)
      await m.fit(xTrain, yTrain)
      // Late fusion stacks the single-modality models (sets 1 and 2) on their training rows.
      if (k === 1 || k === 2) trainPredictions.push(m.predictProba(xTrain))
      testPredictions.push(m.predictProba(selectRows(x, testRows)))
      m.dispose()
    }
    const late = new LateFusion().fit(trainPredictions, yTrain)
    testPredictions.push(late.predictProba([testPredictions[1], testPredictions[2]]))
    weights[0] += (late.weights_ as number[])[0] / repeats
    weights[1] += (late.weights_ as number[])[1] / repeats
    testPredictions.forEach((p, k) =>
      scores.push({ model: models[k], repeat, auc: auc(p, yTest), logLoss: logLoss(yTest, p) }),
    )
  }
  const of = (name: string, metric: "auc" | "logLoss") => scores.filter((s) => s.model === name).map((s) => s[metric])
  const gain = (other: string) => meanInterval(of("early fusion", "auc").map((v, r) => v - of(other, "auc")[r]))
  return {
    models,
    scores,
    summary: models.map((name) => ({
      model: name,
      auc: meanInterval(of(name, "auc")),
      logLoss: meanInterval(of(name, "logLoss")),
    })),
    fusionGain: { overText: gain("text"), overImage: gain("image") },
    lateWeights: weights,
  }
}
