import type { ItemEmbedding } from "../schema/item-embedding"
import { CsvError } from "../io/csv-error"
import { readCsv } from "../io/csv"
import { parseIndex } from "../schema/bandit-log-fields"

/**
 * The Open Bandit Dataset's item context (`item_context.csv`: `item_id` 0, 1, 2, … and
 * `item_feature_*`) as a categorical item embedding for MIPS: one dimension per column named in
 * `columns` (default the three hashed categorical features `item_feature_1..3`), levels coded
 * in order of first appearance.
 * @example const e = await readOpenBanditItemEmbedding("data/open-bandit-dataset/random/men/item_context.csv") // e.nActions === 34
 */
export async function readOpenBanditItemEmbedding(
  path: string,
  columns: readonly string[] = ["item_feature_1", "item_feature_2", "item_feature_3"],
): Promise<ItemEmbedding> {
  let itemAt = -1
  let at: number[] = []
  const codes = columns.map(() => new Map<string, number>())
  const rows: number[] = []
  await readCsv(path, {
    header(header) {
      itemAt = header.indexOf("item_id")
      if (itemAt < 0)
        throw new CsvError(path, 1, "item_id", `missing column 'item_id' (the header has: ${header.join(", ")})`)
      at = columns.map((c) => {
        const j = header.indexOf(c)
        if (j < 0) throw new CsvError(path, 1, c, `missing column '${c}' (the header has: ${header.join(", ")})`)
        return j
      })
    },
    row(fields, row) {
      const id = parseIndex(path, row, "item_id", fields[itemAt], 0, 1_000_000, "item_id")
      if (id !== rows.length / columns.length)
        throw new CsvError(
          path,
          row,
          "item_id",
          `item ids must be 0, 1, 2, … in order; expected ${rows.length / columns.length}, found ${id}`,
        )
      columns.forEach((_, d) => {
        const map = codes[d]
        const value = fields[at[d]]
        if (!map.has(value)) map.set(value, map.size)
        rows.push(map.get(value) as number)
      })
    },
  })
  if (rows.length === 0) throw new CsvError(path, 2, undefined, "item_context.csv lists no item")
  return {
    nActions: rows.length / columns.length,
    nDims: columns.length,
    levels: Int32Array.from(rows),
    names: [...columns],
  }
}
