export {
  isNonProductStockCode,
  cleanRetail,
  NON_PRODUCT_STOCK_CODES,
  customerMissing,
  cancelledInvoice,
  nonPositiveQuantity,
  nonPositivePrice,
  nonProductStockCode,
  DEFAULT_CLEANING_RULES,
} from "./cleaning"
export type { RetailCleaningRule, RetailCleaningStep, CleanedRetail } from "./cleaning"
export { computeRfm, rfmFeatures, segmentProfiles } from "./rfm"
export type { RfmTable, RfmFeatures, SegmentProfile } from "./rfm"
export { buildBaskets } from "./baskets"
export type { Baskets, BasketOptions } from "./baskets"
export { parseSplitDate, retailBenchmarkData } from "./benchmark-split"
export type { RetailBenchmarkData } from "./benchmark-split"
export {
  binaryInteractions,
  evaluateRecommender,
  runRetailBenchmark,
  compareModels,
  BENCHMARK_MODELS,
  BENCHMARK_METRICS,
  BENCHMARK_MODEL_SPECS,
} from "./benchmark"
export type {
  BenchmarkModelName,
  BenchmarkMetric,
  BenchmarkModelSpec,
  ModelResult,
  BenchmarkOptions,
  BenchmarkComparison,
} from "./benchmark"
export { resolveRetailData, loadRetailData, cleanRetailData, asUserError } from "./data-source"
export { rfmSegmentation } from "./segments"
export type { RfmSegmentationOptions, RfmSegmentation } from "./segments"
export { segmentNames, SEGMENT_NAME_RULE } from "./segment-names"
export { ruleCandidates, basketRules, TooManyRulesError } from "./basket-rules"
export type { BasketRuleOptions, BasketRules } from "./basket-rules"
export { calibrateOnlineRetail } from "./calibration"
export type { OnlineRetailCalibration, CalibrationOptions } from "./calibration"
export {
  loadMonthlyPurchases,
  loadOnlineRetailCalibration,
  createOnlineRetailEnvironment,
  ONLINE_RETAIL_CALIBRATION_PATH,
  ONLINE_RETAIL_PURCHASES_PATH,
  onlineRetailEnvironmentSpecSchema,
  OnlineRetailEnvironment,
} from "./online-retail-environment"
export type { OnlineRetailEnvironmentSpec, OnlineRetailContext } from "./online-retail-environment"
export { retailFaults } from "./faults"
export type { RetailFaults } from "./faults"
export { monthlyPurchases } from "./monthly-purchases"
export type { MonthlyPurchases } from "./monthly-purchases"
