import type { Command } from "commander"
import { SUB_COMMANDS } from "./commands"
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { terminalSafe } from "../config/message-text"
import { UserError } from "../config/user-error"
import { BanditLogBuilder, sliceBanditLog, type BanditLog } from "../schema/bandit-log"
import { loadBanditCsv } from "../data/bandit-log-csv"
import { loadOpenBanditLog, readOpenBanditCsv, readOpenBanditItemCount, type ObdBehavior, type ObdCampaign } from "../data/open-bandit"
import { ContextFreeTarget, actionFrequencyTarget, readContextFreeTarget } from "../evaluation/context-free-target"
import { bootstrapSizeProblem } from "../stats/bootstrap-limits"
import { OFF_POLICY_ESTIMATORS } from "../evaluation/estimators"
import { GreedyModelTarget } from "../evaluation/greedy-model-target"
import { evaluateOffPolicy, meanWithInterval, type ValueWithInterval } from "../evaluation/off-policy-evaluation"
import { offPolicyReportSections } from "../report/off-policy-report"
import { offPolicyTrust, offPolicyTrustSection } from "../report/off-policy-trust"
import { estimatePropensitiesIfMissing, type EstimatedPropensities } from "../report/estimate-propensities-if-missing"
import { isSqlLog } from "../evaluation/sql/log-source"
import { evaluateSqlCommand } from "./evaluate-sql"
import { IpwPolicyLearner } from "../evaluation/ipw-policy-learner"
import { LinearRewardModel } from "../evaluation/reward-model"
import type { TargetPolicy } from "../schema/target-policy"
import { createRng } from "../random/rng"
import { renderReport } from "../report/html"
import { writeOutputDir } from "../io/output-dir"
import { guardRun } from "./run-guard"
import { terminalProgress } from "../io/progress"
import { provenance } from "../io/provenance"
import { integerFlag, numberFlag } from "./flags"

interface EvaluateOptions {
  log: string
  format?: string
  campaign: string
  behavior: string
  target: string
  estimators: string
  out: string
  positions?: string
  rewardModel?: string
  switchThreshold: string
  clip: string
  shrinkage: string
  subGaussian: string
  crossFit: string
  epsilon: string
  bootstrap: string
  seed: string
  clipWeights?: string
  engine?: string
  sampleSize: string
  learner: string
  quiet?: boolean
}

/** An importance weight above this is warned about: one round then counts as 10,000. */
const EXTREME_WEIGHT = 1e4

const TARGET_HELP =
  "target policy: a CSV file item_id,position,probability (0-based; sums to 1 per position); 'bts' (OBD only: BTS's item frequencies in the bts log of the campaign, with its on-policy CTR); 'uniform'; or 'learned' (ε-greedy on a reward model fitted on the first half of the log, evaluated on the second half)"

