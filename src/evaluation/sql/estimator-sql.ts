import { sqlNumber } from "./sql-literal"

/**
 * The row-level quantities every estimator's SQL reads, as column names of the inner query:
 * `r` the reward, `w` the importance weight π(a|x)/π₀(a|x), `q` q̂(x, a) of the logged action,
 * `g` Σₐ π(a|x) q̂(x, a).
 * @internal
 */
export const SQL_ROW = { reward: "r", weight: "w", logged: "q", expected: "g" } as const

/** Hyper-parameters, as `EstimatorHyperParameters`. */
export interface SqlHyperParameters {
  switchThreshold?: number
  clip?: number
  shrinkage?: number
  subGaussian?: number
}

const MEAN = (x: string): string[] => ["count(*)", `sum(${x})`, `sum((${x}) * (${x}))`]

function shrunk(kind: "clip" | "optimistic" | "sub-gaussian", lambda: number): string {
  const w = SQL_ROW.weight
  if (kind === "clip") return lambda === Infinity ? w : `least(${w}, ${sqlNumber(lambda)})`
  if (kind === "optimistic")
    return lambda === Infinity ? w : `(${sqlNumber(lambda)} * ${w} / (${w} * ${w} + ${sqlNumber(lambda)}))`
  return `(${w} / (${sqlNumber(1 - lambda)} + ${sqlNumber(lambda)} * ${w}))`
}

/**
 * An estimator's sufficient statistics as SQL aggregates, in the order of its `accumulate`'s
 * sums vector, so its own `finalize` turns the query's answer into the estimate: the SQL and
 * in-memory paths share every formula but the per-row sums. Portable SQL (count, sum, least,
 * CASE): DuckDB, ClickHouse, Spark SQL and Trino run it unchanged.
 * @example estimatorSumsSql("ipw") // ["count(*)", "sum(w * r)", "sum((w * r) * (w * r))"]
 * @internal
 */
export function estimatorSumsSql(name: string, hyper: SqlHyperParameters = {}): string[] {
  const { reward: r, weight: w, logged: q, expected: g } = SQL_ROW
  const ratio = (b: string, a: string): string[] => [
    `sum(${b})`,
    `sum(${a})`,
    `sum((${b}) * (${b}))`,
    `sum((${a}) * (${b}))`,
    `sum((${a}) * (${a}))`,
  ]
  switch (name) {
    case "ipw":
      return MEAN(`${w} * ${r}`)
    case "snipw":
      return ratio(w, `${w} * ${r}`)
    case "dm":
      return MEAN(g)
    case "dr":
      return MEAN(`${g} + ${w} * (${r} - ${q})`)
    case "sndr": {
      const e = `(${w} * (${r} - ${q}))`
      return [
        "count(*)",
        `sum(${g})`,
        `sum(${g} * ${g})`,
        `sum(${w})`,
        `sum(${w} * ${w})`,
        `sum(${e})`,
        `sum(${e} * ${e})`,
        `sum(${w} * ${e})`,
        `sum(${g} * ${e})`,
        `sum(${g} * ${w})`,
      ]
    }
    case "switch-dr": {
      // An infinite threshold switches nothing off: DR, as in memory (no SQL literal for ∞).
      const tau = hyper.switchThreshold ?? 100
      const dr = `${g} + ${w} * (${r} - ${q})`
      return MEAN(tau === Infinity ? dr : `CASE WHEN ${w} <= ${sqlNumber(tau)} THEN ${dr} ELSE ${g} END`)
    }
    case "ipw-clip":
      return MEAN(`${shrunk("clip", hyper.clip ?? 100)} * ${r}`)
    case "ipw-sg":
      return MEAN(`${shrunk("sub-gaussian", hyper.subGaussian ?? 0.1)} * ${r}`)
    case "dr-clip":
      return MEAN(`${g} + ${shrunk("clip", hyper.clip ?? 100)} * (${r} - ${q})`)
    case "dros":
      return MEAN(`${g} + ${shrunk("optimistic", hyper.shrinkage ?? 100)} * (${r} - ${q})`)
    case "dr-sg":
      return MEAN(`${g} + ${shrunk("sub-gaussian", hyper.subGaussian ?? 0.1)} * (${r} - ${q})`)
    default:
      throw new Error(`estimator '${name}' has no SQL form (allowed: ${SQL_ESTIMATORS.join(", ")})`)
  }
}

/** The estimators that compile to SQL (replay needs the target's draws, so it stays in memory). */
export const SQL_ESTIMATORS = [
  "ipw",
  "snipw",
  "dm",
  "dr",
  "sndr",
  "switch-dr",
  "ipw-clip",
  "ipw-sg",
  "dr-clip",
  "dros",
  "dr-sg",
] as const
