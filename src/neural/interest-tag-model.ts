import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { createRng } from "../random/rng"
import { ensureBackend } from "./backend"
import { checkTagExamples, type TagExamples } from "./interest-tag-dataset"
import { encodeSequence } from "./sequence-encoder"
import {
  resolveSequenceModelOptions,
  type ResolvedSequenceModelOptions,
  type SequenceModelOptions,
} from "./sequence-model-options"
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

/** Options of {@link InterestTagModel} (defaults in brackets; see {@link SequenceModelOptions}). */
export type TagModelOptions = SequenceModelOptions

/**
 * Interest tags from a behaviour sequence — seed 002 §5's "let GPT-2 write the user's interest tags"
 * done honestly: a small model trained here, on this log, whose output is a ranked list of category
 * tags. Clicked categories → embedding → GRU / LSTM / causal self-attention encoder → one sigmoid per
 * category (multi-label):
 *   s_c = σ(w_cᵀ h + b_c) ≈ P(category c among the user's next `horizon` clicks),
 * trained with binary cross-entropy on labels every log has (the next clicks), never on the world's
 * ground truth, which is kept for evaluation. Tags = the categories in decreasing s_c.
 * @example
 * const m = await new InterestTagModel({ encoder: "gru", seed: 1, epochs: 5 }).fit(train)
 * rankInterestTags(m.predictScores(latest).subarray(0, C), world.categories, 3) // [{ en: "Shoes", zh: "鞋靴", … }, …]
 */
export class InterestTagModel implements SavableNetwork {
  readonly name: string
  readonly config: ResolvedSequenceModelOptions
  model_: tf.LayersModel | undefined
  history_: TrainHistory | undefined
  nCategories_ = 0
  window_ = 0

  constructor(options: TagModelOptions) {
    this.config = resolveSequenceModelOptions(options, "InterestTagModel")
    this.name = `${options.encoder === "attention" ? "self-attention" : options.encoder.toUpperCase()} tagger`
  }

  async fit(
    train: TagExamples,
    extras: { validation?: TagExamples; onEpoch?: (r: EpochRecord, total: number) => void } = {},
  ): Promise<this> {
    const tf = loadTf()
    checkTagExamples(train, `${this.name}.fit train`, true)
    if (extras.validation !== undefined) {
      checkTagExamples(extras.validation, `${this.name}.fit validation`, true)
      if (extras.validation.window !== train.window || extras.validation.nCategories !== train.nCategories) {
        throw new Error(
          `${this.name}.fit validation: window ${extras.validation.window} and ${extras.validation.nCategories} categories differ from train (${train.window}, ${train.nCategories})`,
        )
      }
    }
    await ensureBackend(this.config.log)
    this.dispose()
    this.nCategories_ = train.nCategories
    this.window_ = train.window
    const model = this.build(train.nCategories, train.window)
    model.compile({ optimizer: tf.train.adam(this.config.learningRate), loss: "binaryCrossentropy" })
    this.model_ = model
    const tensors = (x: TagExamples): [tf.Tensor, tf.Tensor] => [
      tf.tensor2d(x.inputs, [x.rows, x.window], "float32"),
      tf.tensor2d(x.labels, [x.rows, x.nCategories]),
    ]
    this.history_ = await trainSequenceModel(model, this.config, this.name, tensors, train, extras)
    return this
  }

  /** Tag scores s_c for every row of `x` (labels not needed), row-major rows × categories. */
  predictScores(x: TagExamples): Float32Array {
    const tf = loadTf()
    const model = this.model_
    if (model === undefined) throw new Error(`${this.name}.predictScores: call fit first`)
    checkTagExamples(x, `${this.name}.predictScores x`, false)
    if (x.nCategories !== this.nCategories_ || x.window !== this.window_) {
      throw new Error(
        `${this.name}.predictScores x: window ${x.window} and ${x.nCategories} categories differ from fit (${this.window_}, ${this.nCategories_})`,
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

  private build(nCategories: number, window: number): tf.LayersModel {
    const tf = loadTf()
    const rng = createRng(this.config.seed, 0)
    const seed = () => rng.nextUint32()
    const input = tf.input({ shape: [window], name: "categories" })
    const h = encodeSequence(input, nCategories + 1, window, this.config, seed)
    const out = tf.layers
      .dense({
        units: nCategories,
        activation: "sigmoid",
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
      })
      .apply(h) as tf.SymbolicTensor
    return tf.model({ inputs: input, outputs: out, name: `interest_tags_${this.config.encoder}` })
  }
}
