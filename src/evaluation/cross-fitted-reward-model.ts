import type { BanditLog } from "../schema/bandit-log"
import { sliceBanditLog } from "../schema/bandit-log"
import type { RewardModel } from "./reward-model"

/**
 * Cross-fitting (Chernozhukov et al. 2018; OBP's `RegressionModel.fit_predict(n_folds=K)`):
 * splits the log into K contiguous folds, fits one model on the other K − 1 folds for each, and
 * predicts round i with the model that did not see it, so DR's correction term is not shrunk
 * by the model having memorised the rewards it corrects. Predictions are only defined for the
 * log given to `fit`.
 * @example new CrossFittedRewardModel(() => new LinearRewardModel({ kind: "logistic" }), 3).fit(log)
 */
export class CrossFittedRewardModel implements RewardModel {
  readonly name: string
  /** Set by `fit`: one model per fold and the fold boundaries. */
  models_: RewardModel[] = []
  boundaries_: Int32Array = new Int32Array(0)
  private fitted: BanditLog | undefined

  constructor(
    private readonly makeModel: () => RewardModel,
    readonly folds = 3,
  ) {
    if (!Number.isInteger(folds) || folds < 2)
      throw new Error(`CrossFittedRewardModel: folds must be an integer >= 2, got ${folds}`)
    this.name = `${makeModel().name}, ${folds}-fold cross-fitted`
  }

  fit(log: BanditLog): this {
    if (log.length < 2 * this.folds)
      throw new Error(
        `CrossFittedRewardModel.fit: ${this.folds} folds need at least ${2 * this.folds} rounds, the log has ${log.length}`,
      )
    const k = this.folds
    this.boundaries_ = Int32Array.from({ length: k + 1 }, (_, f) => Math.floor((f * log.length) / k))
    this.models_ = []
    for (let f = 0; f < k; f++) {
      const start = this.boundaries_[f]
      const end = this.boundaries_[f + 1]
      const parts = [
        start > 0 ? sliceBanditLog(log, 0, start) : undefined,
        end < log.length ? sliceBanditLog(log, end, log.length) : undefined,
      ]
      this.models_.push(this.makeModel().fit(concatLogs(parts.filter((p): p is BanditLog => p !== undefined))))
    }
    this.fitted = log
    return this
  }

  predictRound(log: BanditLog, i: number, out: Float64Array): void {
    if (this.fitted === undefined) throw new Error("CrossFittedRewardModel.predictRound: call fit first")
    if (log !== this.fitted)
      throw new Error("CrossFittedRewardModel.predictRound: predictions are defined only for the log given to fit")
    let f = 0
    while (i >= this.boundaries_[f + 1]) f++
    this.models_[f].predictRound(log, i, out)
  }
}

function concatLogs(logs: BanditLog[]): BanditLog {
  if (logs.length === 1) return logs[0]
  const cat = <T extends Int32Array | Float64Array>(pick: (l: BanditLog) => T, make: (n: number) => T): T => {
    const out = make(logs.reduce((s, l) => s + pick(l).length, 0))
    let at = 0
    for (const l of logs) {
      out.set(pick(l) as never, at)
      at += pick(l).length
    }
    return out
  }
  return {
    ...logs[0],
    length: logs.reduce((s, l) => s + l.length, 0),
    action: cat(
      (l) => l.action,
      (n) => new Int32Array(n),
    ),
    position: cat(
      (l) => l.position,
      (n) => new Int32Array(n),
    ),
    reward: cat(
      (l) => l.reward,
      (n) => new Float64Array(n),
    ),
    propensity: cat(
      (l) => l.propensity,
      (n) => new Float64Array(n),
    ),
    context: cat(
      (l) => l.context,
      (n) => new Float64Array(n),
    ),
    categorical: cat(
      (l) => l.categorical,
      (n) => new Int32Array(n),
    ),
  }
}
