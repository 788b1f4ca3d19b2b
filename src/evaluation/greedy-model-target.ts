import type { BanditLog } from "../schema/bandit-log"
import type { RewardModel } from "./reward-model"
import type { TargetPolicy } from "../schema/target-policy"

/**
 * A policy learned from a log: ε-greedy on a fitted reward model,
 * π(a | x, pos) = ε/K + (1 − ε) 1[a = argmax_b q̂(x, b, pos)] (ties → the smallest index).
 * Fit the model on one half of a log and evaluate this policy on the other half, so the
 * evaluation data did not train the policy.
 * @example new GreedyModelTarget(new LinearRewardModel({ kind: "logistic" }).fit(train), train.nActions, { epsilon: 0.1 })
 */
export class GreedyModelTarget implements TargetPolicy {
  readonly name: string
  readonly epsilon: number
  private readonly scores: Float64Array

  constructor(
    readonly model: RewardModel,
    readonly nActions: number,
    options: { epsilon?: number; name?: string } = {},
  ) {
    const epsilon = options.epsilon ?? 0
    if (!(epsilon >= 0 && epsilon <= 1)) throw new Error(`GreedyModelTarget: epsilon must be in [0, 1], got ${epsilon}`)
    if (!Number.isInteger(nActions) || nActions < 1)
      throw new Error(`GreedyModelTarget: nActions must be a positive integer, got ${nActions}`)
    this.epsilon = epsilon
    this.name = options.name ?? `${epsilon > 0 ? `${epsilon}-greedy` : "greedy"} ${model.name}`
    this.scores = new Float64Array(nActions)
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    this.model.predictRound(log, i, this.scores)
    let best = 0
    for (let a = 1; a < this.nActions; a++) if (this.scores[a] > this.scores[best]) best = a
    out.fill(this.epsilon / this.nActions)
    out[best] += 1 - this.epsilon
  }
}
