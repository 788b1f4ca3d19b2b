import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { createRng } from "../random/rng"
import type { ResolvedSequenceModelOptions } from "./sequence-model-options"
import { trainModel, type EpochRecord, type TrainHistory } from "./train"

/**
 * Trains a compiled sequence model (next category, interest tags) with the shared options:
 * `toTensors` turns examples into (inputs, targets), the validation examples likewise; batches are
 * shuffled by stream 2 of the model's seed, and every tensor made here is disposed, also on failure.
 */
export async function trainSequenceModel<E>(
  model: tf.LayersModel,
  config: ResolvedSequenceModelOptions,
  label: string,
  toTensors: (examples: E) => [tf.Tensor, tf.Tensor],
  train: E,
  extras: { validation?: E; onEpoch?: (r: EpochRecord, total: number) => void },
): Promise<TrainHistory> {
  const [x, y] = toTensors(train)
  const val = extras.validation !== undefined ? toTensors(extras.validation) : undefined
  try {
    return await trainModel(model, x, y, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      rng: createRng(config.seed, 2),
      validation: val !== undefined ? { x: val[0], y: val[1] } : undefined,
      earlyStopping: config.earlyStopping,
      onEpoch: extras.onEpoch,
      label,
      log: config.log,
    })
  } finally {
    loadTf().dispose([x, y, ...(val ?? [])])
  }
}
