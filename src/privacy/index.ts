export { laplaceNoise, laplaceScale, laplaceMechanism } from "./laplace"
export type { LaplaceOptions } from "./laplace"
export {
  classicGaussianSigma,
  gaussianDelta,
  analyticGaussianSigma,
  gaussianSigma,
  gaussianMechanism,
} from "./gaussian"
export type { GaussianOptions } from "./gaussian"
export { sequentialComposition, advancedComposition, bestComposition } from "./composition"
export type { PrivacyBudget } from "./composition"
export { RandomizedResponse } from "./randomized-response"
export { privateCategoryCounts } from "./category-counts"
export type { PrivateCountsOptions, PrivateCounts } from "./category-counts"
export { privateInterestProfile, projectToSimplex } from "./interest-profile"
export type { PrivateProfile } from "./interest-profile"
export { privacyUtilityCurve } from "./privacy-utility"
export type { PrivacyUtilityPoint, PrivacyUtilityInput } from "./privacy-utility"
export { privateItemCounts } from "./private-item-counts"
export type { PrivateItemCountsOptions, PrivateItemCounts } from "./private-item-counts"
export { PrivateCategoryPopularity } from "./private-category-popularity"
export type { PrivateCategoryPopularityOptions } from "./private-category-popularity"
export { centralPrivacyUtilityCurve } from "./central-privacy-utility"
export type { CentralPrivacyUtilityPoint, CentralPrivacyUtilityInput } from "./central-privacy-utility"
export { kAnonymize } from "./k-anonymity"
export type { QuasiIdentifier, KAnonymityOptions, KAnonymityResult } from "./k-anonymity"
