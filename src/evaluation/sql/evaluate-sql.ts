import type { BanditLog } from "../../schema/bandit-log"
import { type ContextFreeTarget, uniformTarget } from "../context-free-target"
import { normalQuantile } from "../../stats/distributions"
import { offPolicyEstimator } from "../estimators"
import type { OffPolicyEstimate, WeightDiagnostics } from "../off-policy-estimator"
import type { OffPolicyEvaluationResult } from "../off-policy-evaluation"
import { LinearRewardModel } from "../reward-model"
import { estimatorSumsSql, SQL_ESTIMATORS, SQL_ROW, type SqlHyperParameters } from "./estimator-sql"
import { expectedRewardSql, loggedRewardSql, rewardModelBaseSql, targetProbabilitySql } from "./policy-sql"
import type { SqlEngine } from "./sql-engine"
import { sqlIdentifier, sqlNumber } from "./sql-literal"

/** The columns of a log table, in the generic bandit-log format (see `readBanditCsv`). */
export interface SqlLogSchema {
  action: string
  /** Absent: one position (0). */
  position?: string
  reward: string
  propensity: string
  /** Numeric context columns: every other column. */
  features: string[]
}

/** What the checks of a log table found. */
export interface SqlLogFacts {
  rows: number
  nActions: number
  nPositions: number
  binaryReward: boolean
}

/** Options of `evaluateOffPolicySql`. */
export interface SqlEvaluationOptions {
  estimators: readonly string[]
  hyperParameters?: SqlHyperParameters
  /** Reward model of DM/DR (default logistic for 0/1 rewards, ridge otherwise) and its L2 penalty (default 1). */
  rewardModel?: "logistic" | "ridge"
  l2?: number
  /** Rows the reward model is fitted on (a seeded sample when the log is larger; default 1,000,000). */
  sampleSize?: number
  seed?: number
  /** The log as the user named it (file or URL), for messages. */
  where: string
}

const RESERVED = new Set(["action", "position", "reward", "click", "propensity"])

/**
 * The generic format's columns in a table: `action`, `propensity`, `reward` or `click`, optional
 * `position`, every other column a numeric feature. A missing column is one line naming the log.
 * @example await sqlLogSchema(engine, "read_parquet('log.parquet')", "log.parquet")
 */
export async function sqlLogSchema(engine: SqlEngine, table: string, where: string): Promise<SqlLogSchema> {
  const columns = await engine.columns(table)
  const need = (name: string): string => {
    if (!columns.includes(name))
      throw new Error(`${where}: missing column '${name}' (the table has: ${columns.join(", ")})`)
    return name
  }
  const reward = columns.includes("reward") ? "reward" : columns.includes("click") ? "click" : need("reward")
  return {
    action: need("action"),
    position: columns.includes("position") ? "position" : undefined,
    reward,
    propensity: need("propensity"),
    features: columns.filter((c) => !RESERVED.has(c)),
  }
}

/**
 * Checks a log table in one pass of minima, maxima and counts: integer actions and positions
 * ≥ 0, propensities in (0, 1], no empty field. Each violation is one line naming the log, the
 * column and the offending range.
 * @example const facts = await checkSqlLog(engine, table, schema, "log.parquet")
 */
