import { createWriteStream } from "node:fs"
import { csvField } from "./csv"

/** One named column: numbers (NaN = missing) or strings. `digits` fixes the decimals written to CSV. */
export interface Column {
  name: string
  values: ArrayLike<number> | readonly string[]
  digits?: number
}

/** A table as named columns of equal length: the exchange format for CSV and DataFrames. */
export type Table = Column[]

/** Number of rows of a table (all columns must agree). */
export function tableRows(table: Table): number {
  const n = table.length > 0 ? table[0].values.length : 0
  for (const c of table) {
    if (c.values.length !== n) throw new Error(`table: column '${c.name}' has ${c.values.length} rows, expected ${n}`)
  }
  return n
}

function formatCell(column: Column, row: number): string {
  const v = column.values[row]
  if (typeof v === "string") return csvField(v)
  if (Number.isNaN(v)) return ""
  return column.digits === undefined ? String(v) : v.toFixed(column.digits)
}

/**
 * Writes a table as CSV (header, then one line per row; NaN as an empty field). Formatting is
 * fixed by each column's `digits`, so the same table always gives the same bytes.
 */
export async function writeTableCsv(path: string, table: Table): Promise<void> {
  const n = tableRows(table)
  const out = createWriteStream(path)
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve)
    out.on("error", reject)
  })
  out.write(`${table.map((c) => csvField(c.name)).join(",")}\n`)
  const lines: string[] = []
  for (let r = 0; r < n; r++) {
    let line = formatCell(table[0], r)
    for (let c = 1; c < table.length; c++) line += `,${formatCell(table[c], r)}`
    lines.push(line)
    if (lines.length === 50_000 || r === n - 1) {
      if (!out.write(`${lines.join("\n")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()))
      lines.length = 0
    }
  }
  out.end()
  await done
}
