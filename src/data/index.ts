export {
  parseRetailDate,
  formatRetailDay,
  retailDay,
  loadOnlineRetail,
  ONLINE_RETAIL_COLUMNS,
  ONLINE_RETAIL_PATH,
} from "./online-retail"
export type { OnlineRetailTable } from "./online-retail"
export { toDataFrame } from "./dataframe"
export { cleanEvents } from "./clean-events"
export type { CleaningStep } from "./clean-events"
export { readBanditCsv, loadBanditCsv, readBanditCsvChunks } from "./bandit-log-csv"
export type { BanditCsvOptions } from "./bandit-log-csv"
export {
  openBanditPaths,
  readOpenBanditItemCount,
  readOpenBanditCsv,
  loadOpenBanditLog,
  OBD_POSITIONS,
} from "./open-bandit"
export type { ObdCampaign, ObdBehavior } from "./open-bandit"
export { SyntheticBanditProblem, LinearSoftmaxPolicy } from "./bandit-log-synthetic"
export type { SyntheticBanditOptions } from "./bandit-log-synthetic"
export { readOpenBanditItemEmbedding } from "./open-bandit-items"
