import { existsSync } from "node:fs"
import { UserError } from "../config/user-error"
import { quoteForMessage } from "../config/message-text"
import { loadOpenBanditLog } from "../data/open-bandit"
import { sliceBanditLog, type BanditLog } from "../schema/bandit-log"
import type { TargetPolicy } from "../schema/target-policy"
import { actionFrequencyTarget, readContextFreeTarget, uniformTarget } from "./context-free-target"
import { GreedyModelTarget } from "./greedy-model-target"
import { IpwPolicyLearner } from "./ipw-policy-learner"
import { MlpPolicyLearner } from "./mlp-policy-learner"
import type { LoadedBanditLog } from "./log-spec"
import { meanWithInterval, type ValueWithInterval } from "./off-policy-evaluation"
import { LinearRewardModel } from "./reward-model"

/** The policy to evaluate on a log. */
export interface TargetSpec {
  /**
   * `uniform` (every action equally likely at every position); `bts` (Open Bandit folder only:
   * Bernoulli TS's item frequencies in the campaign's bts log, with that log's on-policy CTR);
   * `learned` (a policy learned on the log's first half, evaluated on its second half); or the
   * path of a target CSV `item_id,position,probability` (see `readContextFreeTarget`).
   */
  target: string
  /** `learned` only: `q` (ε-greedy on a reward model, OBP's QLearner; default), `ipw` (weighted softmax regression, OBP's IPWLearner) or `mlp` (OBP's NNPolicyLearner on TensorFlow.js). */
  learner?: "q" | "ipw" | "mlp"
  /** `learned` only: the exploration ε in [0, 1] (default 0.1). */
  epsilon?: number
  /** `learned` with `mlp` only: seeds the network's initial weights and batch order (default 1). */
  seed?: number
}

/** A target policy and the log to evaluate it on. */
export interface ResolvedTarget {
  target: TargetPolicy
  /** The rounds to evaluate on: the whole log, or its second half for a `learned` target. */
  log: BanditLog
  /** `bts`: the target's value measured on-policy (its own log's mean reward), to compare the estimates with. */
  onPolicy?: ValueWithInterval
}

/**
 * The target policy a spec names, for the log `source` (from `loadBanditLogSpec`). A `learned`
 * target with the `q` learner is ε-greedy on a `LinearRewardModel` (logistic for 0/1 rewards,
 * ridge otherwise) fitted on rounds 0..⌊n/2⌋−1; with `ipw`, an `IpwPolicyLearner` fitted there; with
 * `mlp`, a seeded `MlpPolicyLearner` (TensorFlow.js, an optional package); all
 * are evaluated on the other rounds only, so that no round both trains and scores the policy.
 * @throws UserError with one line naming the spec field (`target`, `learner`) and the bad value
 * @example const { target, log } = await resolveTargetSpec({ target: "learned", epsilon: 0.1 }, await loadBanditLogSpec({ log: "bandit.csv" }))
 */
export async function resolveTargetSpec(spec: TargetSpec, source: LoadedBanditLog): Promise<ResolvedTarget> {
  const log = source.log
  switch (spec.target) {
    case "bts": {
      if (source.obd?.root === undefined)
        throw new UserError(
          "target bts: needs the log to be the Open Bandit Dataset folder (it reads the bts log of the campaign)",
        )
      const bts = await loadOpenBanditLog(source.obd.root, "bts", source.obd.campaign)
      return {
        target: actionFrequencyTarget(bts, `Bernoulli TS (${source.obd.campaign}), item frequencies of the bts log`),
        log,
        onPolicy: meanWithInterval(bts.reward),
      }
    }
    case "uniform":
      return {
        target: uniformTarget(log.nActions, log.nPositions),
        log,
      }
    case "learned": {
      const learner = spec.learner ?? "q"
      if (learner !== "q" && learner !== "ipw" && learner !== "mlp")
        throw new UserError(`learner: expected q, ipw or mlp, got ${quoteForMessage(String(learner))}`)
      if (log.length < 4) throw new UserError("target learned: the log needs at least 4 rounds to split in halves")
      const epsilon = spec.epsilon ?? 0.1
      const half = log.length >> 1
      const train = sliceBanditLog(log, 0, half)
      const test = sliceBanditLog(log, half, log.length)
      if (learner === "ipw") return { target: new IpwPolicyLearner({ epsilon }).fit(train), log: test }
      if (learner === "mlp")
        return { target: await new MlpPolicyLearner({ seed: spec.seed ?? 1, epsilon }).fit(train), log: test }
      const binary = train.reward.every((r) => r === 0 || r === 1)
      const model = new LinearRewardModel({ kind: binary ? "logistic" : "ridge" }).fit(train)
      return {
        target: new GreedyModelTarget(model, log.nActions, {
          epsilon,
          name: `${epsilon}-greedy on a ${model.name} learned from rounds 0..${half - 1}`,
        }),
        log: test,
      }
    }
    default:
      if (!existsSync(spec.target))
        throw new UserError(
          `target: ${quoteForMessage(spec.target)} is neither a file nor one of bts, uniform, learned`,
        )
      return {
        target: await readContextFreeTarget(spec.target, log.nActions, log.nPositions, spec.target, log.actionIds),
        log,
      }
  }
}
