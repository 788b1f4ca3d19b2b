import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { createRng } from "../random/rng"
import { SeededDropout } from "./seeded-dropout"
import { checkSequenceExamples, type SequenceExamples } from "./sequence-dataset"
import { encodeSequence } from "./sequence-encoder"
import {
  resolveSequenceModelOptions,
  type ResolvedSequenceModelOptions,
  type SequenceModelOptions,
} from "./sequence-model-options"
import type { EpochRecord } from "./train"
import { CategoryWindowNetwork } from "./category-window-network"

/** Options of {@link NextCategoryModel} (defaults in brackets; the shared ones in {@link SequenceModelOptions}). */
export interface NextCategoryOptions extends SequenceModelOptions {
  /** Dropout before the output layer [0]. */
  dropout?: number
  /** L2 penalty on the output kernel [0]. */
  l2?: number
}

/** The resolved options of {@link NextCategoryModel}. */
type NextCategoryConfig = ResolvedSequenceModelOptions & { dropout: number; l2: number }

/**
 * Next-category prediction from the last `window` clicked categories (seed 003 §2 §4; seed 004 §5
 * done correctly: the target is the NEXT click, never the input): token embedding → LSTM (Hochreiter
 * & Schmidhuber 1997), GRU (Cho et al. 2014) or one causal self-attention block (the seeds' "large
 * model" in miniature, read at the last position) → softmax over categories, trained with sparse
 * categorical cross-entropy. Padding id 0 is masked for the recurrent encoders.
 * @example
 * const m = await new NextCategoryModel({ encoder: "gru", seed: 1, epochs: 5 }).fit(train)
 * const p = m.predictProba(test) // rows × categories
 */
export class NextCategoryModel extends CategoryWindowNetwork<NextCategoryConfig> {
  readonly name: string
  readonly config: NextCategoryConfig

  constructor(options: NextCategoryOptions) {
    super()
    this.config = {
      ...resolveSequenceModelOptions(options, "NextCategoryModel"),
      dropout: options.dropout ?? 0,
      l2: options.l2 ?? 0,
    }
    if (!(this.config.dropout >= 0 && this.config.dropout < 1))
      throw new Error(`NextCategoryModel: dropout must be in [0, 1), got ${this.config.dropout}`)
    this.name = { lstm: "embedding + LSTM", gru: "embedding + GRU", attention: "causal self-attention" }[
      options.encoder
    ]
  }

  async fit(
    train: SequenceExamples,
    extras: { validation?: SequenceExamples; onEpoch?: (r: EpochRecord, total: number) => void } = {},
  ): Promise<this> {
    checkSequenceExamples(train, `${this.name}.fit train`)
    if (extras.validation !== undefined) {
      checkSequenceExamples(extras.validation, `${this.name}.fit validation`)
      if (extras.validation.window !== train.window)
        throw new Error(
          `${this.name}.fit validation: window ${extras.validation.window} differs from the training window ${train.window}`,
        )
    }
    const tf = loadTf()
    const targets = (x: SequenceExamples) => tf.tensor2d(Float32Array.from(x.targets), [x.rows, 1])
    await this.train("sparseCategoricalCrossentropy", targets, train, extras)
    return this
  }

  /** P(next category | window) for every row, row-major rows × categories. */
  predictProba(x: SequenceExamples): Float32Array {
    return this.predictRows(x, "predictProba", (x) =>
      checkSequenceExamples(
        { ...x, targets: x.targets.length === x.rows ? x.targets : new Int32Array(x.rows) },
        `${this.name}.predictProba x`,
      ),
    )
  }

  protected build(nCategories: number, window: number): tf.LayersModel {
    const tf = loadTf()
    const rng = createRng(this.config.seed, 0)
    const seed = () => rng.nextUint32()
    const c = this.config
    const input = tf.input({ shape: [window], name: "categories" })
    let h = encodeSequence(input, nCategories + 1, window, c, seed)
    if (c.dropout > 0)
      h = new SeededDropout({ rate: c.dropout, rng: createRng(c.seed, 1) }).apply(h) as tf.SymbolicTensor
    const out = tf.layers
      .dense({
        units: nCategories,
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
        kernelRegularizer: c.l2 > 0 ? tf.regularizers.l2({ l2: c.l2 }) : undefined,
      })
      .apply(h) as tf.SymbolicTensor
    return tf.model({ inputs: input, outputs: out, name: `next_category_${c.encoder}` })
  }
}

/** Accuracy (top-1), top-k hit rate and mean log loss of next-category probabilities `p` (rows × C). */
export function nextCategoryScores(
  p: Float32Array,
  targets: Int32Array,
  nCategories: number,
  k = 3,
): { accuracy: number; hitRateAtK: number; logLoss: number } {
  const n = targets.length
  if (p.length !== n * nCategories)
    throw new Error(`nextCategoryScores: p has ${p.length} values, expected ${n} × ${nCategories}`)
  let top1 = 0
  let topK = 0
  let loss = 0
  for (let r = 0; r < n; r++) {
    const t = targets[r]
    const pt = p[r * nCategories + t]
    let higher = 0
    let best = true
    for (let j = 0; j < nCategories; j++) {
      const v = p[r * nCategories + j]
      if (v > pt || (v === pt && j < t)) {
        higher++
        best = false
      }
    }
    if (best) top1++
    if (higher < k) topK++
    loss -= Math.log(Math.max(pt, 1e-15))
  }
  return { accuracy: top1 / n, hitRateAtK: topK / n, logLoss: loss / n }
}
