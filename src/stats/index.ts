export { averageRanks } from "./ranks"
export {
  studentTCdf,
  erfc,
  logStandardNormalCdf,
  normalCdf,
  normalQuantile,
  logGamma,
  regularizedIncompleteBeta,
} from "./distributions"
export { quantileLinearSorted, bootstrapIndexCi, bootstrapCi } from "./bootstrap"
export type { BootstrapInterval, BootstrapOptions } from "./bootstrap"
export { pairedTTest, wilcoxonSignedRank } from "./paired-tests"
export type { PairedTestResult } from "./paired-tests"
export { twoProportionZTest, welchTTest, type TwoSampleTestResult } from "./two-sample-tests"
export { wilsonInterval } from "./wilson-interval"
export {
  MixtureSprt,
  mixtureSprtLogStatistic,
  mixtureSprtRadius,
  type MixtureSprtOptions,
  type SequentialTestState,
} from "./sequential-test"
export { ratioVariance, StreamingRatio, deltaMethodZTest, type RatioSums } from "./ratio-metric"
