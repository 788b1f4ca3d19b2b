import { join } from "node:path"
import type { BanditLog, BanditLogSchema, BanditRound } from "../schema/bandit-log"
import { BanditLogBuilder } from "../schema/bandit-log"
import { levelCode, parseClick, parseFinite, parseIndex, parsePropensity } from "../schema/bandit-log-fields"
import { CsvError } from "../io/csv-error"
import { readCsv } from "../io/csv"

/** The Open Bandit Dataset's campaigns and behaviour policies (Saito et al. 2021). */
export type ObdCampaign = "men" | "women" | "all"
export type ObdBehavior = "random" | "bts"

/** ZOZOTOWN's recommendation widget shows 3 items (positions 1, 2, 3 in the files). */
export const OBD_POSITIONS = 3

/** Where a campaign's log lies in the dataset folder: `{root}/{behavior}/{campaign}/{campaign}.csv`. */
export function openBanditPaths(
  root: string,
  behavior: ObdBehavior,
  campaign: ObdCampaign,
): { log: string; itemContext: string } {
  const dir = join(root, behavior, campaign)
  return { log: join(dir, `${campaign}.csv`), itemContext: join(dir, "item_context.csv") }
}

/**
 * Counts the items of a campaign from its `item_context.csv` (column `item_id`, 0-based and
 * contiguous), which fixes the valid range of `item_id` in the log.
 */
export async function readOpenBanditItemCount(path: string): Promise<number> {
  let itemAt = -1
  let items = 0
  await readCsv(path, {
    header(columns) {
      itemAt = columns.indexOf("item_id")
      if (itemAt < 0)
        throw new CsvError(path, 1, "item_id", `missing column 'item_id' (the header has: ${columns.join(", ")})`)
    },
    row(fields, row) {
      const id = parseIndex(path, row, "item_id", fields[itemAt], 0, 1_000_000, "item_id")
      if (id !== items)
        throw new CsvError(path, row, "item_id", `item ids must be 0, 1, 2, … in order; expected ${items}, found ${id}`)
      items++
    },
  })
  if (items === 0) throw new CsvError(path, 2, undefined, "item_context.csv lists no item")
  return items
}

/**
 * Streams an Open Bandit Dataset log (`{campaign}.csv`): `item_id` → action (checked against
 * `nItems`), `position` 1..3 → 0-based, `click` must be 0/1, `propensity_score` in (0, 1],
 * `user_feature_*` → categorical context, `user-item_affinity_*` → numeric context.
 * Other columns (the index, timestamp) are ignored.
 * @example await readOpenBanditCsv("data/open-bandit-dataset/random/men/men.csv", 34, (round) => …)
 */
export async function readOpenBanditCsv(
  path: string,
  nItems: number,
  onRound: (round: BanditRound, schema: BanditLogSchema) => void,
  options: { name?: string } = {},
): Promise<BanditLogSchema> {
  const file = options.name ?? path
  if (!Number.isInteger(nItems) || nItems < 1)
    throw new Error(`readOpenBanditCsv: nItems must be a positive integer, got ${nItems}`)
  const schema: BanditLogSchema = {
    nActions: nItems,
    nPositions: OBD_POSITIONS,
    featureNames: [],
    categoricalNames: [],
    categoricalLevels: [],
    source: file,
  }
  let at = { item: -1, position: -1, click: -1, propensity: -1 }
  let featureAt = new Int32Array(0)
  let categoricalAt = new Int32Array(0)
  const levelMaps: Map<string, number>[] = []
  let round: BanditRound | undefined
  const rows = await readCsv(
    path,
    {
      header(columns) {
        const need = (name: string): number => {
          const i = columns.indexOf(name)
          if (i < 0)
            throw new CsvError(file, 1, name, `missing column '${name}' (the header has: ${columns.join(", ")})`)
          return i
        }
        at = {
          item: need("item_id"),
          position: need("position"),
          click: need("click"),
          propensity: need("propensity_score"),
        }
        schema.categoricalNames = columns.filter((c) => c.startsWith("user_feature_"))
        schema.featureNames = columns.filter((c) => c.startsWith("user-item_affinity_"))
        schema.categoricalLevels = schema.categoricalNames.map(() => [])
        for (let j = 0; j < schema.categoricalNames.length; j++) levelMaps.push(new Map())
        categoricalAt = Int32Array.from(schema.categoricalNames, need)
        featureAt = Int32Array.from(schema.featureNames, need)
        round = {
          action: 0,
          position: 0,
          reward: 0,
          propensity: 1,
          context: new Float64Array(featureAt.length),
          categorical: new Int32Array(categoricalAt.length),
        }
      },
      row(fields, row) {
        const r = round as BanditRound
        r.action = parseIndex(file, row, "item_id", fields[at.item], 0, nItems - 1, "item_id")
        r.position = parseIndex(file, row, "position", fields[at.position], 1, OBD_POSITIONS, "position") - 1
        r.reward = parseClick(file, row, "click", fields[at.click])
        r.propensity = parsePropensity(file, row, "propensity_score", fields[at.propensity])
        for (let j = 0; j < featureAt.length; j++)
          r.context[j] = parseFinite(file, row, schema.featureNames[j], fields[featureAt[j]])
        for (let j = 0; j < categoricalAt.length; j++)
          r.categorical[j] = levelCode(levelMaps[j], schema.categoricalLevels[j], fields[categoricalAt[j]])
        onRound(r, schema)
      },
    },
    { name: file },
  )
  if (rows === 0) throw new CsvError(file, 2, undefined, "the log has no rows")
  return schema
}

/**
 * Loads one Open Bandit Dataset log into memory from the dataset folder (default layout:
 * `{root}/{behavior}/{campaign}/{campaign}.csv` with its `item_context.csv`).
 * @example const log = await loadOpenBanditLog("data/open-bandit-dataset", "random", "men") // 10,000 rounds, 34 actions, 3 positions
 */
export async function loadOpenBanditLog(
  root: string,
  behavior: ObdBehavior,
  campaign: ObdCampaign,
): Promise<BanditLog> {
  const paths = openBanditPaths(root, behavior, campaign)
  const nItems = await readOpenBanditItemCount(paths.itemContext)
  const builder = new BanditLogBuilder()
  await readOpenBanditCsv(paths.log, nItems, (round, schema) => builder.push(round, schema))
  return builder.build()
}
