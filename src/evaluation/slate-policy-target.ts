import type { BanditLog } from "../schema/bandit-log"
import type { PlackettLuceSlatePolicy } from "./plackett-luce-slate-policy"
import type { SlateLog } from "../schema/slate-log"
import type { TargetPolicy } from "../schema/target-policy"

/**
 * A Plackett–Luce policy showing one item as a `TargetPolicy` (a softmax over the items), for
 * the single-item estimators (IPW, MIPS …) on logs of one-item slates.
 * @example marginalImportanceWeights(log, singleItemTarget(target), singleItemTarget(logging), embedding)
 */
export function singleItemTarget(policy: PlackettLuceSlatePolicy): TargetPolicy {
  return {
    name: policy.name,
    nActions: policy.nActions,
    actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
      policy.marginals(log.context, i * policy.nFeatures, 1, out)
    },
  }
}

/**
 * A log of one-item slates as a `BanditLog` (context = the slate features, propensity = the
 * slate's).
 * @example const log = singleItemLog(problem.sampleLog(5000, logging, rng))
 */
export function singleItemLog(log: SlateLog): BanditLog {
  if (log.slateLength !== 1) throw new Error(`singleItemLog: the slates hold ${log.slateLength} items, expected 1`)
  return {
    length: log.length,
    nActions: log.nActions,
    nPositions: 1,
    action: log.action,
    position: new Int32Array(log.length),
    reward: log.reward,
    propensity: log.pscoreSlate,
    featureNames: Array.from({ length: log.nFeatures }, (_, j) => `f${j}`),
    context: log.features,
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: log.source,
  }
}
