import type * as tf from "@tensorflow/tfjs"
import { createRng } from "../random/rng"
import { ensureBackend } from "./backend"
import { checkMultiStepExamples, type MultiStepExamples } from "./multi-step-dataset"
import { encodeSequence } from "./sequence-encoder"
import {
  type ResolvedSequenceModelOptions,
  resolveSequenceModelOptions,
  type SequenceModelOptions,
} from "./sequence-model-options"
import { loadTf } from "./tf"
import { type EpochRecord, type TrainHistory, trainModel } from "./train"
import {
  type FittedNetwork,
  fittedHistory,
  fittedInteger,
  readWeights,
  type SavableNetwork,
  writeWeights,
} from "./network-weights"

/** The parts of a fitted {@link Seq2SeqModel}: one set of layers, three graphs over them. */
interface Seq2SeqGraphs {
  /** (window, decoder input) → P(y_1..y_H), teacher forcing. */
  train: tf.LayersModel
  /** window → decoder start state. */
  encoder: tf.LayersModel
  /** (previous token, state) → (P(next), state): one greedy decoding step. */
  step: tf.LayersModel
}

/**
 * Sequence to sequence (Sutskever, Vinyals & Le 2014; Cho et al. 2014) for a user's next few
 * categories (seed 000 §3): the encoder (embedding → LSTM, GRU or causal self-attention, as
 * {@link NextCategoryModel}) turns the window into a state s; a GRU decoder started at s reads
 * y_0 = GO, y_1, …, y_{H−1} (category + 1, 0 = GO) and outputs softmax P(y_h | window, y_<h) at each step.
 * Trained with teacher forcing (the true previous categories as decoder input) on the summed
 * cross-entropy −Σ_h ln P(y_h | window, y_<h); predicted by greedy decoding (the argmax fed back).
 * @example
 * const m = await new Seq2SeqModel({ encoder: "gru", seed: 1, epochs: 3 }).fit(train)
 * const p = m.predictProba(test) // rows × horizon × categories, greedy decoding
 */
export class Seq2SeqModel implements SavableNetwork {
  readonly name: string
  readonly config: ResolvedSequenceModelOptions
  graphs_: Seq2SeqGraphs | undefined
  history_: TrainHistory | undefined
  nCategories_ = 0
  window_ = 0
  horizon_ = 0

  constructor(options: SequenceModelOptions) {
    this.config = resolveSequenceModelOptions(options, "Seq2SeqModel")
    this.name = `${{ lstm: "LSTM", gru: "GRU", attention: "self-attention" }[options.encoder]} encoder → GRU decoder`
  }

  async fit(
    train: MultiStepExamples,
    extras: { validation?: MultiStepExamples; onEpoch?: (r: EpochRecord, total: number) => void } = {},
  ): Promise<this> {
    checkMultiStepExamples(train, `${this.name}.fit train`)
    if (extras.validation !== undefined) {
      checkMultiStepExamples(extras.validation, `${this.name}.fit validation`)
      if (extras.validation.window !== train.window || extras.validation.horizon !== train.horizon)
        throw new Error(`${this.name}.fit validation: window and horizon must match the training set's`)
    }
    const tf = loadTf()
    await ensureBackend(this.config.log)
    this.dispose()
    this.nCategories_ = train.nCategories
    this.window_ = train.window
    this.horizon_ = train.horizon
    const graphs = this.build(train.nCategories, train.window, train.horizon)
    graphs.train.compile({
      optimizer: tf.train.adam(this.config.learningRate),
      loss: "sparseCategoricalCrossentropy",
    })
    this.graphs_ = graphs
    const [x, y] = this.teacherTensors(train)
    const val = extras.validation !== undefined ? this.teacherTensors(extras.validation) : undefined
    try {
      this.history_ = await trainModel(graphs.train, x, y, {
        epochs: this.config.epochs,
        batchSize: this.config.batchSize,
        rng: createRng(this.config.seed, 2),
        validation: val !== undefined ? { x: val[0], y: val[1] } : undefined,
        earlyStopping: this.config.earlyStopping,
        onEpoch: extras.onEpoch,
        label: this.name,
        log: this.config.log,
      })
    } finally {
      tf.dispose([...x, y, ...(val !== undefined ? [...val[0], val[1]] : [])])
    }
    return this
  }

  /**
   * Greedy decoding: P(y_h | window, ŷ_<h) for h = 1..horizon, where ŷ_h = argmax of step h (ties to
   * the smaller category). Row-major rows × horizon × categories.
   */
  predictProba(x: MultiStepExamples): Float32Array {
    const g = this.fitted("predictProba", x)
    const tf = loadTf()
    const C = this.nCategories_
    const H = this.horizon_
    const out = new Float32Array(x.rows * H * C)
    let state = tf.tidy(() => g.encoder.predict(this.windowTensor(x), { batchSize: 1024 }) as tf.Tensor)
    const tokens = new Float32Array(x.rows)
    try {
      for (let h = 0; h < H; h++) {
        let p: Float32Array = new Float32Array(0)
        const next = tf.tidy(() => {
          const [probs, s] = g.step.predict([tf.tensor2d(tokens, [x.rows, 1]), state], {
            batchSize: 1024,
          }) as tf.Tensor[]
          p = probs.dataSync() as Float32Array
          return s
        })
        tf.dispose(state)
        state = next
        for (let r = 0; r < x.rows; r++) {
          let best = 0
          for (let j = 0; j < C; j++) {
            const v = p[r * C + j]
            out[(r * H + h) * C + j] = v
            if (v > p[r * C + best]) best = j
          }
          tokens[r] = best + 1
        }
      }
    } finally {
      tf.dispose(state)
    }
    return out
  }