export async function checkSqlLog(
  engine: SqlEngine,
  table: string,
  schema: SqlLogSchema,
  where: string,
): Promise<SqlLogFacts> {
  const a = sqlIdentifier(schema.action)
  const p = schema.position ? sqlIdentifier(schema.position) : "0"
  const r = sqlIdentifier(schema.reward)
  const ps = sqlIdentifier(schema.propensity)
  const d = (x: string): string => `CAST(${x} AS ${engine.doubleType})`
  // min, max and counts only (cheap, vectorised): a NULL shows as count(column) < count(*)
  const [
    [
      rows,
      nAction,
      minAction,
      maxAction,
      fracAction,
      nPosition,
      minPosition,
      maxPosition,
      fracPosition,
      nPropensity,
      minPropensity,
      maxPropensity,
      nReward,
      minReward,
      maxReward,
      fracReward,
    ],
  ] = await engine.queryRows(
    `SELECT ${d("count(*)")}, ${d(`count(${a})`)}, ${d(`min(${a})`)}, ${d(`max(${a})`)}, ${d(`max(abs(${a} - floor(${a})))`)}, ` +
      `${d(`count(${p})`)}, ${d(`min(${p})`)}, ${d(`max(${p})`)}, ${d(`max(abs(${p} - floor(${p})))`)}, ` +
      `${d(`count(${ps})`)}, ${d(`min(${ps})`)}, ${d(`max(${ps})`)}, ${d(`count(${r})`)}, ${d(`min(${r})`)}, ${d(`max(${r})`)}, ${d(`max(abs(${r} - floor(${r})))`)} FROM ${table}`,
  )
  if (!(rows > 0)) throw new Error(`${where}: the log has no rows`)
  const nulls = (count: number, column: string): void => {
    if (count < rows) throw new Error(`${where}: column '${column}': ${rows - count} rows are empty`)
  }
  nulls(nAction, schema.action)
  if (minAction < 0 || fracAction > 0)
    throw new Error(
      `${where}: column '${schema.action}': values must be integers >= 0 (min ${minAction}, max ${maxAction})`,
    )
  if (schema.position) {
    nulls(nPosition, schema.position)
    if (minPosition < 0 || fracPosition > 0)
      throw new Error(
        `${where}: column '${schema.position}': values must be integers >= 0 (min ${minPosition}, max ${maxPosition})`,
      )
  }
  nulls(nPropensity, schema.propensity)
  if (!(minPropensity > 0 && maxPropensity <= 1))
    throw new Error(
      `${where}: column '${schema.propensity}': values outside (0, 1] (min ${minPropensity}, max ${maxPropensity}); allowed: probabilities in (0, 1]`,
    )
  nulls(nReward, schema.reward)
  const binaryReward = minReward >= 0 && maxReward <= 1 && fracReward === 0
  if (schema.reward === "click" && !binaryReward)
    throw new Error(`${where}: column 'click': values must be 0 or 1 (min ${minReward}, max ${maxReward})`)
  return { rows, nActions: maxAction + 1, nPositions: schema.position ? maxPosition + 1 : 1, binaryReward }
}

/**
 * Off-policy evaluation where the log lives: every estimator compiled to one SQL aggregate
 * query over the log table (`estimatorSumsSql`), the target's π(a|pos) and the reward model
 * written as expressions (`policy-sql.ts`), the reward model fitted in memory on a sample of at
 * most `sampleSize` rows. One scan of the log answers all estimators; memory is the engine's
 * (DuckDB streams Parquet/CSV, ClickHouse aggregates on its shards). Each estimator's own
 * `finalize` turns the sums into its estimate, so values equal the in-memory path's (the
 * test checks 1e-12) when the reward model is fitted on the same rows. No bootstrap.
 * @example await evaluateOffPolicySql(engine, "read_parquet('log.parquet')", "uniform", { estimators: ["ipw", "dr"], where: "log.parquet" })
 */
