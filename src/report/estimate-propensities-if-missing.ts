import type { BanditLog } from "../schema/bandit-log"
import type { ReportSection } from "./html"
import { EstimatedBehaviorPolicy, propensityCalibration, withEstimatedPropensities, type PropensityCalibration } from "../evaluation/behavior-policy"
import { propensityCalibrationSection } from "./propensity-calibration-report"

/** A log whose propensities were fitted, with the fit's calibration and its report section. */
export interface EstimatedPropensities {
  log: BanditLog
  calibration: PropensityCalibration
  section: ReportSection
}

/**
 * For a log loaded without propensities (NaN): fits `EstimatedBehaviorPolicy` on it, fills
 * the propensities with its π̂₀(aᵢ | xᵢ, posᵢ), and measures its calibration on the same log.
 * @example const { log } = estimatePropensitiesIfMissing(await loadBanditCsv(path, { missingPropensity: "estimate" }))
 */
export function estimatePropensitiesIfMissing(log: BanditLog): EstimatedPropensities {
  const behavior = new EstimatedBehaviorPolicy().fit(log)
  const calibration = propensityCalibration(log, behavior)
  return { log: withEstimatedPropensities(log, behavior), calibration, section: propensityCalibrationSection(calibration, behavior.name) }
}