/** `interest-lab evaluate`: off-policy evaluation of a target policy on a logged bandit dataset. */
export function registerEvaluate(program: Command): void {
  program
    .command("evaluate")
    .description(SUB_COMMANDS.evaluate.description)
    .requiredOption("--log <path>", "the log: an Open Bandit Dataset folder (with --campaign/--behavior) or log file, or a generic CSV (action, position, reward|click, propensity, numeric context)")
    .option("--format <obd|csv>", "log format (default: obd for a folder or a file with propensity_score, csv otherwise)")
    .option("--campaign <men|women|all>", "Open Bandit campaign", "men")
    .option("--behavior <random|bts>", "Open Bandit behaviour (logging) policy", "random")
    .requiredOption("--target <file|bts|uniform|learned>", TARGET_HELP)
    .option("--estimators <list>", `comma-separated, from ${OFF_POLICY_ESTIMATORS.join(",")}`, "ipw,snipw,dm,dr,sndr,switch-dr")
    .requiredOption("--out <dir>", "output folder, written atomically")
    .option("--positions <n>", "generic CSV: number of positions (position in 0..n-1)")
    .option("--reward-model <logistic|ridge>", "reward model of DM/DR (default: logistic for 0/1 rewards)")
    .option("--switch-threshold <w>", "switch-DR's importance-weight threshold", "100")
    .option("--clip <w>", "ipw-clip and dr-clip: weights above it are clipped", "100")
    .option("--shrinkage <l>", "dros: λ of the shrunk weight λw/(w² + λ)", "100")
    .option("--sub-gaussian <l>", "ipw-sg and dr-sg: λ in [0, 1] of the weight w/(1 − λ + λw)", "0.1")
    .option("--cross-fit <k>", "fit the reward model by k-fold cross-fitting (1 = no cross-fitting)", "1")
    .option("--epsilon <e>", "exploration of the 'learned' target", "0.1")
    .option("--bootstrap <n>", "bootstrap resamples (0 = none)", "1000")
    .option("--seed <n>", "seed of the bootstrap and of replay's draws", "1")
    .option("--clip-weights <w>", "clip every importance weight π/p to at most w (less variance, some bias; default: no clipping)")
    .option("--engine <memory|duckdb>", "where the estimators run: memory (default for CSV and Open Bandit logs) or duckdb (SQL; always for .parquet, .duckdb and clickhouse:// logs)")
    .option("--learner <q|ipw>", "the 'learned' target: q (ε-greedy on a reward model, OBP's QLearner) or ipw (weighted softmax regression, OBP's IPWLearner)", "q")
    .option("--sample-size <n>", "SQL path: rows the reward model is fitted on", "1000000")
    .option("--quiet", "no progress output")
    .action(async (options: EvaluateOptions) => {
      const inputs = guardRun(options.out, [{ flag: "--log", path: options.log }, ...(["bts", "uniform", "learned"].includes(options.target) ? [] : [{ flag: "--target", path: options.target }])])
      const seed = integerFlag("--seed", options.seed, 0)
      const resamples = integerFlag("--bootstrap", options.bootstrap, 0)
      const switchThreshold = numberFlag("--switch-threshold", options.switchThreshold, (x) => x >= 0, "a number >= 0")
      const hyperParameters = {
        clip: numberFlag("--clip", options.clip, (x) => x >= 0, "a number >= 0"),
        shrinkage: numberFlag("--shrinkage", options.shrinkage, (x) => x >= 0, "a number >= 0"),
        subGaussian: numberFlag("--sub-gaussian", options.subGaussian, (x) => x >= 0 && x <= 1, "a number in [0, 1]"),
      }
      const crossFitFolds = integerFlag("--cross-fit", options.crossFit, 1)
      const epsilon = numberFlag("--epsilon", options.epsilon, (x) => x >= 0 && x <= 1, "a number in [0, 1]")
      const clipWeights = options.clipWeights === undefined ? undefined : numberFlag("--clip-weights", options.clipWeights, (x) => x > 0, "a number > 0")
      const estimators = options.estimators.split(",").map((s) => s.trim()).filter((s) => s !== "")
      for (const e of estimators) {
        if (!(OFF_POLICY_ESTIMATORS as readonly string[]).includes(e)) throw new UserError(`--estimators: unknown estimator '${e}' (allowed: ${OFF_POLICY_ESTIMATORS.join(", ")})`)
      }
      if (estimators.length === 0) throw new UserError("--estimators: name at least one estimator")
      if (options.rewardModel !== undefined && options.rewardModel !== "logistic" && options.rewardModel !== "ridge") {
        throw new UserError(`--reward-model: expected logistic or ridge, got '${options.rewardModel}'`)
      }
      if (options.engine !== undefined && options.engine !== "memory" && options.engine !== "duckdb") throw new UserError(`--engine: expected memory or duckdb, got '${options.engine}'`)
      if (isSqlLog(options.log) || options.engine === "duckdb") {
        if (!options.log.startsWith("clickhouse://") && !existsSync(options.log)) throw new UserError(`--log: ${options.log} does not exist`)
        const sampleSize = integerFlag("--sample-size", options.sampleSize, 1)
        const rewardModel = options.rewardModel as "logistic" | "ridge" | undefined
        return evaluateSqlCommand({ inputs, log: options.log, target: options.target, out: options.out, seed, quiet: options.quiet, options: { estimators, hyperParameters: { ...hyperParameters, switchThreshold }, rewardModel, sampleSize, seed } })
      }
      if (!existsSync(options.log)) throw new UserError(`--log: ${options.log} does not exist`)
      const progress = terminalProgress("evaluate", 3, { quiet: options.quiet })
      const source = await loadLog(options)
      let log = source.log
      progress.update(1, `${log.length} rounds`)
      const { target, onPolicy, evaluationLog } = await resolveTarget(options, source, epsilon)
      log = evaluationLog ?? log
      const tooLarge = bootstrapSizeProblem(resamples, log.length, estimators.length)
      if (tooLarge) throw new UserError(`--bootstrap: ${tooLarge}`)
      if (estimators.includes("replay")) {
        const p0 = log.propensity[0]
        for (let i = 0; i < log.length; i++) {
          if (Math.abs(log.propensity[i] - p0) > 1e-9 * p0) throw new UserError("--estimators: replay needs a uniformly random logging policy (equal propensities); this log is not (use ipw or snipw)")
        }
      }
      let result
      try {
        result = evaluateOffPolicy(log, target, {
          estimators,
          rng: createRng(seed),
          resamples,
          switchThreshold,
          hyperParameters,
          crossFitFolds,
          rewardModel: options.rewardModel as "logistic" | "ridge" | undefined,
          clipWeights,
        })
      } catch (error) {
        throw new UserError((error as Error).message)
      }
      progress.update(2, "estimated")
      if (clipWeights === undefined && result.weights.maxWeight > EXTREME_WEIGHT) {
        process.stderr.write(
          `interest-lab: warning: ${terminalSafe(log.source)}: an importance weight π/p reaches ${result.weights.maxWeight.toPrecision(3)} (tiny propensities); a few rounds dominate the estimates: consider --clip-weights ${EXTREME_WEIGHT}\n`,
        )
      }
      const trust = offPolicyTrust(result, source.estimatedPropensities ? { propensitiesEstimated: { calibrationError: source.estimatedPropensities.calibration.expectedCalibrationError } } : {})
      const command = `interest-lab evaluate ${process.argv.slice(3).join(" ")}`
      const prov = provenance(command)
      const dir = await writeOutputDir(options.out, async (tmp) => {
        const summary = {
          target: result.target,
          log: result.log,
          rows: result.rows,
          onPolicyValue: onPolicy?.value ?? null,
          onPolicyCi95: onPolicy?.ci95 ?? null,
          loggedValue: result.loggedValue.value,
          estimates: Object.fromEntries(
            Object.entries(result.estimates).map(([name, e]) => [
              name,
              { value: e.value, ci95: e.ci95, stderr: e.stderr, bootstrapCi95: e.bootstrapCi95 ?? null, relativeError: onPolicy ? Math.abs(e.value - onPolicy.value) / onPolicy.value : null },
            ]),
          ),
          weights: result.weights,
          rewardModel: result.rewardModel ?? null,
          rewardModelFit: result.rewardModelFit ?? null,
          recommendation: { estimator: trust.recommendation.chosen, reason: trust.recommendation.reason },
          flags: trust.flags,
          propensityCalibration: source.estimatedPropensities?.calibration ?? null,
        }
        writeFileSync(join(tmp, "summary.json"), JSON.stringify(summary, null, 2) + "\n")
        const config = { log: options.log, format: source.format, campaign: options.campaign, behavior: options.behavior, target: options.target, estimators, seed, bootstrap: resamples, switchThreshold, crossFitFolds, epsilon, clipWeights: clipWeights ?? null, rewardModel: result.rewardModel ?? null }
        writeFileSync(join(tmp, "config.json"), JSON.stringify({ config, provenance: prov }, null, 2) + "\n")
        const html = renderReport({
          title: `Off-policy evaluation: ${result.target}`,
          subtitle: `${result.log}, ${result.rows} rounds`,
          sections: [...(source.estimatedPropensities ? [source.estimatedPropensities.section] : []), ...offPolicyReportSections(result, onPolicy), offPolicyTrustSection(result, trust)],
          provenance: { ...prov, seed },
        })
        writeFileSync(join(tmp, "report.html"), html)
      }, { inputs })
      progress.finish(`→ ${dir}`)
    })
}

