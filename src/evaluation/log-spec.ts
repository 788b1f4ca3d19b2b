import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { UserError } from "../config/user-error"
import { quoteForMessage } from "../config/message-text"
import { loadBanditCsv } from "../data/bandit-log-csv"
import {
  loadOpenBanditLog,
  readOpenBanditCsv,
  readOpenBanditItemCount,
  type ObdBehavior,
  type ObdCampaign,
} from "../data/open-bandit"
import { BanditLogBuilder, concatBanditLogs, type BanditLog } from "../schema/bandit-log"
import { balancedPropensity } from "./balanced-propensity"
import { actionFrequencyTarget, uniformTarget } from "./context-free-target"
import {
  EstimatedBehaviorPolicy,
  propensityCalibration,
  withEstimatedPropensities,
  type PropensityCalibration,
} from "./behavior-policy"

/** The two layouts of a logged bandit dataset: the Open Bandit Dataset's, and the generic CSV's. */
export type BanditLogFormat = "obd" | "csv"

const FORMATS: readonly BanditLogFormat[] = ["obd", "csv"]
const CAMPAIGNS: readonly ObdCampaign[] = ["men", "women", "all"]
const BEHAVIORS: readonly (ObdBehavior | "random+bts")[] = ["random", "bts", "random+bts"]

/** Where a logged bandit dataset lies and how to read it. */
export interface BanditLogSpec {
  /**
   * An Open Bandit Dataset folder (`<behavior>/<campaign>/` inside), one Open Bandit log file
   * (its `item_context.csv` beside it), or a generic CSV (action, position, reward|click,
   * propensity, numeric context columns; see `loadBanditCsv`).
   */
  log: string
  /** Default: `obd` for a folder or a file whose header has `propensity_score`, `csv` otherwise (see `banditLogFormat`). */
  format?: BanditLogFormat
  /** Open Bandit folder: the campaign (default `men`). */
  campaign?: ObdCampaign
  /** Open Bandit folder: the behaviour (logging) policy (default `random`). */
  behavior?: ObdBehavior | "random+bts"
  /** Generic CSV: the number of positions (position in 0..n−1; default: the largest position read + 1). */
  positions?: number
}

/** A log read from a `BanditLogSpec`. */
export interface LoadedBanditLog {
  log: BanditLog
  format: BanditLogFormat
  /**
   * Set when a generic CSV had no propensity column: the behaviour policy fitted on the log
   * (its π̂₀(aᵢ | xᵢ, posᵢ) are the log's propensities) and its calibration on the same log.
   */
  estimatedPropensities?: { behavior: EstimatedBehaviorPolicy; calibration: PropensityCalibration }
  /** Open Bandit logs: the dataset root (when `log` was the folder) and the campaign. */
  obd?: { root?: string; campaign: ObdCampaign }
  /**
   * Set for a log pooled from several loggers (`behavior: "random+bts"`): each logger, its share of
   * the rounds, and the balanced propensities p̄ᵢ = Σₖ ρₖ πₖ(aᵢ | posᵢ) that replaced each round's own.
   */
  loggers?: { names: string[]; shares: number[] }
}

/** `value` if it is one of `choices`, else a one-line error naming `field`, e.g. "campaign: expected men, women or all, got 'kids'". */
function checkChoice<T extends string>(field: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new UserError(
    `${field}: expected ${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}, got ${quoteForMessage(value)}`,
  )
}

/**
 * The layout of the log at `path`: `obd` for a folder or a file whose header line has a
 * `propensity_score` column (the Open Bandit Dataset's), `csv` otherwise.
 * @example banditLogFormat("data/open-bandit-dataset") // "obd"
 */
export function banditLogFormat(path: string): BanditLogFormat {
  return statSync(path).isDirectory() || headerLine(path).split(",").includes("propensity_score") ? "obd" : "csv"
}

