import { requireColumns, parseIntegerField } from "../io/columns"
import { CsvError } from "../io/csv-error"
import { readCsv } from "../io/csv"
import { emptyEventLog, growEventLog, trimEventLog, type EventLog } from "../schema/event-log"
import { DEVICES, EVENT_TYPES, REGIONS } from "../schema/world-types"

const COLUMNS = [
  "time",
  "user_id",
  "session_id",
  "item_id",
  "event",
  "position",
  "hour",
  "weekday",
  "device",
  "region",
] as const

function lookup(file: string, row: number, column: string, names: readonly string[], text: string): number {
  const at = names.indexOf(text)
  if (at < 0) throw new CsvError(file, row, column, `'${text}' is not one of ${names.join(", ")}`)
  return at
}

/**
 * Reads an events.csv (as written by `writeWorldCsv` without faults, or any file with its
 * columns) into an `EventLog`, validating every field: a missing column, a number that does not
 * parse, or a value out of range is a `CsvError` naming file, row and column.
 * @example const events = await loadEventsCsv("data/synthetic/events.csv", { users: 300, items: 120 })
 */
export async function loadEventsCsv(path: string, bounds: { users: number; items: number }): Promise<EventLog> {
  let log = emptyEventLog(1024)
  let index: Record<(typeof COLUMNS)[number], number> | undefined
  // time and session_id are held in Int32Array: a larger value is refused, never wrapped.
  const nonNegative = (x: number) => (x >= 0 && x <= 2147483647) || "must be in [0, 2147483647]"
  const below = (n: number) => (x: number) => (x >= 0 && x < n) || `must be in [0, ${n})`
  await readCsv(path, {
    header: (columns) => {
      index = requireColumns(path, columns, COLUMNS)
    },
    row: (f, row) => {
      const ix = index!
      if (log.length === log.user.length) log = growEventLog(log, log.length + 1)
      const k = log.length++
      log.time[k] = parseIntegerField(path, row, "time", f[ix.time], nonNegative)
      log.user[k] = parseIntegerField(path, row, "user_id", f[ix.user_id], below(bounds.users))
      log.session[k] = parseIntegerField(path, row, "session_id", f[ix.session_id], nonNegative)
      log.item[k] = parseIntegerField(path, row, "item_id", f[ix.item_id], below(bounds.items))
      log.type[k] = lookup(path, row, "event", EVENT_TYPES, f[ix.event])
      log.position[k] = parseIntegerField(path, row, "position", f[ix.position], below(256))
      log.hour[k] = parseIntegerField(path, row, "hour", f[ix.hour], below(24))
      log.weekday[k] = parseIntegerField(path, row, "weekday", f[ix.weekday], below(7))
      log.device[k] = lookup(path, row, "device", DEVICES, f[ix.device])
      log.region[k] = lookup(path, row, "region", REGIONS, f[ix.region])
    },
  })
  return trimEventLog(log)
}