interface LoadedLog {
  log: BanditLog
  format: "obd" | "csv"
  /** Set when the log had no propensities and a behaviour policy was fitted. */
  estimatedPropensities?: EstimatedPropensities
  /** For OBD: the dataset root (folder layout) or the log file's folder. */
  obd?: { root?: string; campaign: ObdCampaign }
}

async function loadLog(options: EvaluateOptions): Promise<LoadedLog> {
  const isDir = statSync(options.log).isDirectory()
  const format = options.format ?? (isDir || headerLine(options.log).split(",").includes("propensity_score") ? "obd" : "csv")
  if (format !== "obd" && format !== "csv") throw new UserError(`--format: expected obd or csv, got '${format}'`)
  if (format === "csv") {
    if (isDir) throw new UserError(`--log: ${options.log} is a folder; --format csv needs a CSV file`)
    const positions = options.positions === undefined ? undefined : integerFlag("--positions", options.positions, 1)
    const missing = !headerLine(options.log).split(",").includes("propensity")
    const loaded = await loadBanditCsv(options.log, { positions, missingPropensity: missing ? "estimate" : "error" })
    if (!missing) return { log: loaded, format }
    const estimated = estimatePropensitiesIfMissing(loaded)
    if (!options.quiet) process.stderr.write(`warning: ${options.log} has no propensity column; propensities come from a fitted behaviour policy (calibration error ${estimated.calibration.expectedCalibrationError.toPrecision(2)}, see the report)\n`)
    return { log: estimated.log, format, estimatedPropensities: estimated }
  }
  const campaign = options.campaign as ObdCampaign
  if (!["men", "women", "all"].includes(campaign)) throw new UserError(`--campaign: expected men, women or all, got '${options.campaign}'`)
  const behavior = options.behavior as ObdBehavior
  if (!["random", "bts"].includes(behavior)) throw new UserError(`--behavior: expected random or bts, got '${options.behavior}'`)
  if (isDir) {
    if (!existsSync(join(options.log, behavior, campaign))) throw new UserError(`--log: ${options.log} has no ${behavior}/${campaign} folder (expected the Open Bandit Dataset layout)`)
    return { log: await loadOpenBanditLog(options.log, behavior, campaign), format, obd: { root: options.log, campaign } }
  }
  const itemContext = join(dirname(options.log), "item_context.csv")
  if (!existsSync(itemContext)) throw new UserError(`--log: ${itemContext} not found (an Open Bandit log needs its item_context.csv beside it)`)
  const nItems = await readOpenBanditItemCount(itemContext)
  const builder = new BanditLogBuilder()
  await readOpenBanditCsv(options.log, nItems, (round, schema) => builder.push(round, schema))
  return { log: builder.build(), format, obd: { campaign } }
}

