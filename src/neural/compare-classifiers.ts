import { auc } from "../metrics/auc"
import { accuracy, f1, logLoss, precision, recall } from "../metrics/classification"
import type { BinaryClassifier } from "./binary-classifier"
import type { TabularFeatures } from "./tabular-features"

/** Test-set metrics of one classifier (labels at threshold 0.5 for accuracy, precision, recall, F1). */
export interface ClassifierScores {
  name: string
  accuracy: number
  precision: number
  recall: number
  f1: number
  rocAuc: number
  logLoss: number
  fitSeconds: number
}

/**
 * Fits every classifier on the same training split and scores it on the same test split with the
 * metrics of src/evaluation: accuracy, precision, recall, F1 (at threshold `threshold`), ROC-AUC and log loss.
 * @example const rows = await compareClassifiers([mlp, rf, lr], train, test)
 */
export async function compareClassifiers(
  models: BinaryClassifier[],
  train: { x: TabularFeatures; y: ArrayLike<number> },
  test: { x: TabularFeatures; y: ArrayLike<number> },
  threshold = 0.5,
): Promise<ClassifierScores[]> {
  if (!(threshold > 0 && threshold < 1))
    throw new Error(`compareClassifiers: threshold must be in (0, 1), got ${threshold}`)
  const out: ClassifierScores[] = []
  for (const model of models) {
    const start = performance.now()
    await model.fit(train.x, train.y)
    const fitSeconds = (performance.now() - start) / 1000
    out.push(scoreProbabilities(model.name, test.y, model.predictProba(test.x), threshold, fitSeconds))
  }
  return out
}

/** The {@link ClassifierScores} of predicted probabilities `p` against labels `y`. */
export function scoreProbabilities(
  name: string,
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  threshold = 0.5,
  fitSeconds = 0,
): ClassifierScores {
  const predicted = new Uint8Array(p.length)
  for (let i = 0; i < p.length; i++) predicted[i] = p[i] >= threshold ? 1 : 0
  return {
    name,
    accuracy: accuracy(y, predicted),
    precision: precision(y, predicted),
    recall: recall(y, predicted),
    f1: f1(y, predicted),
    rocAuc: auc(p, y),
    logLoss: logLoss(y, p),
    fitSeconds,
  }
}
