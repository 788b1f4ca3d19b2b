import { logLoss } from "../metrics/classification"
import { InterestMlp } from "./interest-mlp"
import type { TabularFeatures } from "./tabular-features"
import type { EpochRecord } from "./train"

/** Train and validation loss per epoch of one training run. */
export interface LossCurve {
  name: string
  /** Plain log loss on the training rows after each epoch (inference mode: no dropout, no penalty). */
  train: number[]
  /** Log loss on the validation rows after each epoch. */
  validation: number[]
  /** The epoch whose weights the model ends with (1-based). */
  bestEpoch: number
  stoppedEarly: boolean
}

/** Options of {@link overfittingCurves} (defaults in brackets). */
export interface OverfittingOptions {
  seed: number
  /** Hidden layers of the MLP [128, 64] (seed 000 §1). */
  hidden?: number[]
  /** [60] */
  epochs?: number
  /** Dropout rate of the dropout run [0.5]. */
  dropout?: number
  /** L2 penalty λ of the L2 run [0.01]. */
  l2?: number
  /** Patience of the early-stopping run [5]. */
  patience?: number
  /** [0.003] */
  learningRate?: number
  /** [32] */
  batchSize?: number
  /** Called after each epoch of each run (e.g. a notebook progress line). */
  onEpoch?: (run: string, record: EpochRecord, total: number) => void
  log?: (line: string) => void
}

/**
 * Overfitting and its remedies (seed 004 §9.4) on one small training set: the same MLP (same seed,
 * same batches) trained four times — without regularisation, with dropout, with an L2 penalty
 * λ·Σw² on every kernel, and with early stopping on the validation loss (Prechelt 1998) — recording
 * after every epoch the plain log loss −(1/n) Σ [y log p + (1 − y) log(1 − p)] on the training and
 * the validation rows. Overfitting shows as a validation curve that turns up while the training
 * curve keeps falling; a remedy narrows the gap between them.
 * @example
 * const curves = await overfittingCurves({ x: xSmall, y: ySmall }, { x: xVal, y: yVal }, { seed: 1 })
 * curves.map((c) => c.validation.at(-1)! - c.train.at(-1)!) // train/validation gap per run
 */
export async function overfittingCurves(
  train: { x: TabularFeatures; y: ArrayLike<number> },
  validation: { x: TabularFeatures; y: ArrayLike<number> },
  options: OverfittingOptions,
): Promise<LossCurve[]> {
  const dropout = options.dropout ?? 0.5
  const l2 = options.l2 ?? 0.01
  const patience = options.patience ?? 5
  if (!(dropout > 0 && dropout < 1)) throw new Error(`overfittingCurves: dropout must be in (0, 1), got ${dropout}`)
  if (!(l2 > 0)) throw new Error(`overfittingCurves: l2 must be > 0, got ${l2}`)
  if (!Number.isInteger(patience) || patience < 1)
    throw new Error(`overfittingCurves: patience must be a positive integer, got ${patience}`)
  const base = {
    seed: options.seed,
    hidden: options.hidden ?? [128, 64],
    epochs: options.epochs ?? 60,
    learningRate: options.learningRate ?? 0.003,
    batchSize: options.batchSize ?? 32,
    log: options.log,
  }
  const runs: [string, InterestMlp][] = [
    ["no regularisation", new InterestMlp(base)],
    [`dropout ${dropout}`, new InterestMlp({ ...base, dropout })],
    [`L2 λ = ${l2}`, new InterestMlp({ ...base, l2 })],
    [`early stopping (patience ${patience})`, new InterestMlp({ ...base, earlyStopping: { patience } })],
  ]
  const curves: LossCurve[] = []
  for (const [name, model] of runs) {
    const curve: LossCurve = { name, train: [], validation: [], bestEpoch: 0, stoppedEarly: false }
    try {
      await model.fit(train.x, train.y, {
        validation,
        onEpoch: (record, total) => {
          curve.train.push(logLoss(train.y, model.predictProba(train.x)))
          curve.validation.push(logLoss(validation.y, model.predictProba(validation.x)))
          options.onEpoch?.(name, record, total)
        },
      })
      const history = model.history_
      if (history !== undefined) {
        curve.bestEpoch = history.bestEpoch
        curve.stoppedEarly = history.stoppedEarly
      }
    } finally {
      model.dispose()
    }
    curves.push(curve)
  }
  return curves
}