async function resolveTarget(
  options: EvaluateOptions,
  source: LoadedLog,
  epsilon: number,
): Promise<{ target: TargetPolicy; onPolicy?: ValueWithInterval; evaluationLog?: BanditLog }> {
  const log = source.log
  switch (options.target) {
    case "bts": {
      if (source.obd?.root === undefined) throw new UserError("--target bts: needs --log pointing at the Open Bandit Dataset folder (it reads the bts log of the campaign)")
      const bts = await loadOpenBanditLog(source.obd.root, "bts", source.obd.campaign)
      return { target: actionFrequencyTarget(bts, `Bernoulli TS (${source.obd.campaign}), item frequencies of the bts log`), onPolicy: meanWithInterval(bts.reward) }
    }
    case "uniform":
      return { target: new ContextFreeTarget("uniform", log.nActions, log.nPositions, new Float64Array(log.nActions * log.nPositions).fill(1 / log.nActions)) }
    case "learned": {
      if (log.length < 4) throw new UserError("--target learned: the log needs at least 4 rounds to split in halves")
      const half = log.length >> 1
      const train = sliceBanditLog(log, 0, half)
      const test = sliceBanditLog(log, half, log.length)
      const binary = train.reward.every((r) => r === 0 || r === 1)
      if (options.learner === "ipw") {
        const learned = new IpwPolicyLearner({ epsilon }).fit(train)
        return { target: learned, evaluationLog: test }
      }
      if (options.learner !== "q") throw new UserError(`--learner: expected q or ipw, got '${options.learner}'`)
      const model = new LinearRewardModel({ kind: binary ? "logistic" : "ridge" }).fit(train)
      return { target: new GreedyModelTarget(model, log.nActions, { epsilon, name: `${epsilon}-greedy on a ${model.name} learned from rounds 0..${half - 1}` }), evaluationLog: test }
    }
    default:
      if (!existsSync(options.target)) throw new UserError(`--target: '${options.target}' is neither a file nor one of bts, uniform, learned`)
      return { target: await readContextFreeTarget(options.target, log.nActions, log.nPositions, options.target, log.actionIds) }
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
