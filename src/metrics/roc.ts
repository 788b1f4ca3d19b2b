import { checkBinaryLabels } from "./labels"

/** A ROC curve: `fpr[j]`, `tpr[j]` when predicting positive for scores ≥ `thresholds[j]`. */
export interface RocCurve {
  fpr: Float64Array
  tpr: Float64Array
  thresholds: Float64Array
}

/**
 * The ROC curve at every distinct score, from (0, 0) at threshold +∞ to (1, 1) at the smallest
 * score, as scikit-learn's `roc_curve(..., drop_intermediate=False)`.
 * @throws when all labels are equal
 * @example rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]).tpr // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const n = scores.length
  const { positives, negatives } = checkBinaryLabels("rocCurve", "labels", labels, n)
  if (positives === 0 || negatives === 0) throw new Error("rocCurve: labels must contain both 0 and 1")
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`rocCurve: scores[${i}] is NaN`)
    order[i] = i
  }
  order.sort((a, b) => scores[b] - scores[a])
  const fpr = [0]
  const tpr = [0]
  const thresholds = [Infinity]
  let tp = 0
  let fp = 0
  for (let i = 0; i < n; i++) {
    if (labels[order[i]] === 1) tp++
    else fp++
    if (i + 1 < n && scores[order[i + 1]] === scores[order[i]]) continue
    fpr.push(fp / negatives)
    tpr.push(tp / positives)
    thresholds.push(scores[order[i]])
  }
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), thresholds: Float64Array.from(thresholds) }
}

/**
 * Area under the ROC curve by the trapezoidal rule over `rocCurve` (equal to the Mann–Whitney
 * `auc`, which is how the tests check it).
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(labels, scores)
  let area = 0
  for (let j = 1; j < fpr.length; j++) area += ((fpr[j] - fpr[j - 1]) * (tpr[j] + tpr[j - 1])) / 2
  return area
}
