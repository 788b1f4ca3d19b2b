import type { DataFrame } from "danfojs-node"
import { requireOptional } from "../config/optional-package"
import { tableRows, type Table } from "../io/table"

/**
 * A danfojs-node DataFrame of a table. danfojs is loaded on first use (it pulls in TensorFlow.js),
 * so importing the lab stays fast.
 * @example const df = toDataFrame(eventsTable(world, log)); df.head().print()
 */
export function toDataFrame(table: Table): DataFrame {
  tableRows(table)
  const dfd = requireOptional<typeof import("danfojs-node")>("danfojs-node", "toDataFrame")
  const columns: Record<string, (number | string)[]> = {}
  for (const c of table) columns[c.name] = Array.from(c.values as ArrayLike<number | string>)
  return new dfd.DataFrame(columns)
}
