/**
 * A log of slates (rankings), the data contract of the slate estimators. n slates of L
 * positions; arrays (n × L) are row-major, slate i's position k at i·L + k.
 * - `action`: the item at each position; `reward`: its click (or other reward);
 * - `features`: the context of each slate (n × nFeatures);
 * - the logging policy's propensities, as a logger that knows its policy records them:
 *   `pscoreSlate` π₀(s | x) of the whole slate (n), `pscoreItem` π₀(aₖ at k | x), the
 *   marginal of each position, and `pscoreCascade` π₀(a₁…aₖ | x), each prefix's (n × L)
 *   (OBP's `pscore`, `pscore_item_position`, `pscore_cascade`).
 */
export interface SlateLog {
  readonly length: number
  readonly slateLength: number
  readonly nActions: number
  readonly nFeatures: number
  readonly features: Float64Array
  readonly action: Int32Array
  readonly reward: Float64Array
  readonly pscoreSlate: Float64Array
  readonly pscoreItem: Float64Array
  readonly pscoreCascade: Float64Array
  readonly source: string
}
