export { figureToJson } from "./figure"
export type { Figure, Trace, Layout } from "./figure"
export { lineFigure, barFigure, groupedBarFigure, histogramFigure, heatmapFigure, scatterFigure } from "./figures"
export type { Series } from "./figures"
export { formatNumber, tableHtml, figureHtml, renderReport } from "./html"
export type { ReportTable, ReportSection, Report } from "./html"
export { show, showTable, notebookProgress } from "./notebook"
export { recordHtml, record } from "./record"
export type { RecordedValues } from "./record"
export { openBanditBenchmark, openBanditBenchmarkTable } from "./open-bandit-benchmark"
export type { OpenBanditBenchmarkRow } from "./open-bandit-benchmark"
export { offPolicyConclusions, offPolicyReportSections, ESTIMATOR_NAMES } from "./off-policy-report"
export { offPolicyTrust, offPolicyTrustSection, ESTIMATOR_ASSUMPTIONS } from "./off-policy-trust"
export type { TrustFlag, OffPolicyTrust } from "./off-policy-trust"
export { propensityCalibrationSection } from "./propensity-calibration-report"
export {
  benchmarkSummary,
  benchmarkTimings,
  benchmarkTable,
  benchmarkFigures,
  winnerSentence,
  benchmarkSections,
} from "./benchmark-report"
export type { BenchmarkSummary } from "./benchmark-report"
export {
  cleaningTable,
  segmentProfileTable,
  segmentFigures,
  segmentConclusions,
  segmentSections,
} from "./segments-report"
export {
  simulationSummary,
  simulationFigures,
  simulationConclusions,
  simulationReport,
  METRIC_DEFINITIONS,
} from "./simulation-report"
export {
  compareScenario,
  personalFindings,
  paretoFrontier,
  historyNotes,
  personalReport,
  personalSummary,
} from "./personal-report"
export type { PolicyComparison, ScenarioComparison } from "./personal-report"
export { summarizeWorld, positionCtrFigure, worldOverviewSections } from "./world-overview"
export type { WorldSummary } from "./world-overview"
