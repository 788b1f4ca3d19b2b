import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { ensureBackend } from "./backend"
import type { ResolvedSequenceModelOptions } from "./sequence-model-options"
import type { EpochRecord, TrainHistory } from "./train"
import { trainSequenceModel } from "./train-sequence-model"
import {
  fittedHistory,
  fittedInteger,
  readWeights,
  writeWeights,
  type FittedNetwork,
  type SavableNetwork,
} from "./network-weights"

/** What every windowed-category example set holds: `rows` windows of `window` category ids (0 = padding). */
export interface CategoryWindows {
  inputs: Int32Array
  rows: number
  window: number
  nCategories: number
}

/**
 * The part shared by the models that read the last `window` clicked categories and score every
 * category ({@link NextCategoryModel}, {@link InterestTagModel}): the fitted network and its shape,
 * training, prediction, saving and restoring. A subclass gives the network (`build`), its loss and
 * its targets; the network's weights are the whole fitted state, so saving and restoring is here.
 */
export abstract class CategoryWindowNetwork<C extends ResolvedSequenceModelOptions> implements SavableNetwork {
  abstract readonly name: string
  abstract readonly config: C
  model_: tf.LayersModel | undefined
  history_: TrainHistory | undefined
  nCategories_ = 0
  window_ = 0

  /** The untrained network for `nCategories` categories and windows of `window` (seeded by the config). */
  protected abstract build(nCategories: number, window: number): tf.LayersModel

  /** Builds, compiles with Adam and `loss`, and trains on `train` (examples already checked by the subclass). */
  protected async train<E extends CategoryWindows>(
    loss: string,
    targets: (x: E) => tf.Tensor,
    train: E,
    extras: { validation?: E; onEpoch?: (r: EpochRecord, total: number) => void },
  ): Promise<void> {
    const tf = loadTf()
    await ensureBackend(this.config.log)
    this.dispose()
    this.nCategories_ = train.nCategories
    this.window_ = train.window
    const model = this.build(train.nCategories, train.window)
    model.compile({ optimizer: tf.train.adam(this.config.learningRate), loss })
    this.model_ = model
    const tensors = (x: E): [tf.Tensor, tf.Tensor] => [tf.tensor2d(x.inputs, [x.rows, x.window], "float32"), targets(x)]
    this.history_ = await trainSequenceModel(model, this.config, this.name, tensors, train, extras)
  }

  /**
   * The network's outputs for every row of `x`, row-major rows × categories, after `check(x)`; `method`
   * names the caller in errors.
   */
  protected predictRows<E extends CategoryWindows>(x: E, method: string, check: (x: E) => void): Float32Array {
    const tf = loadTf()
    const model = this.model_
    if (model === undefined) throw new Error(`${this.name}.${method}: call fit first`)
    check(x)
    if (x.nCategories !== this.nCategories_ || x.window !== this.window_) {
      throw new Error(
        `${this.name}.${method} x: window ${x.window} and ${x.nCategories} categories differ from fit (${this.window_}, ${this.nCategories_})`,
      )
    }
    return tf.tidy(
      () =>
        (
          model.predict(tf.tensor2d(x.inputs, [x.rows, x.window], "float32"), { batchSize: 1024 }) as tf.Tensor
        ).dataSync() as Float32Array,
    )
  }

  fittedNetwork(): FittedNetwork | undefined {
    if (this.model_ === undefined) return undefined
    return {
      fitted: { nCategories: this.nCategories_, window: this.window_, history: this.history_ },
      weights: readWeights(this.model_),
    }
  }

  async restoreNetwork(saved: FittedNetwork): Promise<void> {
    const nCategories = fittedInteger(saved, "nCategories", this.name)
    const window = fittedInteger(saved, "window", this.name)
    await ensureBackend(this.config.log)
    this.dispose()
    this.model_ = writeWeights(this.build(nCategories, window), saved.weights, this.name)
    this.nCategories_ = nCategories
    this.window_ = window
    this.history_ = fittedHistory(saved)
  }

  dispose(): void {
    this.model_?.optimizer?.dispose()
    this.model_?.dispose()
    this.model_ = undefined
  }
}
