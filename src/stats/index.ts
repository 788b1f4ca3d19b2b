export { averageRanks } from "./ranks"
export {
  studentTCdf, erfc, logStandardNormalCdf, normalCdf, normalQuantile, logGamma, regularizedIncompleteBeta,
} from "./distributions"
export { quantileLinearSorted, bootstrapIndexCi, bootstrapCi } from "./bootstrap"
export type { BootstrapInterval, BootstrapOptions } from "./bootstrap"
export { pairedTTest, wilcoxonSignedRank } from "./paired-tests"
export type { PairedTestResult } from "./paired-tests"
