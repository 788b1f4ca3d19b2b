import { existsSync } from "node:fs"
import { UserError } from "../config/user-error"
import { loadOnlineRetail, ONLINE_RETAIL_PATH, type OnlineRetailTable } from "../data/online-retail"

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

/** Runs `fn`, turning a plain Error (a library's validation message) into a one-line UserError. */
export function asUserError<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof UserError || !(error instanceof Error)) throw error
    throw new UserError(error.message)
  }
}
