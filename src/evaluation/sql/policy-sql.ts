import type { LinearRewardModel } from "../reward-model"
import type { ContextFreeTarget } from "../context-free-target"
import { sqlIdentifier, sqlNumber } from "./sql-literal"

/** A constant-array lookup in the engine's dialect (see `SqlEngine.arrayAt`). */
export type ArrayAt = (values: readonly string[], index: string) => string

/**
 * π(a | pos) of a context-free target for the row's logged action: a lookup in the constant
 * array of π at key position·K + action — the target as an expression, no join, so it runs on
 * every shard of a distributed table as it is, in O(1) per row.
 * @example targetProbabilitySql(uniform, "action", "position", engine.arrayAt)
 * @internal
 */
export function targetProbabilitySql(
  target: ContextFreeTarget,
  action: string,
  position: string,
  arrayAt: ArrayAt,
): string {
  return arrayAt(Array.from(target.probabilities, sqlNumber), `${position} * ${target.nActions} + ${action}`)
}

/**
 * The linear part of a fitted `LinearRewardModel` without action and position terms,
 * β₀ + Σⱼ βⱼ (xⱼ − mⱼ)/sⱼ, over numeric columns `features` (the model must have no categorical
 * columns: the SQL path reads numeric context only).
 * @example rewardModelBaseSql(model, ["x0", "x1"])
 * @internal
 */
export function rewardModelBaseSql(model: LinearRewardModel, features: readonly string[]): string {
  const s = model.state_
  if (s === undefined) throw new Error("rewardModelBaseSql: fit the reward model first")
  if (s.categoricalOffset.length > 0) throw new Error("rewardModelBaseSql: the SQL path supports numeric context only")
  if (features.length !== s.featureMean.length)
    throw new Error(
      `rewardModelBaseSql: the model has ${s.featureMean.length} features, got ${features.length} columns`,
    )
  const terms = [sqlNumber(s.coef[0])]
  features.forEach((f, j) =>
    terms.push(
      `${sqlNumber(s.coef[1 + j])} * (${sqlIdentifier(f)} - ${sqlNumber(s.featureMean[j])}) / ${sqlNumber(s.featureScale[j])}`,
    ),
  )
  return `(${terms.join(" + ")})`
}

function link(model: LinearRewardModel, eta: string): string {
  return model.config.kind === "logistic" ? `(1 / (1 + exp(-(${eta}))))` : `(${eta})`
}

/**
 * q̂(x, a, pos) of the logged action: link(base + αₐ + δ_pos), the action and position terms as
 * array lookups. `base` is the name of a column holding `rewardModelBaseSql`.
 * @example loggedRewardSql(model, "eta0", "action", "position", engine.arrayAt)
 * @internal
 */
export function loggedRewardSql(
  model: LinearRewardModel,
  base: string,
  action: string,
  position: string,
  arrayAt: ArrayAt,
): string {
  const s = model.state_
  if (s === undefined) throw new Error("loggedRewardSql: fit the reward model first")
  const alpha = arrayAt(Array.from(s.coef.subarray(s.actionOffset, s.actionOffset + s.nActions), sqlNumber), action)
  const delta = arrayAt(
    Array.from(s.coef.subarray(s.positionOffset, s.positionOffset + s.nPositions), sqlNumber),
    position,
  )
  return link(model, `${base} + ${alpha} + ${delta}`)
}

/**
 * Σₐ π(a | pos) q̂(x, a, pos) for a context-free target: per position, the sum over the
 * target's actions of π · link(base + αₐ + δ_pos) — for a ridge model it collapses to
 * base + (Σₐ π αₐ + δ_pos), one array lookup; for a logistic one it is written out term by term.
 * @example expectedRewardSql(model, target, "eta0", "position", engine.arrayAt)
 * @internal
 */
export function expectedRewardSql(
  model: LinearRewardModel,
  target: ContextFreeTarget,
  base: string,
  position: string,
  arrayAt: ArrayAt,
): string {
  const s = model.state_
  if (s === undefined) throw new Error("expectedRewardSql: fit the reward model first")
  const K = target.nActions
  const branches: string[] = []
  const shift: string[] = []
  for (let p = 0; p < target.nPositions; p++) {
    const delta = p < s.nPositions ? s.coef[s.positionOffset + p] : 0
    if (model.config.kind === "ridge") {
      let mix = 0
      for (let a = 0; a < K; a++) mix += target.probabilities[p * K + a] * s.coef[s.actionOffset + a]
      shift.push(sqlNumber(mix + delta))
    } else {
      const terms: string[] = []
      for (let a = 0; a < K; a++) {
        const pi = target.probabilities[p * K + a]
        if (pi > 0)
          terms.push(`${sqlNumber(pi)} * ${link(model, `${base} + ${sqlNumber(s.coef[s.actionOffset + a] + delta)}`)}`)
      }
      branches.push(`WHEN ${position} = ${p} THEN ${terms.length > 0 ? terms.join(" + ") : sqlNumber(0)}`)
    }
  }
  if (model.config.kind === "ridge") return `(${base} + ${arrayAt(shift, position)})`
  // a searched CASE: ClickHouse's CASE x WHEN … needs constant branches
  return `(CASE ${branches.join(" ")} ELSE ${sqlNumber(0)} END)`
}
