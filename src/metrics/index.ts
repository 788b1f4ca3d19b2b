export {
  precisionAtK,
  recallAtK,
  ndcgAtK,
  averagePrecisionAtK,
  reciprocalRank,
  mapAtK,
  mrr,
  hitRateAtK,
} from "./ranking"
export type { RankingQuery } from "./ranking"
export { auc } from "./auc"
export { confusionCounts, accuracy, precision, recall, f1, logLoss } from "./classification"
export type { ConfusionCounts } from "./classification"
export { rocCurve, rocAuc } from "./roc"
export type { RocCurve } from "./roc"
export { rmse, mae } from "./regression"
export {
  positionExposure,
  itemExposure,
  groupTotals,
  gini,
  categoryDistribution,
  calibrationKl,
  averageRecommendationPopularity,
} from "./exposure"
export {
  catalogCoverage,
  intraListDiversity,
  categoryDiversityFromCounts,
  novelty,
  serendipity,
  noveltyFromCounts,
} from "./beyond-accuracy"
