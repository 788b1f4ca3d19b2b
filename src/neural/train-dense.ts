import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import type { DenseLayerWeights } from "./dense-stack"
import type { DenseTrainer } from "./dense-trainer"
import type { EpochRecord } from "./train"

/** Standardised rows: `data` is rows × cols row-major f32. */
export interface DenseRows {
  data: Float32Array
  rows: number
  cols: number
}

/** Options of {@link trainDense}: those of `trainModel`, on typed arrays. */
export interface TrainDenseOptions {
  epochs: number
  batchSize: number
  /** Shuffles the examples every epoch (the same draws as `trainModel`). */
  rng: Rng
  validation?: { x: DenseRows; y: ArrayLike<number> }
  earlyStopping?: { patience: number; minDelta?: number }
  onEpoch?: (record: EpochRecord, total: number) => void
  label: string
}

/** What {@link trainDense} did, and the weights the model ends with. */
export interface DenseTrainResult {
  epochs: EpochRecord[]
  bestEpoch: number
  stoppedEarly: boolean
  layers: DenseLayerWeights[]
}

/** Mean binary cross-entropy of σ(logits) against y, p clipped to [1e-7, 1 − 1e-7] as tfjs's `binaryCrossentropy`. */
export function meanLogLoss(logits: Float32Array, y: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < logits.length; i++) {
    const p = Math.min(Math.max(Math.fround(1 / (1 + Math.exp(-logits[i]))), 1e-7), 1 - 1e-7)
    s -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p)
  }
  return s / logits.length
}

/**
 * The epoch loop of `trainModel` for a {@link DenseTrainer}: the same per-epoch shuffle of the row order
 * (so the same batches as the tfjs path for the same seed), the mean batch loss per epoch, the
 * validation loss after each epoch, early stopping (Prechelt 1998) restoring the best weights, and an
 * error naming the epoch and batch when the loss stops being finite.
 * @example
 * const result = trainDense(new DenseTrainer(layers, { batchSize: 64 }), z, y, { epochs: 5, batchSize: 64, rng: createRng(1, 2), label: "MLP" })
 */
export function trainDense(
  trainer: DenseTrainer,
  x: DenseRows,
  y: ArrayLike<number>,
  options: TrainDenseOptions,
): DenseTrainResult {
  const n = x.rows
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const epochs: EpochRecord[] = []
  let best = Infinity
  let bestEpoch = options.epochs
  let bestLayers: DenseLayerWeights[] | undefined
  let sinceBest = 0
  let stoppedEarly = false
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const start = performance.now()
    shuffle(options.rng, order)
    let sum = 0
    let batches = 0
    for (let from = 0; from < n; from += options.batchSize) {
      const loss = trainer.step(x.data, x.cols, y, order.subarray(from, Math.min(n, from + options.batchSize)))
      if (!Number.isFinite(loss)) {
        throw new Error(
          `${options.label}: the training loss became ${loss} at epoch ${epoch}, batch ${batches + 1}; training stopped (lower the learning rate, add clipping, or check the inputs for NaN)`,
        )
      }
      sum += loss
      batches++
    }
    const record: EpochRecord = { epoch, loss: sum / batches, seconds: (performance.now() - start) / 1000 }
    const validation = options.validation
    if (validation !== undefined)
      record.valLoss = meanLogLoss(
        trainer.logits(validation.x.data, validation.x.cols, validation.x.rows),
        validation.y,
      )
    epochs.push(record)
    options.onEpoch?.(record, options.epochs)
    const es = options.earlyStopping
    if (es !== undefined && record.valLoss !== undefined) {
      if (record.valLoss < best - (es.minDelta ?? 0)) {
        best = record.valLoss
        bestEpoch = epoch
        sinceBest = 0
        bestLayers = trainer.layers()
      } else if (++sinceBest >= es.patience) {
        stoppedEarly = epoch < options.epochs
        break
      }
    }
  }
  if (bestLayers === undefined) bestEpoch = epochs.length
  return { epochs, bestEpoch, stoppedEarly, layers: bestLayers ?? trainer.layers() }
}