  /**
   * Teacher forcing: P(y_h | window, y_<h) with the decoder fed `x.targets` (the training graph),
   * row-major rows × horizon × categories. Fed greedy decoding's own outputs it gives
   * {@link predictProba}'s numbers (the check that both graphs share their layers).
   */
  teacherForcedProba(x: MultiStepExamples): Float32Array {
    const g = this.fitted("teacherForcedProba", x)
    checkMultiStepExamples(x, `${this.name}.teacherForcedProba x`)
    const tf = loadTf()
    const [inputs, y] = this.teacherTensors(x)
    try {
      return tf.tidy(() => (g.train.predict(inputs, { batchSize: 1024 }) as tf.Tensor).dataSync() as Float32Array)
    } finally {
      tf.dispose([...inputs, y])
    }
  }

  /** The weights of the teacher-forcing graph, which holds every layer (the encoder and step graphs share them). */
  fittedNetwork(): FittedNetwork | undefined {
    if (this.graphs_ === undefined) return undefined
    return {
      fitted: { nCategories: this.nCategories_, window: this.window_, horizon: this.horizon_, history: this.history_ },
      weights: readWeights(this.graphs_.train),
    }
  }

  async restoreNetwork(saved: FittedNetwork): Promise<void> {
    const nCategories = fittedInteger(saved, "nCategories", this.name)
    const window = fittedInteger(saved, "window", this.name)
    const horizon = fittedInteger(saved, "horizon", this.name)
    await ensureBackend(this.config.log)
    this.dispose()
    const graphs = this.build(nCategories, window, horizon)
    writeWeights(graphs.train, saved.weights, this.name)
    this.graphs_ = graphs
    this.nCategories_ = nCategories
    this.window_ = window
    this.horizon_ = horizon
    this.history_ = fittedHistory(saved)
  }

  dispose(): void {
    if (this.graphs_ === undefined) return
    this.graphs_.train.optimizer?.dispose()
    this.graphs_.train.dispose()
    this.graphs_ = undefined
  }

  private fitted(method: string, x: MultiStepExamples): Seq2SeqGraphs {
    const g = this.graphs_
    if (g === undefined) throw new Error(`${this.name}.${method}: call fit first`)
    if (x.window !== this.window_ || x.nCategories !== this.nCategories_ || x.horizon !== this.horizon_)
      throw new Error(
        `${this.name}.${method} x: window ${x.window}, horizon ${x.horizon} and ${x.nCategories} categories differ from fit (${this.window_}, ${this.horizon_}, ${this.nCategories_})`,
      )
    return g
  }

  private windowTensor(x: MultiStepExamples): tf.Tensor {
    return loadTf().tensor2d(x.inputs, [x.rows, x.window], "float32")
  }

  /** ([window, decoder input GO y_1 … y_{H−1}], targets rows × H × 1). */
  private teacherTensors(x: MultiStepExamples): [tf.Tensor[], tf.Tensor] {
    const tf = loadTf()
    const H = x.horizon
    const decoder = new Float32Array(x.rows * H)
    for (let r = 0; r < x.rows; r++) for (let h = 1; h < H; h++) decoder[r * H + h] = x.targets[r * H + h - 1] + 1
    return [
      [this.windowTensor(x), tf.tensor2d(decoder, [x.rows, H])],
      tf.tensor3d(Float32Array.from(x.targets), [x.rows, H, 1]),
    ]
  }

  private build(nCategories: number, window: number, horizon: number): Seq2SeqGraphs {
    const tf = loadTf()
    const c = this.config
    const rng = createRng(c.seed, 0)
    const seed = () => rng.nextUint32()
    const windowIn = tf.input({ shape: [window], name: "window" })
    const state = encodeSequence(windowIn, nCategories + 1, window, c, seed)
    const embed = tf.layers.embedding({
      inputDim: nCategories + 1,
      outputDim: c.embedding,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: seed() }),
    })
    const gru = tf.layers.gru({
      units: c.units,
      returnSequences: true,
      returnState: true,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed() }),
    })
    const dense = tf.layers.dense({
      units: nCategories,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
    })
    const decode = (tokens: tf.SymbolicTensor, start: tf.SymbolicTensor): [tf.SymbolicTensor, tf.SymbolicTensor] => {
      const [seq, s] = gru.apply(embed.apply(tokens), { initialState: [start] }) as tf.SymbolicTensor[]
      return [dense.apply(seq) as tf.SymbolicTensor, s]
    }
    const decoderIn = tf.input({ shape: [horizon], name: "decoder" })
    const [probs] = decode(decoderIn, state)
    const train = tf.model({ inputs: [windowIn, decoderIn], outputs: probs, name: `seq2seq_${c.encoder}` })
    const encoder = tf.model({ inputs: windowIn, outputs: state, name: `seq2seq_${c.encoder}_encoder` })
    const tokenIn = tf.input({ shape: [1], name: "previous" })
    const stateIn = tf.input({ shape: [c.units], name: "state" })
    const [stepProbs, stepState] = decode(tokenIn, stateIn)
    const step = tf.model({
      inputs: [tokenIn, stateIn],
      outputs: [stepProbs, stepState],
      name: `seq2seq_${c.encoder}_step`,
    })
    return { train, encoder, step }
  }
}
