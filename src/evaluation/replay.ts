import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { ratioFinalize } from "./snipw"

/**
 * Replay (Li, Chu, Langford & Wang 2011): keep the rounds where the target policy's choice
 * equals the logged action and average their rewards, V̂ = Σᵢ 1[ãᵢ = aᵢ] rᵢ / Σᵢ 1[ãᵢ = aᵢ].
 * Unbiased only for uniformly random logging, which is checked: all propensities must be
 * equal (an error otherwise — use IPW). For a stochastic target the input's
 * `targetAction` is a draw from π (see `offPolicyInput`); for a deterministic one it is π's
 * action. Standard error by the delta method, as SNIPW with 0/1 weights.
 * @example estimatePolicyValue(new Replay(), inputWithTargetActions).value
 */
export class Replay implements OffPolicyEstimator {
  readonly name = "replay"
  readonly needsRewardModel = false
  readonly sumsLength = 5

  accumulate(input: OffPolicyInput, sums: Float64Array, indices?: Int32Array): void {
    const { reward, propensity, action, targetAction } = input
    if (action === undefined || targetAction === undefined) {
      throw new Error(
        "replay: the input needs 'action' and 'targetAction' (build it with offPolicyInput(..., { rng }))",
      )
    }
    const p0 = propensity[0]
    const n = indices ? indices.length : reward.length
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k
      if (Math.abs(propensity[i] - p0) > 1e-9 * p0) {
        throw new Error(
          `replay: needs uniformly random logging (Li et al. 2011), but propensities differ (${p0} and ${propensity[i]} at round ${i}); use ipw or snipw`,
        )
      }
      if (targetAction[i] !== action[i]) continue
      const r = reward[i]
      sums[0] += 1
      sums[1] += r
      sums[2] += 1
      sums[3] += r
      sums[4] += r * r
    }
  }

  finalize(sums: Float64Array): { value: number; stderr: number } {
    if (sums[0] === 0)
      throw new Error("replay: no logged action matches the target policy's choice, so replay has no round to average")
    return ratioFinalize(sums)
  }
}
