import { checkBinaryLabels } from "./labels"
import { averageRanks } from "../stats/ranks"

/**
 * Exact AUC through the Mann–Whitney U statistic:
 * AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋), where R₊ is the sum of the (average, for ties) ranks of
 * the positives' scores. Equals P(score⁺ > score⁻) + ½ P(score⁺ = score⁻), i.e. the trapezoidal
 * area under the ROC curve (Hanley & McNeil 1982). For ranking, pass one user's item scores and
 * 1 for the items held out as relevant.
 * @throws when all labels are equal (AUC is undefined)
 * @example auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positives, negatives } = checkBinaryLabels("auc", "labels", labels, scores.length)
  if (positives === 0 || negatives === 0) throw new Error("auc: labels must contain both 0 and 1")
  const ranks = averageRanks(scores)
  let rankSum = 0
  for (let i = 0; i < ranks.length; i++) if (labels[i] === 1) rankSum += ranks[i]
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
