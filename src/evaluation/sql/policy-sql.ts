import type { LinearRewardModel } from "../reward-model"
import type { ContextFreeTarget } from "../context-free-target"
import { sqlIdentifier, sqlNumber } from "./sql-literal"

/**
 * π(a | pos) of a context-free target for the row's logged action, as one CASE on the key
 * position·K + action (zero probabilities fall to ELSE 0): the target evaluated as an
 * expression, no join, so it runs on every shard of a distributed table as it is.
 * @example targetProbabilitySql(uniform, "action", "position")
 */
export function targetProbabilitySql(target: ContextFreeTarget, action: string, position: string): string {
  const K = target.nActions
  const whens: string[] = []
  for (let p = 0; p < target.nPositions; p++) {
    for (let a = 0; a < K; a++) {
      const x = target.probabilities[p * K + a]
      if (x > 0) whens.push(`WHEN ${p * K + a} THEN ${sqlNumber(x)}`)
    }
  }
  return `(CASE ${position} * ${K} + ${action} ${whens.join(" ")} ELSE ${sqlNumber(0)} END)`
}

/**
 * The linear part of a fitted `LinearRewardModel` without action and position terms,
 * β₀ + Σⱼ βⱼ (xⱼ − mⱼ)/sⱼ, over numeric columns `features` (the model must have no categorical
 * columns: the SQL path reads numeric context only).
 * @example rewardModelBaseSql(model, ["x0", "x1"])
 */
export function rewardModelBaseSql(model: LinearRewardModel, features: readonly string[]): string {
  const s = model.state_
  if (s === undefined) throw new Error("rewardModelBaseSql: fit the reward model first")
  if (s.categoricalOffset.length > 0) throw new Error("rewardModelBaseSql: the SQL path supports numeric context only")
  if (features.length !== s.featureMean.length) throw new Error(`rewardModelBaseSql: the model has ${s.featureMean.length} features, got ${features.length} columns`)
  const terms = [sqlNumber(s.coef[0])]
  features.forEach((f, j) => terms.push(`${sqlNumber(s.coef[1 + j])} * (${sqlIdentifier(f)} - ${sqlNumber(s.featureMean[j])}) / ${sqlNumber(s.featureScale[j])}`))
  return `(${terms.join(" + ")})`
}

function link(model: LinearRewardModel, eta: string): string {
  return model.config.kind === "logistic" ? `(1 / (1 + exp(-(${eta}))))` : `(${eta})`
}

/**
 * q̂(x, a, pos) of the logged action: link(base + αₐ + δ_pos), the action and position terms as
 * CASEs. `base` is the name of a column holding `rewardModelBaseSql`.
 * @example loggedRewardSql(model, "eta0", "action", "position")
 */
export function loggedRewardSql(model: LinearRewardModel, base: string, action: string, position: string): string {
  const s = model.state_
  if (s === undefined) throw new Error("loggedRewardSql: fit the reward model first")
  const alpha = `(CASE ${action} ${Array.from({ length: s.nActions }, (_, a) => `WHEN ${a} THEN ${sqlNumber(s.coef[s.actionOffset + a])}`).join(" ")} ELSE ${sqlNumber(0)} END)`
  const delta = `(CASE ${position} ${Array.from({ length: s.nPositions }, (_, p) => `WHEN ${p} THEN ${sqlNumber(s.coef[s.positionOffset + p])}`).join(" ")} ELSE ${sqlNumber(0)} END)`
  return link(model, `${base} + ${alpha} + ${delta}`)
}

/**
 * Σₐ π(a | pos) q̂(x, a, pos) for a context-free target: per position, the sum over the
 * target's actions of π · link(base + αₐ + δ_pos) — for a ridge model it collapses to
 * base + Σₐ π αₐ + δ_pos, for a logistic one it is written out term by term.
 * @example expectedRewardSql(model, target, "eta0", "position")
 */
export function expectedRewardSql(model: LinearRewardModel, target: ContextFreeTarget, base: string, position: string): string {
  const s = model.state_
  if (s === undefined) throw new Error("expectedRewardSql: fit the reward model first")
  const K = target.nActions
  const branches: string[] = []
  for (let p = 0; p < target.nPositions; p++) {
    const delta = p < s.nPositions ? s.coef[s.positionOffset + p] : 0
    if (model.config.kind === "ridge") {
      let mix = 0
      for (let a = 0; a < K; a++) mix += target.probabilities[p * K + a] * s.coef[s.actionOffset + a]
      branches.push(`WHEN ${p} THEN ${base} + ${sqlNumber(mix)} + ${sqlNumber(delta)}`)
    } else {
      const terms: string[] = []
      for (let a = 0; a < K; a++) {
        const pi = target.probabilities[p * K + a]
        if (pi > 0) terms.push(`${sqlNumber(pi)} * ${link(model, `${base} + ${sqlNumber(s.coef[s.actionOffset + a] + delta)}`)}`)
      }
      branches.push(`WHEN ${p} THEN ${terms.length > 0 ? terms.join(" + ") : sqlNumber(0)}`)
    }
  }
  return `(CASE ${position} ${branches.join(" ")} ELSE ${sqlNumber(0)} END)`
}
