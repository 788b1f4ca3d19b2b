import type { Command } from "commander"
import { existsSync } from "node:fs"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { terminalSafe } from "../config/message-text"
import { UserError } from "../config/user-error"
import type { ObdBehavior, ObdCampaign } from "../data/open-bandit"
import { bootstrapSizeProblem } from "../stats/bootstrap-limits"
import { OFF_POLICY_ESTIMATORS } from "../evaluation/estimators"
import { evaluateOffPolicy } from "../evaluation/off-policy-evaluation"
import { loadBanditLogSpec, type BanditLogFormat } from "../evaluation/log-spec"
import { resolveTargetSpec } from "../evaluation/target-spec"
import { offPolicyReportSections } from "../report/off-policy-report"
import { offPolicyTrust, offPolicyTrustSection } from "../report/off-policy-trust"
import { propensityCalibrationSection } from "../report/propensity-calibration-report"
import type { ReportSection } from "../report/html"
import { isSqlLog } from "../evaluation/sql/log-source"
import { evaluateSqlCommand } from "./evaluate-sql"
import { createRng } from "../random/rng"
import { guardRun } from "./run-guard"
import { runProvenance, writeRunOutput } from "./run-output"
import { terminalProgress } from "../io/progress"
import { choiceParser, integerParser, listFlag, numberParser } from "./flags"

interface EvaluateOptions {
  log: string
  format?: BanditLogFormat
  campaign: ObdCampaign
  behavior: ObdBehavior | "random+bts"
  target: string
  estimators: string
  out: string
  positions?: number
  rewardModel?: "logistic" | "ridge"
  switchThreshold: number
  clip: number
  shrinkage: number
  subGaussian: number
  crossFit: number
  epsilon: number
  bootstrap: number
  seed: number
  clipWeights?: number
  engine?: "memory" | "duckdb"
  sampleSize: number
  learner: "q" | "ipw" | "mlp"
  quiet?: boolean
}

/** An importance weight above this is warned about: one round then counts as 10,000. */
const EXTREME_WEIGHT = 1e4

const TARGET_HELP =
  "target policy: a CSV file item_id,position,probability (0-based; sums to 1 per position); 'bts' (OBD only: BTS's item frequencies in the bts log of the campaign, with its on-policy CTR); 'uniform'; or 'learned' (ε-greedy on a reward model fitted on the first half of the log, evaluated on the second half)"

