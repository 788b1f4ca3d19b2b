export { CsvError } from "./csv-error"
export { readCsv, csvField } from "./csv"
export type { CsvHandler, CsvOptions } from "./csv"
export { requireColumns, parseNumberField, parseIntegerField } from "./columns"
export { tableRows, writeTableCsv } from "./table"
export type { Column, Table } from "./table"
export {
  daysInMonth,
  civilDay,
  parseCalendarDate,
  isCalendarDate,
  parseDateTimeMinutes,
  CALENDAR_DATE_RULE,
} from "./calendar-date"
export { terminalProgress } from "./progress"
export type { Progress } from "./progress"
export { writeOutputDir } from "./output-dir"
export { provenance } from "./provenance"
export type { Provenance } from "./provenance"
export { checkOutputDir } from "./out-dir-check"
export type { OutputDirCheckOptions } from "./out-dir-check"