export async function evaluateOffPolicySql(
  engine: SqlEngine,
  table: string,
  target: ContextFreeTarget | "uniform" | ((facts: SqlLogFacts) => Promise<ContextFreeTarget>),
  options: SqlEvaluationOptions,
): Promise<OffPolicyEvaluationResult & { query: string }> {
  const where = options.where
  for (const e of options.estimators) {
    if (!(SQL_ESTIMATORS as readonly string[]).includes(e))
      throw new Error(`--estimators: '${e}' does not run in SQL (allowed: ${SQL_ESTIMATORS.join(", ")})`)
  }
  const schema = await sqlLogSchema(engine, table, where)
  const facts = await checkSqlLog(engine, table, schema, where)
  const policy =
    target === "uniform"
      ? uniformTarget(facts.nActions, facts.nPositions)
      : typeof target === "function"
        ? await target(facts)
        : target
  if (facts.nActions > policy.nActions)
    throw new Error(
      `${where}: column 'action' reaches ${facts.nActions - 1}, the target '${policy.name}' has actions 0..${policy.nActions - 1}`,
    )
  if (facts.nPositions > policy.nPositions)
    throw new Error(
      `${where}: column 'position' reaches ${facts.nPositions - 1}, the target '${policy.name}' has positions 0..${policy.nPositions - 1}`,
    )
  const estimators = options.estimators.map((name) => offPolicyEstimator(name, options.hyperParameters))
  const a = sqlIdentifier(schema.action)
  const p = schema.position ? sqlIdentifier(schema.position) : "0"
  const sampleColumns = [
    a,
    p,
    sqlIdentifier(schema.reward),
    sqlIdentifier(schema.propensity),
    ...schema.features.map(sqlIdentifier),
  ]
  const needsModel = estimators.some((e) => e.needsRewardModel)
  // the reward model's sample doubles as the weight histogram's; without a model 20,000 rows suffice
  const sampleSize = needsModel ? (options.sampleSize ?? 1_000_000) : 20_000
  const sample = sampleLog(
    await engine.sampleRows(table, sampleColumns, sampleSize, options.seed ?? 1, facts.rows),
    schema,
    policy.nActions,
    facts.nPositions,
    where,
  )
  const model = needsModel
    ? new LinearRewardModel({
        kind: options.rewardModel ?? (facts.binaryReward ? "logistic" : "ridge"),
        l2: options.l2 ?? 1,
      }).fit(sample)
    : undefined
  const at = engine.arrayAt.bind(engine)
  const pi = targetProbabilitySql(policy, a, p, at)
  const eta = model ? rewardModelBaseSql(model, schema.features) : sqlNumber(0)
  const q = model ? loggedRewardSql(model, "eta0", a, p, at) : sqlNumber(0)
  const g = model ? expectedRewardSql(model, policy, "eta0", p, at) : sqlNumber(0)
  const inner = `SELECT CAST(${sqlIdentifier(schema.reward)} AS ${engine.doubleType}) AS ${SQL_ROW.reward}, ${pi} / ${sqlIdentifier(schema.propensity)} AS ${SQL_ROW.weight}, ${q} AS ${SQL_ROW.logged}, ${g} AS ${SQL_ROW.expected} FROM (SELECT *, ${eta} AS eta0 FROM ${table}) AS logged`
  const { weight: w, reward: r } = SQL_ROW
  const diagnostics = [
    "count(*)",
    `max(${w})`,
    `sum(${w})`,
    `sum(${w} * ${w})`,
    `sum(CASE WHEN ${w} = 0 THEN 1 ELSE 0 END)`,
    `sum(${r})`,
    `sum(${r} * ${r})`,
  ]
  const sums = estimators.map((e) => estimatorSumsSql(e.name, options.hyperParameters))
  // estimators share sums (count(*), Σw …): each distinct aggregate is computed once
  const distinct = [...new Set([...diagnostics, ...sums.flat()])]
  const query = `SELECT ${distinct.map((x) => `CAST(${x} AS ${engine.doubleType})`).join(", ")} FROM (${inner}) AS rows`
  const [row] = await engine.queryRows(query)
  const answer = [...diagnostics, ...sums.flat()].map((x) => row[distinct.indexOf(x)])
  const [n, maxW, sw, sww, zeros, sr, srr] = answer
  const weights: WeightDiagnostics = {
    maxWeight: maxW,
    meanWeight: sw / n,
    effectiveSampleSize: sww === 0 ? 0 : (sw * sw) / sww,
    zeroWeightShare: zeros / n,
  }
  const z = normalQuantile(0.975)
  const estimates: Record<string, OffPolicyEstimate> = {}
  let offset = diagnostics.length
  estimators.forEach((e, j) => {
    const s = Float64Array.from(answer.slice(offset, offset + sums[j].length))
    offset += sums[j].length
    const { value, stderr } = e.finalize(s)
    estimates[e.name] = {
      estimator: e.name,
      value,
      stderr,
      ci95: [value - z * stderr, value + z * stderr],
      rows: n,
      weights,
    }
  })
  const mean = sr / n
  const half = n > 1 ? z * Math.sqrt(Math.max(0, (srr - n * mean * mean) / (n - 1)) / n) : 0
  const weightSample = new Float64Array(Math.min(sample.length, 20_000))
  const probs = new Float64Array(policy.nActions)
  for (let k = 0; k < weightSample.length; k++) {
    const i = Math.floor((k * sample.length) / weightSample.length)
    policy.actionProbabilities(sample, i, probs)
    weightSample[k] = probs[sample.action[i]] / sample.propensity[i]
  }
  return {
    target: policy.name,
    log: where,
    rows: n,
    estimates,
    weights,
    rewardModel: model?.name,
    loggedValue: { value: mean, ci95: [mean - half, mean + half] },
    weightSample,
    query,
  }
}

/** Sampled rows [action, position, reward, propensity, features…] as an in-memory log. */
function sampleLog(
  rows: number[][],
  schema: SqlLogSchema,
  nActions: number,
  nPositions: number,
  where: string,
): BanditLog {
  const n = rows.length
  const d = schema.features.length
  const log = {
    length: n,
    nActions,
    nPositions,
    action: new Int32Array(n),
    position: new Int32Array(n),
    reward: new Float64Array(n),
    propensity: new Float64Array(n),
    featureNames: schema.features,
    context: new Float64Array(n * d),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: `${where} (sample of ${n} rows)`,
  }
  rows.forEach((row, i) => {
    log.action[i] = row[0]
    log.position[i] = row[1]
    log.reward[i] = row[2]
    log.propensity[i] = row[3]
    for (let j = 0; j < d; j++) {
      const x = row[4 + j]
      if (!Number.isFinite(x))
        throw new Error(
          `${where}: column '${schema.features[j]}': '${x}' is not a number (context columns must be numeric)`,
        )
      log.context[i * d + j] = x
    }
  })
  return log
}
