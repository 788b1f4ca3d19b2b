import { scatterFigure } from "./figures"
import type { ReportSection } from "./html"
import type { PropensityCalibration } from "../evaluation/behavior-policy"

/**
 * The report section shown when a log had no propensities: the warning, and the fitted
 * behaviour policy's reliability table and diagram.
 * @example propensityCalibrationSection(propensityCalibration(log, pi0), pi0.name)
 */
export function propensityCalibrationSection(calibration: PropensityCalibration, model: string): ReportSection {
  return {
    heading: "Estimated propensities",
    paragraphs: [
      `Warning: the log has no propensity column, so every weight-based estimate uses propensities from a ${model} fitted on the same log. They are only as right as this fit: a logger that used information not in the log (or a deterministic one) cannot be recovered.`,
      `Calibration: expected calibration error ${calibration.expectedCalibrationError.toPrecision(3)} over ${calibration.bins.length} bins of predicted probability; mean log-loss of the logged actions ${calibration.logLoss.toPrecision(4)}.`,
    ],
    tables: [
      {
        columns: ["mean predicted π̂₀(a|x)", "observed frequency", "(round, action) pairs"],
        rows: calibration.bins.map((b) => [b.meanPredicted, b.observed, b.count]),
      },
    ],
    figures: [
      scatterFigure(
        calibration.bins.map((b) => b.meanPredicted),
        calibration.bins.map((b) => b.observed),
        {
          title: "Reliability of the estimated propensities (diagonal = calibrated)",
          xTitle: "predicted probability",
          yTitle: "observed frequency",
        },
      ),
    ],
  }
}
