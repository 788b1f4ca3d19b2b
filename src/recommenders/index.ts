export type { Ranked, RecommendOptions, Recommender } from "./recommender"
export { topK } from "./top-k"
export { BaseRecommender } from "./base-recommender"
export { distinctUserCounts } from "./checks"
export { dotScores } from "./factors"
export { nearestNeighbours } from "./neighbours"
export type { Similarity, Neighbours, NeighbourOptions } from "./neighbours"
export { Popularity } from "./popularity"
export { ItemKnn } from "./item-knn"
export type { ItemKnnOptions } from "./item-knn"
export { ImplicitAls } from "./implicit-als"
export type { ImplicitAlsOptions } from "./implicit-als"
export { Bpr } from "./bpr"
export type { BprOptions } from "./bpr"
export { Ease } from "./ease"
export type { EaseOptions } from "./ease"
export { UserKnn } from "./user-knn"
export type { UserKnnOptions } from "./user-knn"
export { FunkSvd } from "./funk-svd"
export type { FunkSvdOptions } from "./funk-svd"
export { ExplicitAls } from "./explicit-als"
export type { ExplicitAlsOptions } from "./explicit-als"
export { softmax, entropy, explainSoftmaxPick } from "./softmax"
export { cosineSimilarity } from "./cosine"
export {
  uniformNegativeWeights,
  popularityNegativeWeights,
  scoreNegativeWeights,
  NegativeSampler,
} from "./negative-sampling"
export { TrainingNegatives, NEGATIVE_DISTRIBUTIONS } from "./training-negatives"
export type { NegativeDistribution, TrainingNegativeOptions } from "./training-negatives"
export { augmentSparseUsers } from "./sparse-user-augmentation"
export type { SparseAugmentation, SparseAugmentationOptions } from "./sparse-user-augmentation"
export { evaluateSparseUsers } from "./sparse-user-evaluation"
export { interactionsFromEvents } from "./event-interactions"
export type { EventWeights, EventInteractionOptions } from "./event-interactions"
export { holdoutSplit } from "./holdout"
export type { Split } from "./holdout"
export { evaluateHoldout, evaluateInterests } from "./evaluate"
export type { RankingReport, InterestReport } from "./evaluate"
export { catalogFeatures, textItemFeatures, ContentBased } from "./content-based"
export { principalItemFeatures } from "./principal-item-features"
export type { ItemFeatures } from "./content-based"
export {
  contextLiftFromEvents,
  contextRerank,
  contextHitRate,
  ContextLift,
  explainContextRerank,
} from "./context-rerank"
export { worldRatings } from "./world-ratings"
export { xquadRerank, rerankTradeoff, explainXquad } from "./fair-rerank"
export type { TradeoffPoint } from "./fair-rerank"
export {
  commonNeighbourScores,
  adamicAdarScores,
  smoothedClickRates,
  clickProfiles,
  profileSimilarityScores,
} from "./friend-scores"
export { recommendFriends, holdOutTies, friendPrecisionAtK } from "./friend-recommendation"
export type { FriendScorer } from "./friend-recommendation"
export { aggregateGroup, groupPick, groupSatisfaction, GROUP_STRATEGIES } from "./group-aggregation"
export type { GroupStrategy, GroupSatisfaction } from "./group-aggregation"
