import { checkBinaryLabels, checkLength } from "./labels"

/** The confusion counts of binary predictions (positive class 1). */
export interface ConfusionCounts {
  truePositives: number
  falsePositives: number
  trueNegatives: number
  falseNegatives: number
}

/**
 * Confusion counts of 0/1 predictions against 0/1 labels.
 * @example confusionCounts([1, 0, 1], [1, 1, 0]) // { truePositives: 1, falsePositives: 1, trueNegatives: 0, falseNegatives: 1 }
 */
export function confusionCounts(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ConfusionCounts {
  checkLength("confusionCounts", "yTrue", yTrue)
  checkBinaryLabels("confusionCounts", "yTrue", yTrue, yTrue.length)
  checkBinaryLabels("confusionCounts", "yPred", yPred, yTrue.length)
  const c: ConfusionCounts = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 }
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === 1) {
      if (yTrue[i] === 1) c.truePositives++
      else c.falsePositives++
    } else if (yTrue[i] === 1) c.falseNegatives++
    else c.trueNegatives++
  }
  return c
}

/**
 * Accuracy = (TP + TN) / n.
 * @example accuracy([1, 0, 1, 1], [1, 0, 0, 1]) // 0.75
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionCounts(yTrue, yPred)
  return (c.truePositives + c.trueNegatives) / yTrue.length
}

/**
 * Precision = TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's
 * `zero_division=0`, which warns; here the convention is documented instead).
 * @example precision([1, 0, 1, 1], [1, 1, 0, 1]) // 2/3
 */
export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionCounts(yTrue, yPred)
  const predicted = c.truePositives + c.falsePositives
  return predicted === 0 ? 0 : c.truePositives / predicted
}

/**
 * Recall = TP / (TP + FN); 0 when there is no positive label (scikit-learn's `zero_division=0`).
 * @example recall([1, 0, 1, 1], [1, 1, 0, 1]) // 2/3
 */
export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionCounts(yTrue, yPred)
  const actual = c.truePositives + c.falseNegatives
  return actual === 0 ? 0 : c.truePositives / actual
}

/**
 * F1 = 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall; 0 when TP + FP + FN = 0.
 * @example f1([1, 0, 1, 1], [1, 1, 0, 0]) // 0.4
 */
export function f1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = confusionCounts(yTrue, yPred)
  const denominator = 2 * c.truePositives + c.falsePositives + c.falseNegatives
  return denominator === 0 ? 0 : (2 * c.truePositives) / denominator
}

/**
 * Log loss (binary cross-entropy) = −(1/n) Σ [y log p + (1 − y) log(1 − p)], with p clipped to
 * [eps, 1 − eps] (eps = 1e-15, scikit-learn's former default) so a confident mistake costs a
 * large but finite amount.
 * @example logLoss([1, 0], [0.9, 0.2]) // −(ln 0.9 + ln 0.8)/2 ≈ 0.1643
 */
export function logLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  checkLength("logLoss", "yTrue", yTrue)
  checkBinaryLabels("logLoss", "yTrue", yTrue, yTrue.length)
  checkLength("logLoss", "probabilities", probabilities, yTrue.length)
  if (!(eps > 0 && eps < 0.5)) throw new Error(`logLoss: eps must be in (0, 0.5), got ${eps}`)
  let sum = 0
  for (let i = 0; i < yTrue.length; i++) {
    const raw = probabilities[i]
    if (!(raw >= 0 && raw <= 1))
      throw new Error(`logLoss: probabilities must be in [0, 1], got probabilities[${i}] = ${raw}`)
    const p = Math.min(1 - eps, Math.max(eps, raw))
    sum -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return sum / yTrue.length
}
