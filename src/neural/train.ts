import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import { ensureBackend, type BackendName } from "./backend"

/** One epoch of a training run. */
export interface EpochRecord {
  /** 1-based epoch number. */
  epoch: number
  /** Mean training loss over the epoch's batches (with regularisation penalties and dropout active). */
  loss: number
  /** Loss on the validation set after the epoch, when one was given. */
  valLoss?: number
  /** Wall-clock seconds the epoch took (training only). */
  seconds: number
}

/** What a training run did: the backend it ran on, per-epoch losses, where early stopping stopped. */
export interface TrainHistory {
  backend: BackendName
  epochs: EpochRecord[]
  /** The epoch whose weights the model ends with (the best validation loss under early stopping, else the last). */
  bestEpoch: number
  stoppedEarly: boolean
}

/** Model inputs: one tensor, or one per named input of a multi-input model. */
export type ModelInputs = tf.Tensor | tf.Tensor[]

/** Options of {@link trainModel}. */
export interface TrainOptions {
  epochs: number
  batchSize: number
  /** Shuffles the examples every epoch (tfjs's own `fit` shuffle is unseeded). */
  rng: Rng
  /** Held-out data; its loss is recorded every epoch. */
  validation?: { x: ModelInputs; y: tf.Tensor }
  /** Stop when the validation loss has not improved by `minDelta` for `patience` epochs, and restore the best weights. */
  earlyStopping?: { patience: number; minDelta?: number }
  /** Called after each epoch (e.g. a notebook progress line). */
  onEpoch?: (record: EpochRecord, total: number) => void
  /** Names the model in messages. */
  label?: string
  /** Where the backend line goes; default console.log. */
  log?: (line: string) => void
}

function validateOptions(o: TrainOptions, n: number, label: string): void {
  if (!Number.isInteger(o.epochs) || o.epochs < 1)
    throw new Error(`${label}: epochs must be a positive integer, got ${o.epochs}`)
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1)
    throw new Error(`${label}: batchSize must be a positive integer, got ${o.batchSize}`)
  if (n === 0) throw new Error(`${label}: the training set is empty`)
  const es = o.earlyStopping
  if (es !== undefined) {
    if (o.validation === undefined) throw new Error(`${label}: earlyStopping needs a validation set`)
    if (!Number.isInteger(es.patience) || es.patience < 1)
      throw new Error(`${label}: earlyStopping.patience must be a positive integer, got ${es.patience}`)
  }
}

function rows(x: ModelInputs): number {
  return (Array.isArray(x) ? x[0] : x).shape[0]
}

function pick(x: ModelInputs, idx: tf.Tensor1D): ModelInputs {
  const tf = loadTf()
  return Array.isArray(x) ? x.map((t) => tf.gather(t, idx)) : tf.gather(x, idx)
}

/** Mean loss of `model` on (x, y), batch by batch. */
export function evaluateLoss(model: tf.LayersModel, x: ModelInputs, y: tf.Tensor, batchSize = 512): number {
  const tf = loadTf()
  const out = model.evaluate(x, y, { batchSize })
  const t = Array.isArray(out) ? out[0] : out
  const v = t.dataSync()[0]
  tf.dispose(out)
  return v
}

/**
 * Mini-batch training of a compiled tfjs model, reproducible: the examples are reshuffled each
 * epoch with our `Rng` (never tfjs's unseeded global generator), and dropout draws from seeded layers. Prints the
 * backend once per run and returns it in the history. A non-finite batch loss stops the run with an
 * error instead of leaving a NaN model; early stopping (Prechelt 1998) restores the best weights.
 *
 * @throws Error naming the model, epoch and batch when the loss becomes NaN or infinite
 * @example
 * const history = await trainModel(model, x, y, { epochs: 5, batchSize: 64, rng: createRng(1) })
 */
export async function trainModel(
  model: tf.LayersModel,
  x: ModelInputs,
  y: tf.Tensor,
  options: TrainOptions,
): Promise<TrainHistory> {
  const tf = loadTf()
  const label = options.label ?? model.name
  const n = rows(x)
  validateOptions(options, n, label)
  if (y.shape[0] !== n) throw new Error(`${label}: y has ${y.shape[0]} rows but x has ${n}`)
  const log = options.log ?? ((line: string) => console.log(line))
  const backend = await ensureBackend(log)
  log(
    `[interest-lab] training ${label} on backend ${backend}: ${n} examples, ${options.epochs} epochs, batch ${options.batchSize}`,
  )

  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const epochs: EpochRecord[] = []
  let best = Infinity
  let bestEpoch = options.epochs
  let bestWeights: tf.Tensor[] | undefined
  let sinceBest = 0
  let stoppedEarly = false
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const start = performance.now()
      shuffle(options.rng, order)
      let sum = 0
      let batches = 0
      for (let from = 0; from < n; from += options.batchSize) {
        const idx = tf.tensor1d(order.subarray(from, Math.min(n, from + options.batchSize)), "int32")
        const xb = pick(x, idx)
        const yb = tf.gather(y, idx)
        const out = await model.trainOnBatch(xb, yb)
        tf.dispose([idx, xb, yb])
        const loss = Array.isArray(out) ? out[0] : out
        if (!Number.isFinite(loss)) {
          throw new Error(
            `${label}: the training loss became ${loss} at epoch ${epoch}, batch ${batches + 1}; training stopped (lower the learning rate, add clipping, or check the inputs for NaN)`,
          )
        }
        sum += loss
        batches++
      }
      const record: EpochRecord = { epoch, loss: sum / batches, seconds: (performance.now() - start) / 1000 }
      if (options.validation !== undefined)
        record.valLoss = evaluateLoss(model, options.validation.x, options.validation.y)
      epochs.push(record)
      options.onEpoch?.(record, options.epochs)
      const es = options.earlyStopping
      if (es !== undefined && record.valLoss !== undefined) {
        if (record.valLoss < best - (es.minDelta ?? 0)) {
          best = record.valLoss
          bestEpoch = epoch
          sinceBest = 0
          tf.dispose(bestWeights)
          bestWeights = model.getWeights().map((w) => w.clone())
        } else if (++sinceBest >= es.patience) {
          stoppedEarly = epoch < options.epochs
          break
        }
      }
    }
    if (bestWeights !== undefined) model.setWeights(bestWeights)
    else bestEpoch = epochs.length
  } finally {
    tf.dispose(bestWeights)
  }
  return { backend, epochs, bestEpoch, stoppedEarly }
}
