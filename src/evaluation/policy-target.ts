import type { Policy } from "../bandits/policy"
import type { BanditLog } from "../schema/bandit-log"
import type { TargetPolicy } from "../schema/target-policy"

/**
 * Evaluates any `Policy` of src/bandits off-policy through its `probabilities(context)`; the
 * same distribution is used at every position. `contextOf` maps a logged round to the
 * policy's context (default: the round's numeric features, a view into the log).
 * @example new PolicyTarget(new EpsilonGreedy({ arms: 34, epsilon: 0.1 }))
 */
export class PolicyTarget<C = Float64Array> implements TargetPolicy {
  readonly name: string
  readonly nActions: number

  constructor(
    readonly policy: Policy<C>,
    private readonly contextOf: (log: BanditLog, i: number) => C = defaultContext as unknown as (
      log: BanditLog,
      i: number,
    ) => C,
  ) {
    this.name = policy.name
    this.nActions = policy.nArms
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    if (this.nActions !== log.nActions)
      throw new Error(`${this.name}: the policy has ${this.nActions} arms but the log has ${log.nActions} actions`)
    out.set(this.policy.probabilities(this.contextOf(log, i)))
  }
}

function defaultContext(log: BanditLog, i: number): Float64Array {
  const d = log.featureNames.length
  return log.context.subarray(i * d, (i + 1) * d)
}
