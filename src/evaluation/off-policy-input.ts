import type { BanditLog } from "../schema/bandit-log"
import type { Rng } from "../random/rng"
import type { OffPolicyInput } from "./off-policy-estimator"
import type { RewardModel } from "./reward-model"
import type { TargetPolicy } from "../schema/target-policy"

/**
 * Builds an estimator's input from a log and a target policy: π(aᵢ | ·) for every round,
 * and, with a reward model, q̂(xᵢ, aᵢ, posᵢ) and Σₐ π(a | ·) q̂(xᵢ, a, posᵢ). With `rng`, also
 * draws the target's action ãᵢ ~ π(· | xᵢ, posᵢ) for replay.
 * @example const input = offPolicyInput(randomLog, btsTarget, { rewardModel: q, rng: createRng(1) })
 */
export function offPolicyInput(
  log: BanditLog,
  target: TargetPolicy,
  options: { rewardModel?: RewardModel; rng?: Rng } = {},
): OffPolicyInput {
  if (target.nActions !== log.nActions)
    throw new Error(
      `offPolicyInput: the target '${target.name}' has ${target.nActions} actions, the log has ${log.nActions}`,
    )
  const n = log.length
  const k = log.nActions
  const targetProbability = new Float64Array(n)
  const pi = new Float64Array(k)
  const q = new Float64Array(k)
  const model = options.rewardModel
  const loggedRewardModel = model ? new Float64Array(n) : undefined
  const targetRewardModel = model ? new Float64Array(n) : undefined
  const rng = options.rng
  const targetAction = rng ? new Int32Array(n) : undefined
  for (let i = 0; i < n; i++) {
    target.actionProbabilities(log, i, pi)
    targetProbability[i] = pi[log.action[i]]
    if (model && loggedRewardModel && targetRewardModel) {
      model.predictRound(log, i, q)
      loggedRewardModel[i] = q[log.action[i]]
      let g = 0
      for (let a = 0; a < k; a++) g += pi[a] * q[a]
      targetRewardModel[i] = g
    }
    if (rng && targetAction) {
      let u = rng.next()
      let a = 0
      while (a < k - 1 && u >= pi[a]) u -= pi[a++]
      targetAction[i] = a
    }
  }
  return {
    reward: log.reward,
    propensity: log.propensity,
    targetProbability,
    loggedRewardModel,
    targetRewardModel,
    action: log.action,
    targetAction,
  }
}
