import type { Rng } from "../random/rng"
import type { Table } from "../io/table"
import type { FaultConfig } from "./config"

/** What fault injection did, row by row: the ground truth a cleaning step is judged against. */
export interface InjectedFaults {
  missing: number
  errorCodes: number
  duplicates: number
  outliers: number
}

/**
 * Injects the faults real behaviour logs have into an events table (from `eventsTable`):
 * duplicated rows (a retried logging call), user ids replaced by the error code −1, blank
 * prices and hours (NaN), and prices ×100 (a unit bug). Returns a new table; the input is not
 * changed. Columns needed: user_id, price, hour.
 */
export function injectFaults(table: Table, faults: FaultConfig, rng: Rng): { table: Table; injected: InjectedFaults } {
  const col = (name: string) => {
    const c = table.find((x) => x.name === name)
    if (!c) throw new Error(`injectFaults: the table has no column '${name}'`)
    return c
  }
  col("user_id")
  col("price")
  col("hour")
  const n = table[0]?.values.length ?? 0
  // Rows to emit: each original row once, some twice (duplicates right after the original).
  const order: number[] = []
  let duplicates = 0
  for (let r = 0; r < n; r++) {
    order.push(r)
    if (rng.next() < faults.duplicateRate) {
      order.push(r)
      duplicates++
    }
  }
  const out: Table = table.map((c) =>
    typeof c.values[0] === "string"
      ? { ...c, values: order.map((r) => (c.values as readonly string[])[r]) }
      : { ...c, values: Float64Array.from(order, (r) => (c.values as ArrayLike<number>)[r]) },
  )
  const get = (name: string) => out.find((c) => c.name === name)!.values as Float64Array
  const user = get("user_id")
  const price = get("price")
  const hour = get("hour")
  let missing = 0
  let errorCodes = 0
  let outliers = 0
  for (let r = 0; r < order.length; r++) {
    if (rng.next() < faults.errorCodeRate) {
      user[r] = -1
      errorCodes++
    }
    if (rng.next() < faults.outlierRate) {
      price[r] *= 100
      outliers++
    }
    if (rng.next() < faults.missingRate) {
      if (rng.next() < 0.5) price[r] = NaN
      else hour[r] = NaN
      missing++
    }
  }
  return { table: out, injected: { missing, errorCodes, duplicates, outliers } }
}
