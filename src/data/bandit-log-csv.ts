import type { BanditLog, BanditLogSchema, BanditRound } from "../schema/bandit-log"
import { BanditLogBuilder } from "../schema/bandit-log"
import { levelCode, parseClick, parseFinite, parseIndex, parsePropensity } from "../schema/bandit-log-fields"
import { CsvError } from "../io/csv-error"
import { readCsv } from "../io/csv"

/** Options of the generic bandit-log CSV format. */
export interface BanditCsvOptions {
  /** Number of positions; `position` must be in [0, positions). Default: 1 when there is no `position` column, else any non-negative integer (the log's max + 1). */
  positions?: number
  /** Number of actions; `action` must be in [0, actions). Default: the log's max + 1. */
  actions?: number
  /** Numeric context columns. Default: every column except action, position, reward, click, propensity and `categorical`. */
  features?: string[]
  /** Columns read as categorical strings (coded in order of first appearance). Default: none. */
  categorical?: string[]
  /** File name used in error messages (default: the path). */
  name?: string
  /** Without a `propensity` column: "error" (default), or "estimate": propensities are NaN until the caller fills them (see `withEstimatedPropensities`). */
  missingPropensity?: "error" | "estimate"
}

const RESERVED = new Set(["action", "position", "reward", "click", "propensity"])

/**
 * Streams a generic bandit log from CSV: columns `action` (0-based item id), `propensity`
 * (in (0, 1]), a reward as `reward` (any finite number) or `click` (0 or 1), optionally
 * `position` (0-based), and numeric context columns. Each round is handed to `onRound` (the
 * round object is reused); nothing is kept in memory. Every bad field is a `CsvError`
 * `file:row:column: …`.
 * @returns the schema (with the final number of actions and positions)
 * @example await readBanditCsv("log.csv", { positions: 3 }, (round) => sum += round.reward)
 */
