import { existsSync } from "node:fs"
import { UserError } from "../config/user-error"
import { loadOnlineRetail, ONLINE_RETAIL_PATH, type OnlineRetailTable } from "../data/online-retail"
import { cleanRetail, type CleanedRetail } from "./cleaning"

/**
 * Resolves a `--data` value: the name `online-retail` means the copy shipped in
 * `data/online-retail/`; anything else is a path to a CSV (or .csv.gz) with the same columns.
 * @throws UserError when the path does not exist
 */
export function resolveRetailData(data: string): string {
  if (data === "online-retail") return ONLINE_RETAIL_PATH
  if (!existsSync(data)) throw new UserError(`--data: '${data}' is neither 'online-retail' nor an existing CSV file`)
  return data
}

/** Loads the `--data` source (see `resolveRetailData`). */
export function loadRetailData(data: string): Promise<OnlineRetailTable> {
  return loadOnlineRetail(resolveRetailData(data))
}

/**
 * Cleans the `--data` table with the default rules and insists that rows are left.
 * @throws UserError naming the data and the rule that removed the last rows (or that the file has none)
 * @example const clean = cleanRetailData(await loadRetailData("online-retail"), "online-retail")
 */
export function cleanRetailData(table: OnlineRetailTable, data: string): CleanedRetail {
  const clean = cleanRetail(table)
  if (clean.rows.length > 0) return clean
  if (table.length === 0) throw new UserError(`${data}: the file has a header but no data rows`)
  const last = clean.steps.find((s) => s.remaining === 0)!
  throw new UserError(
    `${data}: no rows left after cleaning: rule '${last.rule}' (${last.description}) removed the last ${last.removed} of ${table.length} rows`,
  )
}

/** Runs `fn`, turning a plain Error (a library's validation message) into a one-line UserError, after `source` (the flag or file) if given. */
export function asUserError<T>(fn: () => T, source?: string): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof UserError || !(error instanceof Error)) throw error
    throw new UserError(source ? `${source}: ${error.message}` : error.message)
  }
}
