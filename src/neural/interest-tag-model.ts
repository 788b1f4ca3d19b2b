import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { createRng } from "../random/rng"
import { checkTagExamples, type TagExamples } from "./interest-tag-dataset"
import { encodeSequence } from "./sequence-encoder"
import {
  resolveSequenceModelOptions,
  type ResolvedSequenceModelOptions,
  type SequenceModelOptions,
} from "./sequence-model-options"
import type { EpochRecord } from "./train"
import { CategoryWindowNetwork } from "./category-window-network"

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
export class InterestTagModel extends CategoryWindowNetwork<ResolvedSequenceModelOptions> {
  readonly name: string
  readonly config: ResolvedSequenceModelOptions

  constructor(options: TagModelOptions) {
    super()
    this.config = resolveSequenceModelOptions(options, "InterestTagModel")
    this.name = `${options.encoder === "attention" ? "self-attention" : options.encoder.toUpperCase()} tagger`
  }

  async fit(
    train: TagExamples,
    extras: { validation?: TagExamples; onEpoch?: (r: EpochRecord, total: number) => void } = {},
  ): Promise<this> {
    checkTagExamples(train, `${this.name}.fit train`, true)
    if (extras.validation !== undefined) {
      checkTagExamples(extras.validation, `${this.name}.fit validation`, true)
      if (extras.validation.window !== train.window || extras.validation.nCategories !== train.nCategories) {
        throw new Error(
          `${this.name}.fit validation: window ${extras.validation.window} and ${extras.validation.nCategories} categories differ from train (${train.window}, ${train.nCategories})`,
        )
      }
    }
    const tf = loadTf()
    await this.train(
      "binaryCrossentropy",
      (x: TagExamples) => tf.tensor2d(x.labels, [x.rows, x.nCategories]),
      train,
      extras,
    )
    return this
  }

  /** Tag scores s_c for every row of `x` (labels not needed), row-major rows × categories. */
  predictScores(x: TagExamples): Float32Array {
    return this.predictRows(x, "predictScores", (x) => checkTagExamples(x, `${this.name}.predictScores x`, false))
  }

  protected build(nCategories: number, window: number): tf.LayersModel {
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
