export { checkOffPolicyInput, weightDiagnostics, estimatePolicyValue } from "./off-policy-estimator"
export type {
  OffPolicyInput,
  OffPolicyEstimator,
  WeightDiagnostics,
  OffPolicyEstimate,
  EstimateOptions,
} from "./off-policy-estimator"
export { InverseProbabilityWeighting } from "./ipw"
export { SelfNormalizedInverseProbabilityWeighting } from "./snipw"
export { DirectMethod } from "./direct-method"
export { DoublyRobust } from "./doubly-robust"
export { SelfNormalizedDoublyRobust } from "./sndr"
export { SwitchDoublyRobust } from "./switch-dr"
export { Replay } from "./replay"
export { offPolicyEstimator, OFF_POLICY_ESTIMATORS } from "./estimators"
export type { OffPolicyEstimatorName, EstimatorHyperParameters } from "./estimators"
export {
  actionFrequencyTarget,
  readContextFreeTarget,
  contextFreeTargetFromPolicy,
  ContextFreeTarget,
  uniformTarget,
} from "./context-free-target"
export { PolicyTarget } from "./policy-target"
export { LinearRewardModel } from "./reward-model"
export type { RewardModel, LinearRewardModelOptions, LinearRewardModelState } from "./reward-model"
export { GreedyModelTarget } from "./greedy-model-target"
export { offPolicyInput } from "./off-policy-input"
export { rewardModelFit, evaluateOffPolicy, meanWithInterval } from "./off-policy-evaluation"
export type {
  OffPolicyEvaluationOptions,
  ValueWithInterval,
  OffPolicyEvaluationResult,
  RewardModelFit,
} from "./off-policy-evaluation"
export { CrossFittedRewardModel } from "./cross-fitted-reward-model"
export { shrinkWeight } from "./weight-shrinkage"
export type { WeightShrinkageKind } from "./weight-shrinkage"
export { ShrunkInverseProbabilityWeighting } from "./shrunk-ipw"
export { ShrunkDoublyRobust } from "./shrunk-dr"
export { MarginalizedInverseProbabilityWeighting, SelfNormalizedMarginalizedInverseProbabilityWeighting } from "./mips"
export { balancedPropensity } from "./balanced-propensity"
export { studentTQuantile, slopeWidth, slope } from "./slope"
export type { SlopeCandidate, SlopeChoice } from "./slope"
export { tuneBySlope } from "./slope-tuning"
export { PlackettLuceSlatePolicy } from "./plackett-luce-slate-policy"
export { slateOffPolicyInput } from "./slate-input"
export type { SlateOffPolicyInput } from "./slate-input"
export { TabularSlateRewardModel } from "./slate-reward-model"
export type { SlateRewardModel } from "./slate-reward-model"
export {
  estimateSlatePolicyValue,
  SlateStandardIps,
  SlateIndependentIps,
  SlateRewardInteractionIps,
  SlateCascadeDoublyRobust,
} from "./slate-estimators"
export type { SlateOffPolicyEstimator } from "./slate-estimators"
export { withEstimatedPropensities, propensityCalibration, EstimatedBehaviorPolicy } from "./behavior-policy"
export type { BehaviorPolicyState, PropensityCalibration } from "./behavior-policy"
export type { SqlEngine, SqlLogSource } from "./sql/sql-engine"
export { SQL_ESTIMATORS } from "./sql/estimator-sql"
export type { SqlHyperParameters } from "./sql/estimator-sql"
export type { ArrayAt } from "./sql/policy-sql"
export { sqlLogSchema, checkSqlLog, evaluateOffPolicySql } from "./sql/evaluate-sql"
export type { SqlLogSchema, SqlLogFacts, SqlEvaluationOptions } from "./sql/evaluate-sql"
export { DuckDbEngine } from "./sql/duckdb-engine"
export { openClickHouseLog, ClickHouseEngine } from "./sql/clickhouse-engine"
export { IpwPolicyLearner } from "./ipw-policy-learner"
export { MlpPolicyLearner } from "./mlp-policy-learner"
export type { MlpPolicyLearnerOptions } from "./mlp-policy-learner"
export { singleItemTarget, singleItemLog } from "./slate-policy-target"
export { kFold, crossValidate } from "./k-fold"
export type { Fold, CrossValidationResult } from "./k-fold"
export { parameterGrid, sampleParameters, gridSearch, randomSearch } from "./hyperparameter-search"
export type {
  ParameterValue,
  ParameterSetting,
  ParameterGrid,
  ParameterDistribution,
  SearchTrial,
  SearchResult,
  SearchOptions,
} from "./hyperparameter-search"
export { isSqlLog, openSqlLog } from "./sql/log-source"
export { banditLogFormat, loadBanditLogSpec } from "./log-spec"
export type { BanditLogFormat, BanditLogSpec, LoadedBanditLog } from "./log-spec"
export { resolveTargetSpec } from "./target-spec"
export type { ResolvedTarget, TargetSpec } from "./target-spec"
