/**
 * The context of a linear contextual policy: either one feature vector x of length d shared by
 * every arm (the disjoint model of Li et al. 2010 with user features), or K stacked per-arm
 * vectors (length K·d, arm a's features at offset a·d).
 */
export interface FeatureContext {
  readonly features: Float64Array
}
