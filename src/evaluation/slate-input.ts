import type { PlackettLuceSlatePolicy } from "./plackett-luce-slate-policy"
import type { SlateLog } from "../schema/slate-log"
import type { SlateRewardModel } from "./slate-reward-model"

/**
 * What a slate estimator sees (n slates × L positions, row-major like `SlateLog`):
 * - `reward` r_{i,k};
 * - `standardWeight` π(sᵢ | xᵢ)/π₀(sᵢ | xᵢ) per slate (n);
 * - `independentWeight` π(a_{i,k} at k)/π₀(a_{i,k} at k), the marginals' ratio;
 * - `cascadeWeight` π(a_{i,1…k})/π₀(a_{i,1…k}), the prefixes' ratio;
 * - with a reward model, for cascade-DR: `loggedRewardModel` q̂(xᵢ, a_{i,k}, k) and
 *   `targetRewardModel` Σₐ π(a at k | xᵢ, a_{i,1…k−1}) q̂(xᵢ, a, k).
 */
export interface SlateOffPolicyInput {
  readonly slateLength: number
  readonly reward: Float64Array
  readonly standardWeight: Float64Array
  readonly independentWeight: Float64Array
  readonly cascadeWeight: Float64Array
  readonly loggedRewardModel?: Float64Array
  readonly targetRewardModel?: Float64Array
}

/**
 * Builds the slate estimators' input from a slate log and a Plackett–Luce target policy (and,
 * for cascade-DR, a reward model).
 * @example const input = slateOffPolicyInput(log, target, new TabularSlateRewardModel().fit(log))
 */
export function slateOffPolicyInput(
  log: SlateLog,
  target: PlackettLuceSlatePolicy,
  rewardModel?: SlateRewardModel,
): SlateOffPolicyInput {
  if (target.nActions !== log.nActions || target.nFeatures !== log.nFeatures) {
    throw new Error(
      `slateOffPolicyInput: the target '${target.name}' has ${target.nActions} items and ${target.nFeatures} features, the log ${log.nActions} and ${log.nFeatures}`,
    )
  }
  const n = log.length
  const L = log.slateLength
  const K = log.nActions
  const d = log.nFeatures
  const standardWeight = new Float64Array(n)
  const independentWeight = new Float64Array(n * L)
  const cascadeWeight = new Float64Array(n * L)
  const loggedRewardModel = rewardModel ? new Float64Array(n * L) : undefined
  const targetRewardModel = rewardModel ? new Float64Array(n * L) : undefined
  const cascade = new Float64Array(L)
  const marginal = new Float64Array(L * K)
  const conditional = new Float64Array(K)
  const q = new Float64Array(K)
  for (let i = 0; i < n; i++) {
    target.cascadeProbabilities(log.features, i * d, log.action, i * L, L, cascade)
    target.marginals(log.features, i * d, L, marginal)
    standardWeight[i] = cascade[L - 1] / log.pscoreSlate[i]
    for (let k = 0; k < L; k++) {
      const j = i * L + k
      const a = log.action[j]
      cascadeWeight[j] = cascade[k] / log.pscoreCascade[j]
      independentWeight[j] = marginal[k * K + a] / log.pscoreItem[j]
      if (rewardModel && loggedRewardModel && targetRewardModel) {
        rewardModel.predict(log, i, k, q)
        loggedRewardModel[j] = q[a]
        target.conditional(log.features, i * d, log.action, i * L, k, conditional)
        let g = 0
        for (let b = 0; b < K; b++) g += conditional[b] * q[b]
        targetRewardModel[j] = g
      }
    }
  }
  return {
    slateLength: L,
    reward: log.reward,
    standardWeight,
    independentWeight,
    cascadeWeight,
    loggedRewardModel,
    targetRewardModel,
  }
}