export async function readBanditCsv(
  path: string,
  options: BanditCsvOptions,
  onRound: (round: BanditRound, schema: BanditLogSchema) => void,
): Promise<BanditLogSchema> {
  const file = options.name ?? path
  if (options.positions !== undefined && (!Number.isInteger(options.positions) || options.positions < 1)) {
    throw new Error(`readBanditCsv: positions must be a positive integer, got ${options.positions}`)
  }
  if (options.actions !== undefined && (!Number.isInteger(options.actions) || options.actions < 1)) {
    throw new Error(`readBanditCsv: actions must be a positive integer, got ${options.actions}`)
  }
  const schema: BanditLogSchema = {
    nActions: options.actions ?? 0,
    nPositions: options.positions ?? 0,
    featureNames: [],
    categoricalNames: options.categorical?.slice() ?? [],
    categoricalLevels: [],
    source: file,
  }
  let actionAt = -1
  let positionAt = -1
  let rewardAt = -1
  let clickAt = -1
  let propensityAt = -1
  let featureAt = new Int32Array(0)
  let categoricalAt = new Int32Array(0)
  const levelMaps: Map<string, number>[] = []
  let round: BanditRound | undefined
  const maxAction = options.actions === undefined ? 2147483646 : options.actions - 1

  const rows = await readCsv(
    path,
    {
      header(columns) {
        const at = (name: string): number => columns.indexOf(name)
        const need = (name: string): number => {
          const i = at(name)
          if (i < 0)
            throw new CsvError(file, 1, name, `missing column '${name}' (the header has: ${columns.join(", ")})`)
          return i
        }
        actionAt = need("action")
        propensityAt = options.missingPropensity === "estimate" && at("propensity") < 0 ? -1 : need("propensity")
        rewardAt = at("reward")
        clickAt = at("click")
        if (rewardAt < 0 && clickAt < 0)
          throw new CsvError(
            file,
            1,
            "reward",
            `missing column 'reward' or 'click' (the header has: ${columns.join(", ")})`,
          )
        positionAt = at("position")
        if (positionAt < 0) {
          if (options.positions !== undefined && options.positions > 1) need("position")
          schema.nPositions = 1
        }
        const categorical = new Set(schema.categoricalNames)
        categoricalAt = Int32Array.from(schema.categoricalNames, need)
        schema.featureNames =
          options.features?.slice() ?? columns.filter((c) => !RESERVED.has(c) && !categorical.has(c))
        featureAt = Int32Array.from(schema.featureNames, need)
        schema.categoricalLevels = schema.categoricalNames.map(() => [])
        for (let j = 0; j < categoricalAt.length; j++) levelMaps.push(new Map())
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
        r.action = parseIndex(file, row, "action", fields[actionAt], 0, maxAction, "action")
        if (options.actions === undefined && r.action >= schema.nActions) schema.nActions = r.action + 1
        if (positionAt >= 0) {
          const maxPosition = options.positions === undefined ? 2147483646 : options.positions - 1
          r.position = parseIndex(file, row, "position", fields[positionAt], 0, maxPosition, "position")
          if (options.positions === undefined && r.position >= schema.nPositions) schema.nPositions = r.position + 1
        } else r.position = 0
        r.reward =
          rewardAt >= 0
            ? parseFinite(file, row, "reward", fields[rewardAt])
            : parseClick(file, row, "click", fields[clickAt])
        r.propensity = propensityAt >= 0 ? parsePropensity(file, row, "propensity", fields[propensityAt]) : NaN
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
 * Loads a whole generic bandit-log CSV into memory (see `readBanditCsv` for the format). Without
 * `options.actions`, action ids that are not 0, 1, 2, … (e.g. item numbers such as 2000000000)
 * are mapped to dense indices in ascending id order, and `log.actionIds` keeps the file's ids,
 * so memory grows with the number of distinct actions, never with the largest id.
 * @example const log = await loadBanditCsv("log.csv", { positions: 3 })
 */
export async function loadBanditCsv(path: string, options: BanditCsvOptions = {}): Promise<BanditLog> {
  const builder = new BanditLogBuilder({ unknownPropensities: options.missingPropensity === "estimate" })
  await readBanditCsv(path, options, (round, schema) => builder.push(round, schema))
  const log = builder.build()
  return options.actions === undefined ? denseActions(log) : log
}

/** The log with its action ids mapped to 0..K−1 in ascending order, when they are not that already. */
function denseActions(log: BanditLog): BanditLog {
  const ids = Int32Array.from(new Set(log.action)).sort()
  if (ids.length === log.nActions) return log
  const index = new Map<number, number>()
  ids.forEach((id, a) => index.set(id, a))
  return { ...log, nActions: ids.length, action: log.action.map((id) => index.get(id)!), actionIds: Array.from(ids) }
}

/**
 * Streams a generic bandit-log CSV in chunks of at most `chunkSize` rounds: `onChunk` receives
 * a `BanditLog` whose arrays are reused for the next chunk (memory stays O(chunkSize) however
 * long the file). Estimators' sufficient statistics add up over chunks.
 * @example await readBanditCsvChunks("log.csv", { positions: 3 }, 65536, (chunk) => ipw.accumulate(offPolicyInput(chunk, target), sums))
 */
export async function readBanditCsvChunks(
  path: string,
  options: BanditCsvOptions,
  chunkSize: number,
  onChunk: (chunk: BanditLog) => void,
): Promise<BanditLogSchema> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new Error(`readBanditCsvChunks: chunkSize must be a positive integer, got ${chunkSize}`)
  const action = new Int32Array(chunkSize)
  const position = new Int32Array(chunkSize)
  const reward = new Float64Array(chunkSize)
  const propensity = new Float64Array(chunkSize)
  let context = new Float64Array(0)
  let categorical = new Int32Array(0)
  let n = 0
  const flush = (schema: BanditLogSchema): void => {
    if (n === 0) return
    const d = schema.featureNames.length
    const c = schema.categoricalNames.length
    onChunk({
      length: n,
      nActions: schema.nActions,
      nPositions: schema.nPositions,
      action: action.subarray(0, n),
      position: position.subarray(0, n),
      reward: reward.subarray(0, n),
      propensity: propensity.subarray(0, n),
      featureNames: schema.featureNames,
      context: context.subarray(0, n * d),
      categoricalNames: schema.categoricalNames,
      categorical: categorical.subarray(0, n * c),
      categoricalLevels: schema.categoricalLevels,
      source: schema.source,
    })
    n = 0
  }
  const schema = await readBanditCsv(path, options, (round, s) => {
    if (context.length !== chunkSize * round.context.length)
      context = new Float64Array(chunkSize * round.context.length)
    if (categorical.length !== chunkSize * round.categorical.length)
      categorical = new Int32Array(chunkSize * round.categorical.length)
    action[n] = round.action
    position[n] = round.position
    reward[n] = round.reward
    propensity[n] = round.propensity
    if (round.context.length > 0) context.set(round.context, n * round.context.length)
    if (round.categorical.length > 0) categorical.set(round.categorical, n * round.categorical.length)
    if (++n === chunkSize) flush(s)
  })
  flush(schema)
  return schema
}