/**
 * Reads the logged bandit dataset a spec names, whatever its layout (see `BanditLogSpec`). A
 * generic CSV without a propensity column gets the propensities of a behaviour policy fitted on
 * the log (`EstimatedBehaviorPolicy`), reported in `estimatedPropensities`.
 * @throws UserError with one line naming the spec field (`log`, `format`, `campaign`, `behavior`) and the bad value
 * @example const { log } = await loadBanditLogSpec({ log: "data/open-bandit-dataset", campaign: "men", behavior: "random" })
 */
export async function loadBanditLogSpec(spec: BanditLogSpec): Promise<LoadedBanditLog> {
  if (!existsSync(spec.log)) throw new UserError(`log: ${spec.log} does not exist`)
  const isDir = statSync(spec.log).isDirectory()
  const format = spec.format === undefined ? banditLogFormat(spec.log) : checkChoice("format", spec.format, FORMATS)
  if (format === "csv") {
    if (isDir) throw new UserError(`log: ${spec.log} is a folder; format csv needs a CSV file`)
    const missing = !headerLine(spec.log).split(",").includes("propensity")
    const loaded = await loadBanditCsv(spec.log, {
      positions: spec.positions,
      missingPropensity: missing ? "estimate" : "error",
    })
    if (!missing) return { log: loaded, format }
    const behavior = new EstimatedBehaviorPolicy().fit(loaded)
    const calibration = propensityCalibration(loaded, behavior)
    return {
      log: withEstimatedPropensities(loaded, behavior),
      format,
      estimatedPropensities: { behavior, calibration },
    }
  }
  const campaign = checkChoice("campaign", spec.campaign ?? "men", CAMPAIGNS)
  const behavior = checkChoice("behavior", spec.behavior ?? "random", BEHAVIORS)
  if (isDir) {
    const behaviors: ObdBehavior[] = behavior === "random+bts" ? ["random", "bts"] : [behavior]
    for (const b of behaviors)
      if (!existsSync(join(spec.log, b, campaign)))
        throw new UserError(`log: ${spec.log} has no ${b}/${campaign} folder (expected the Open Bandit Dataset layout)`)
    const logs = await Promise.all(behaviors.map((b) => loadOpenBanditLog(spec.log, b, campaign)))
    const obd = { root: spec.log, campaign }
    if (logs.length === 1) return { log: logs[0], format, obd }
    return { ...pooledOpenBanditLogs(logs[0], logs[1]), format, obd }
  }
  const itemContext = join(dirname(spec.log), "item_context.csv")
  if (!existsSync(itemContext))
    throw new UserError(`log: ${itemContext} not found (an Open Bandit log needs its item_context.csv beside it)`)
  const nItems = await readOpenBanditItemCount(itemContext)
  const builder = new BanditLogBuilder()
  await readOpenBanditCsv(spec.log, nItems, (round, schema) => builder.push(round, schema))
  return { log: builder.build(), format, obd: { campaign } }
}

/**
 * The random and Bernoulli TS logs of a campaign pooled, with balanced propensities (Agarwal et al.
 * 2017; OBP's multiple-logger IPW): the random logger is uniform over the items at every position,
 * BTS's distribution is its item frequency per position in its own log (as the `bts` target reads
 * it), and each logger's share is its share of the rounds.
 */
function pooledOpenBanditLogs(random: BanditLog, bts: BanditLog): Pick<LoadedBanditLog, "log" | "loggers"> {
  const pooled = concatBanditLogs([random, bts])
  const K = pooled.nActions
  const uniform = uniformTarget(K, pooled.nPositions, "random (uniform)")
  const frequencies = actionFrequencyTarget(bts, "Bernoulli TS (item frequencies)")
  const shares = [random.length / pooled.length, bts.length / pooled.length]
  return {
    log: { ...pooled, propensity: balancedPropensity(pooled, [uniform, frequencies], shares) },
    loggers: { names: [uniform.name, frequencies.name], shares },
  }
}

/** The first line of a file (up to 64 KiB), to tell the Open Bandit format from the generic one. */
function headerLine(path: string): string {
  const fd = openSync(path, "r")
  try {
    const buf = Buffer.alloc(1 << 16)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.toString("utf8", 0, n).split(/\r?\n/)[0]
  } finally {
    closeSync(fd)
  }
}