/** `interest-lab evaluate`: off-policy evaluation of a target policy on a logged bandit dataset. */
export function registerEvaluate(program: Command, argv: readonly string[]): void {
  program
    .command("evaluate")
    .description(COMMAND_DESCRIPTIONS.evaluate)
    .requiredOption(
      "--log <path>",
      "the log: an Open Bandit Dataset folder (with --campaign/--behavior) or log file, or a generic CSV (action, position, reward|click, propensity, numeric context)",
    )
    .option(
      "--format <obd|csv>",
      "log format (default: obd for a folder or a file with propensity_score, csv otherwise)",
      choiceParser("--format", ["obd", "csv"] as const),
    )
    .option(
      "--campaign <men|women|all>",
      "Open Bandit campaign",
      choiceParser("--campaign", ["men", "women", "all"] as const),
      "men" as const,
    )
    .option(
      "--behavior <random|bts|random+bts>",
      "Open Bandit behaviour (logging) policy; random+bts pools both logs of the campaign with balanced propensities (multiple-logger IPW)",
      choiceParser("--behavior", ["random", "bts", "random+bts"] as const),
      "random" as const,
    )
    .requiredOption("--target <file|bts|uniform|learned>", TARGET_HELP)
    .option(
      "--estimators <list>",
      `comma-separated, from ${OFF_POLICY_ESTIMATORS.join(",")}`,
      "ipw,snipw,dm,dr,sndr,switch-dr",
    )
    .requiredOption("--out <dir>", "output folder, written atomically")
    .option("--positions <n>", "generic CSV: number of positions (position in 0..n-1)", integerParser("--positions", 1))
    .option(
      "--reward-model <logistic|ridge>",
      "reward model of DM/DR (default: logistic for 0/1 rewards)",
      choiceParser("--reward-model", ["logistic", "ridge"] as const),
    )
    .option(
      "--switch-threshold <w>",
      "switch-DR's importance-weight threshold",
      numberParser("--switch-threshold", { min: 0 }),
      100,
    )
    .option("--clip <w>", "ipw-clip and dr-clip: weights above it are clipped", numberParser("--clip", { min: 0 }), 100)
    .option("--shrinkage <l>", "dros: λ of the shrunk weight λw/(w² + λ)", numberParser("--shrinkage", { min: 0 }), 100)
    .option(
      "--sub-gaussian <l>",
      "ipw-sg and dr-sg: λ in [0, 1] of the weight w/(1 − λ + λw)",
      numberParser("--sub-gaussian", { min: 0, max: 1 }),
      0.1,
    )
    .option(
      "--cross-fit <k>",
      "fit the reward model by k-fold cross-fitting (1 = no cross-fitting)",
      integerParser("--cross-fit", 1),
      1,
    )
    .option("--epsilon <e>", "exploration of the 'learned' target", numberParser("--epsilon", { min: 0, max: 1 }), 0.1)
    .option("--bootstrap <n>", "bootstrap resamples (0 = none)", integerParser("--bootstrap", 0), 1000)
    .option("--seed <n>", "seed of the bootstrap and of replay's draws", integerParser("--seed", 0), 1)
    .option(
      "--clip-weights <w>",
      "clip every importance weight π/p to at most w (less variance, some bias; default: no clipping)",
      numberParser("--clip-weights", { min: 0, minExclusive: true }),
    )
    .option(
      "--engine <memory|duckdb>",
      "where the estimators run: memory (default for CSV and Open Bandit logs) or duckdb (SQL; always for .parquet, .duckdb and clickhouse:// logs)",
      choiceParser("--engine", ["memory", "duckdb"] as const),
    )
    .option(
      "--learner <q|ipw|mlp>",
      "the 'learned' target: q (ε-greedy on a reward model, OBP's QLearner), ipw (weighted softmax regression, OBP's IPWLearner) or mlp (OBP's NNPolicyLearner on TensorFlow.js, seeded by --seed)",
      choiceParser("--learner", ["q", "ipw", "mlp"] as const),
      "q" as const,
    )
    .option(
      "--sample-size <n>",
      "SQL path: rows the reward model is fitted on",
      integerParser("--sample-size", 1),
      1_000_000,
    )
    .option("--quiet", "no progress output")
    .action(async (options: EvaluateOptions) => {
      const inputs = guardRun(options.out, [
        { flag: "--log", path: options.log },
        ...(["bts", "uniform", "learned"].includes(options.target) ? [] : [{ flag: "--target", path: options.target }]),
      ])
      const {
        seed,
        bootstrap: resamples,
        switchThreshold,
        crossFit: crossFitFolds,
        epsilon,
        clipWeights,
        rewardModel,
      } = options
      const hyperParameters = { clip: options.clip, shrinkage: options.shrinkage, subGaussian: options.subGaussian }
      const estimators = listFlag("--estimators", options.estimators, OFF_POLICY_ESTIMATORS, "estimator")
      if (isSqlLog(options.log) || options.engine === "duckdb") {
        if (!options.log.startsWith("clickhouse://") && !existsSync(options.log))
          throw new UserError(`--log: ${options.log} does not exist`)
        return evaluateSqlCommand({
          argv,
          inputs,
          log: options.log,
          target: options.target,
          out: options.out,
          seed,
          quiet: options.quiet,
          options: {
            estimators,
            hyperParameters: { ...hyperParameters, switchThreshold },
            rewardModel,
            sampleSize: options.sampleSize,
            seed,
          },
        })
      }
      if (!existsSync(options.log)) throw new UserError(`--log: ${options.log} does not exist`)
      const progress = terminalProgress("evaluate", 3, { quiet: options.quiet })
      const source = await loadBanditLogSpec(options)
      if (source.estimatedPropensities && !options.quiet) {
        const error = source.estimatedPropensities.calibration.expectedCalibrationError
        process.stderr.write(
          `warning: ${options.log} has no propensity column; propensities come from a fitted behaviour policy (calibration error ${error.toPrecision(2)}, see the report)\n`,
        )
      }
      progress.update(1, `${source.log.length} rounds`)
      const { target, onPolicy, log } = await resolveTargetSpec(options, source)
      const tooLarge = bootstrapSizeProblem(resamples, log.length, estimators.length)
      if (tooLarge) throw new UserError(`--bootstrap: ${tooLarge}`)
      if (estimators.includes("replay")) {
        const p0 = log.propensity[0]
        for (let i = 0; i < log.length; i++) {
          if (Math.abs(log.propensity[i] - p0) > 1e-9 * p0)
            throw new UserError(
              "--estimators: replay needs a uniformly random logging policy (equal propensities); this log is not (use ipw or snipw)",
            )
        }
      }
      let result: ReturnType<typeof evaluateOffPolicy>
      try {
        result = evaluateOffPolicy(log, target, {
          estimators,
          rng: createRng(seed),
          resamples,
          switchThreshold,
          hyperParameters,
          crossFitFolds,
          rewardModel,
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
      const estimated = source.estimatedPropensities
      const trust = offPolicyTrust(
        result,
        estimated
          ? { propensitiesEstimated: { calibrationError: estimated.calibration.expectedCalibrationError } }
          : {},
      )
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
            {
              value: e.value,
              ci95: e.ci95,
              stderr: e.stderr,
              bootstrapCi95: e.bootstrapCi95 ?? null,
              relativeError: onPolicy ? Math.abs(e.value - onPolicy.value) / onPolicy.value : null,
            },
          ]),
        ),
        weights: result.weights,
        rewardModel: result.rewardModel ?? null,
        rewardModelFit: result.rewardModelFit ?? null,
        recommendation: { estimator: trust.recommendation.chosen, reason: trust.recommendation.reason },
        flags: trust.flags,
        propensityCalibration: estimated?.calibration ?? null,
        loggers: source.loggers ?? null,
      }
      const config = {
        log: options.log,
        format: source.format,
        campaign: options.campaign,
        behavior: options.behavior,
        target: options.target,
        estimators,
        seed,
        bootstrap: resamples,
        switchThreshold,
        crossFitFolds,
        epsilon,
        clipWeights: clipWeights ?? null,
        rewardModel: result.rewardModel ?? null,
      }
      const report = {
        title: `Off-policy evaluation: ${result.target}`,
        subtitle: `${result.log}, ${result.rows} rounds`,
        sections: [
          ...(estimated ? [propensityCalibrationSection(estimated.calibration, estimated.behavior.name)] : []),
          ...(source.loggers ? [pooledLoggersSection(source.loggers)] : []),
          ...offPolicyReportSections(result, onPolicy),
          offPolicyTrustSection(result, trust),
        ],
      }
      const dir = await writeRunOutput(options.out, inputs, () => ({
        summary,
        config,
        provenance: runProvenance(argv, { seed }),
        report,
      }))
      progress.finish(`→ ${dir}`)
    })
}

/** The report's note on a log pooled from several loggers: who logged what share, and what the weights use. */
function pooledLoggersSection(loggers: { names: string[]; shares: number[] }): ReportSection {
  return {
    heading: "Pooled loggers: balanced propensities",
    paragraphs: [
      `The log pools the rounds of ${loggers.names.length} logging policies. Every estimator weighs a round by π(a | x) / p̄, where p̄ = Σₖ ρₖ πₖ(a | pos) mixes the loggers' probabilities by their shares ρₖ of the rounds (balanced, or multiple-logger, IPW: Agarwal, Basu, Schnabel & Joachims 2017), instead of the propensity of the logger that happened to log the round; its variance is never above the per-logger weighting's.`,
    ],
    tables: [
      {
        columns: ["logger", "share of the rounds"],
        rows: loggers.names.map((name, k) => [name, loggers.shares[k].toFixed(4)]),
      },
    ],
  }
}
