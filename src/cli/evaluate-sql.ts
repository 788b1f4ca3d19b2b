import { UserError } from "../config/user-error"
import { openSqlLog } from "../evaluation/sql/log-source"
import { readContextFreeTarget } from "../evaluation/context-free-target"
import { offPolicyReportSections } from "../report/off-policy-report"
import { offPolicyTrust, offPolicyTrustSection } from "../report/off-policy-trust"
import { evaluateOffPolicySql, type SqlEvaluationOptions } from "../evaluation/sql/evaluate-sql"
import { terminalProgress } from "../io/progress"
import { runProvenance, writeRunOutput } from "./run-output"

/** What `evaluate` hands the SQL path. */
export interface EvaluateSqlArguments {
  log: string
  target: string
  out: string
  seed: number
  quiet?: boolean
  options: Omit<SqlEvaluationOptions, "where">
  /** The run's input paths (from `guardRun`), checked again when the output folder is written. */
  inputs: string[]
  /** The raw command line, recorded in the provenance. */
  argv: readonly string[]
}

/**
 * `evaluate` on a log an SQL engine reads where it lies (Parquet, DuckDB, ClickHouse, or a CSV
 * with `--engine duckdb`): the estimators compiled to one aggregate query, the same report,
 * summary and config as the in-memory path, plus the compiled `query.sql`.
 */
export async function evaluateSqlCommand(args: EvaluateSqlArguments): Promise<void> {
  if (args.target !== "uniform" && !/\.csv$/i.test(args.target))
    throw new UserError(`--target: the SQL path evaluates 'uniform' or a target CSV file, got '${args.target}'`)
  const progress = terminalProgress("evaluate", 3, { quiet: args.quiet })
  let source: Awaited<ReturnType<typeof openSqlLog>>
  try {
    source = await openSqlLog(args.log)
  } catch (error) {
    throw new UserError(firstLine(error, args.log))
  }
  let result: Awaited<ReturnType<typeof evaluateOffPolicySql>>
  try {
    progress.update(1, "compiling")
    result = await evaluateOffPolicySql(
      source.engine,
      source.table,
      args.target === "uniform"
        ? "uniform"
        : (facts) => readContextFreeTarget(args.target, facts.nActions, facts.nPositions),
      { ...args.options, where: args.log },
    )
  } catch (error) {
    throw new UserError(firstLine(error, args.log))
  } finally {
    await source.engine.close()
  }
  progress.update(2, "estimated")
  const trust = offPolicyTrust(result)
  const summary = {
    target: result.target,
    log: result.log,
    rows: result.rows,
    engine: source.engine.name,
    loggedValue: result.loggedValue.value,
    estimates: Object.fromEntries(
      Object.entries(result.estimates).map(([name, e]) => [
        name,
        { value: e.value, ci95: e.ci95, stderr: e.stderr, bootstrapCi95: null },
      ]),
    ),
    weights: result.weights,
    rewardModel: result.rewardModel ?? null,
    recommendation: { estimator: trust.recommendation.chosen, reason: trust.recommendation.reason },
    flags: trust.flags,
  }
  const sections = offPolicyReportSections(result)
  sections[0].paragraphs?.push(
    `Computed in SQL by ${source.engine.name}: one aggregate query over the log (query.sql beside this report); the reward model was fitted on a sample of at most ${args.options.sampleSize ?? 1_000_000} rows. No bootstrap intervals on this path.`,
  )
  const report = {
    title: `Off-policy evaluation: ${result.target}`,
    subtitle: `${result.log}, ${result.rows} rounds`,
    sections: [...sections, offPolicyTrustSection(result, trust)],
  }
  const files = { "query.sql": `${result.query}\n` }
  const config = { log: args.log, target: args.target, seed: args.seed, ...args.options }
  const dir = await writeRunOutput(args.out, args.inputs, () => ({
    summary,
    config,
    provenance: runProvenance(args.argv, { seed: args.seed }),
    report,
    files,
  }))
  progress.finish(`→ ${dir}`)
}

function firstLine(error: unknown, where: string): string {
  const message = ((error as Error).message ?? String(error)).split("\n")[0]
  return message.startsWith(where) || message.startsWith("--") ? message : `${where}: ${message}`
}
