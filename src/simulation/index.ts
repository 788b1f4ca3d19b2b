export { BernoulliArms } from "./bernoulli"
export { GaussianTestbed } from "./gaussian-testbed"
export { RandomWalkArms } from "./random-walk"
export { AbruptChangeArms } from "./abrupt-change"
export type { AbruptChangeOptions } from "./abrupt-change"
export { DEFAULT_LEAVING, ECOMMERCE_FEATURES, EcommerceEnvironment } from "./ecommerce"
export type { EcommerceOptions, EcommerceContext } from "./ecommerce"
export {
  policySpecSchema,
  environmentSpecSchema,
  POLICY_TYPES,
  ENVIRONMENT_TYPES,
  simulationConfigSchema,
} from "./config"
export type { PolicySpec, EnvironmentSpec, SimulationConfig } from "./config"
export { createEnvironment, createPolicy, createSlatePolicies } from "./factory"
export { estimateExamination } from "./examination-estimate"
export { playRun } from "./play"
export { environmentStream, policyStream, historyStream } from "./streams"
export { runChunks } from "./chunks"
export { interval, policyResult } from "./result"
export type { Interval, PolicyResult, SimulationResult } from "./result"
export { laiRobbinsConstant, laiRobbinsCurve } from "./lai-robbins"
export { simulate, simulateConfig } from "./runner"
export type { ChunkReport } from "./runner"
export type { SlateEnvironment } from "./slate-environment"
export { loggingPropensities, logHistory, historySize } from "./logged-history"
export type { HistoryOptions, HistorySource } from "./logged-history"
export { leaveProbability, UserDynamics } from "./user-dynamics"
export type { LeavingOptions, ArrivalOptions } from "./user-dynamics"
export { gapClosed, perRunRatio, retentionCurve, discoveryTime } from "./personal-metrics"
export { scenarioConfigs, simulateScenarios } from "./scenarios"
export type { ScenarioResult } from "./scenarios"
export { playSlateRun, simulateSlates } from "./play-slate"
export {
  simulationMemoryBytes,
  simulationSizeProblem,
  stepsCsvBytesBound,
  outputSpaceProblem,
  SIMULATION_MEMORY_LIMIT,
  MAX_RUNS,
} from "./size-limits"
export type { SimulationSize } from "./size-limits"
export { writeSimulationStepsCsv, simulationStepsCsv, simulationStepsCsvBlocks } from "./steps-csv-file"
export { SyntheticSlateProblem } from "./slate-log-synthetic"
export type { SlateContexts } from "./slate-log-synthetic"
export { slateEstimatorStudy } from "./slate-study"
export type { SlateStudyRow, SlateStudy } from "./slate-study"
export {
  loadOnlineRetailExperiment,
  runOnlineRetailExperiment,
  onlineRetailExperimentSchema,
} from "./online-retail-exploration"
export { rewardWindow, REWARD_WINDOWS } from "./accumulator"
export type { PolicyAccumulator } from "./accumulator"
export type { RunOptions } from "./run-options"
export {
  runAbTest,
  abTestErrorRates,
  type AbTestOptions,
  type AbArm,
  type AbLook,
  type AbTestResult,
  type RejectionRate,
  type AbTestErrorRates,
} from "./ab-test"
export {
  logEcommercePolicy,
  EcommerceLogTarget,
  ECOMMERCE_FEATURE_NAMES,
  type EcommerceLog,
} from "./ecommerce-bandit-log"
export { compareOfflineOnline, type OfflineOnlineOptions, type OfflineOnlineComparison } from "./offline-online"
