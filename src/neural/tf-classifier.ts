import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { createRng, type Rng } from "../random/rng"
import { ensureBackend } from "./backend"
import { DenseStack, type DenseLayerWeights } from "./dense-stack"
import type { BinaryClassifier } from "./binary-classifier"
import { checkBinaryLabels, checkTabularFeatures, type TabularFeatures } from "./tabular-features"
import { trainModel, type EpochRecord, type ModelInputs, type TrainHistory } from "./train"
import { DenseTrainer } from "./dense-trainer"
import { trainDense } from "./train-dense"
import {
  fittedArray,
  fittedHistory,
  readWeights,
  writeWeights,
  type FittedNetwork,
  type SavableNetwork,
} from "./network-weights"

/** Training options shared by the TensorFlow.js classifiers (defaults in brackets). */
export interface TfClassifierOptions {
  /** Seeds the initializers (stream 0), dropout masks (stream 1) and batch shuffling (stream 2). */
  seed: number
  /** Dropout rate after each hidden layer [0]. */
  dropout?: number
  /** L2 penalty λ·Σw² on every kernel [0]. */
  l2?: number
  /** Adam learning rate [0.001]. */
  learningRate?: number
  /** [10] */
  epochs?: number
  /** [64] */
  batchSize?: number
  /** Early stopping on the validation loss (needs `validation` in fit). */
  earlyStopping?: { patience: number; minDelta?: number }
  /** Where the backend line goes [console.log]. */
  log?: (line: string) => void
  /**
   * Who trains: "tfjs" (`trainOnBatch`) or "dense", the WebAssembly SIMD trainer of {@link DenseTrainer}
   * on the same initial weights and batches, for a network that is a Dense stack ["tfjs"].
   */
  trainer?: "dense" | "tfjs"
}

/** Extra inputs of `fit`: a validation set for curves and early stopping, a per-epoch callback. */
export interface FitExtras {
  validation?: { x: TabularFeatures; y: ArrayLike<number> }
  onEpoch?: (record: EpochRecord, total: number) => void
}

/** Seeded layer-building helpers handed to subclasses. */
export interface LayerKit {
  /** A fresh glorot-uniform initializer with its own seed. */
  init(): ReturnType<typeof tf.initializers.glorotUniform>
  /** The kernel regularizer (L2) or undefined. */
  regularizer: ReturnType<typeof tf.regularizers.l2> | undefined
  /** The rng that seeds dropout layers. */
  dropoutRng: Rng
}

function checkRate(name: string, v: number, lo: number, hi: number, hiOpen: boolean): void {
  if (!(v >= lo && (hiOpen ? v < hi : v <= hi)))
    throw new Error(`${name} must be in [${lo}, ${hi}${hiOpen ? ")" : "]"}, got ${v}`)
}

function checkPositiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${v}`)
}

/**
 * The shared machinery of the tfjs binary classifiers: option validation, feature standardisation
 * (z-scores with the training set's mean and sd, kept as learned state), seeded building, reproducible
 * training through {@link trainModel}, batched prediction inside `tf.tidy`, and `dispose()`.
 */
export abstract class TfBinaryClassifier implements BinaryClassifier, SavableNetwork {
  abstract readonly name: string
  readonly config: Required<Omit<TfClassifierOptions, "earlyStopping" | "log">> &
    Pick<TfClassifierOptions, "earlyStopping" | "log">
  /** Learned state: the network, the standardisation, the training history. */
  model_: tf.LayersModel | undefined
  mean_: Float32Array | undefined
  scale_: Float32Array | undefined
  history_: TrainHistory | undefined

  constructor(options: TfClassifierOptions, owner: string) {
    if (!Number.isSafeInteger(options.seed))
      throw new Error(`${owner}: seed must be a safe integer, got ${options.seed}`)
    this.config = {
      seed: options.seed,
      dropout: options.dropout ?? 0,
      l2: options.l2 ?? 0,
      learningRate: options.learningRate ?? 0.001,
      epochs: options.epochs ?? 10,
      batchSize: options.batchSize ?? 64,
      earlyStopping: options.earlyStopping,
      log: options.log,
      trainer: options.trainer ?? "tfjs",
    }
    if (this.config.trainer !== "dense" && this.config.trainer !== "tfjs")
      throw new Error(`${owner}: trainer must be "dense" or "tfjs", got ${JSON.stringify(this.config.trainer)}`)
    checkRate(`${owner}: dropout`, this.config.dropout, 0, 1, true)
    if (!(this.config.l2 >= 0)) throw new Error(`${owner}: l2 must be ≥ 0, got ${this.config.l2}`)
    if (!(this.config.learningRate > 0))
      throw new Error(`${owner}: learningRate must be > 0, got ${this.config.learningRate}`)
    checkPositiveInt(`${owner}: epochs`, this.config.epochs)
    checkPositiveInt(`${owner}: batchSize`, this.config.batchSize)
  }

  /** Builds the (uncompiled) network for `cols` standardised input columns. */
  protected abstract build(cols: number, kit: LayerKit): tf.LayersModel
  /** Turns the standardised feature tensor into the network's input(s). */
  protected abstract toInputs(x: tf.Tensor2D): ModelInputs
  /** Checks the column count against the architecture (e.g. the multi-input column groups). */
  protected checkColumns(_cols: number): void {}
  /**
   * The network as Dense layers ending in one sigmoid unit, for the WebAssembly forward pass of
   * {@link DenseStack}; undefined (the default) when it is not such a stack, so tfjs predicts.
   */
  protected denseLayers(_model: tf.LayersModel): DenseLayerWeights[] | undefined {
    return undefined
  }

  async fit(x: TabularFeatures, y: ArrayLike<number>, extras: FitExtras = {}): Promise<this> {
    const tf = loadTf()
    checkTabularFeatures(x, `${this.name}.fit x`)
    checkBinaryLabels(y, x.rows, `${this.name}.fit y`)
    this.checkColumns(x.cols)
    if (extras.validation !== undefined) {
      checkTabularFeatures(extras.validation.x, `${this.name}.fit validation.x`, x.cols)
      checkBinaryLabels(extras.validation.y, extras.validation.x.rows, `${this.name}.fit validation.y`)
    }
    const backend = await ensureBackend(this.config.log)
    this.dispose()
    this.standardise(x)
    const kit = this.layerKit()
    const model = this.build(x.cols, kit)
    model.compile({ optimizer: tf.train.adam(this.config.learningRate), loss: "binaryCrossentropy" })
    this.model_ = model
    if (this.config.trainer === "dense") {
      this.history_ = { backend, ...this.fitDense(model, x, y, kit.dropoutRng, extras) }
      return this
    }
    const xt = this.inputTensor(x)
    const yt = tf.tensor2d(Float32Array.from(y), [x.rows, 1])
    const vx = extras.validation !== undefined ? this.inputTensor(extras.validation.x) : undefined
    const vy =
      extras.validation !== undefined
        ? tf.tensor2d(Float32Array.from(extras.validation.y), [extras.validation.x.rows, 1])
        : undefined
    const vxIn = vx !== undefined ? tf.tidy(() => this.toInputs(vx)) : undefined
    const xIn = tf.tidy(() => this.toInputs(xt))
    try {
      this.history_ = await trainModel(model, xIn, yt, {
        epochs: this.config.epochs,
        batchSize: this.config.batchSize,
        rng: createRng(this.config.seed, 2),
        validation: vxIn !== undefined && vy !== undefined ? { x: vxIn, y: vy } : undefined,
        earlyStopping: this.config.earlyStopping,
        onEpoch: extras.onEpoch,
        label: this.name,
        log: this.config.log,
      })
    } finally {
      tf.dispose([xt, yt, xIn, vx, vy, vxIn].filter((t): t is tf.Tensor | tf.Tensor[] => t !== undefined))
    }
    return this
  }

  predictProba(x: TabularFeatures): Float64Array {
    const tf = loadTf()
    const model = this.model_
    if (model === undefined) throw new Error(`${this.name}.predictProba: call fit first`)
    checkTabularFeatures(x, `${this.name}.predictProba x`, this.mean_?.length)
    const out = new Float64Array(x.rows)
    const layers = this.denseLayers(model)
    if (layers !== undefined) {
      const logits = new DenseStack(layers).forward(x, this.mean_ as Float32Array, this.scale_ as Float32Array)
      // σ in f64, rounded to f32 as tfjs's sigmoid output is.
      for (let i = 0; i < x.rows; i++) out[i] = Math.fround(1 / (1 + Math.exp(-logits[i])))
      return out
    }
    const chunk = 4096
    for (let from = 0; from < x.rows; from += chunk) {
      const to = Math.min(x.rows, from + chunk)
      const part = { data: x.data.subarray(from * x.cols, to * x.cols), rows: to - from, cols: x.cols }
      const p = tf.tidy(() =>
        (model.predict(this.toInputs(this.inputTensor(part)), { batchSize: part.rows }) as tf.Tensor).dataSync(),
      )
      for (let i = 0; i < p.length; i++) out[from + i] = p[i]
    }
    return out
  }

  fittedNetwork(): FittedNetwork | undefined {
    if (this.model_ === undefined) return undefined
    return {
      fitted: { mean: this.mean_, scale: this.scale_, history: this.history_ },
      weights: readWeights(this.model_),
    }
  }

  async restoreNetwork(saved: FittedNetwork): Promise<void> {
    const mean = fittedArray(saved, "mean", Float32Array, this.name)
    const scale = fittedArray(saved, "scale", Float32Array, this.name, mean.length)
    this.checkColumns(mean.length)
    await ensureBackend(this.config.log)
    this.dispose()
    this.model_ = writeWeights(this.build(mean.length, this.layerKit()), saved.weights, this.name)
    this.mean_ = mean
    this.scale_ = scale
    this.history_ = fittedHistory(saved)
  }

  dispose(): void {
    // The optimizer was passed in as an object, so model.dispose() leaves its moment estimates behind.
    this.model_?.optimizer?.dispose()
    this.model_?.dispose()
    this.model_ = undefined
  }

  /** Trains the Dense stack of `model` with {@link DenseTrainer} and writes the weights back into `model`. */
  private fitDense(
    model: tf.LayersModel,
    x: TabularFeatures,
    y: ArrayLike<number>,
    dropoutRng: Rng,
    extras: FitExtras,
  ): Omit<TrainHistory, "backend"> {
    const initial = this.denseLayers(model)
    if (initial === undefined)
      throw new Error(`${this.name}: trainer "dense" needs a stack of Dense layers; use "tfjs"`)
    const log = this.config.log ?? ((line: string) => console.log(line))
    const trainer = new DenseTrainer(initial, {
      batchSize: this.config.batchSize,
      learningRate: this.config.learningRate,
      l2: this.config.l2,
      dropout: this.config.dropout,
      dropoutRng,
    })
    log(
      `[interest-lab] training ${this.name} with the dense trainer (${trainer.wasm ? "WebAssembly SIMD" : "JavaScript"}): ${x.rows} examples, ${this.config.epochs} epochs, batch ${this.config.batchSize}`,
    )
    const v = extras.validation
    const { layers, ...history } = trainDense(trainer, { data: this.standardised(x), rows: x.rows, cols: x.cols }, y, {
      epochs: this.config.epochs,
      batchSize: this.config.batchSize,
      rng: createRng(this.config.seed, 2),
      validation:
        v !== undefined ? { x: { data: this.standardised(v.x), rows: v.x.rows, cols: v.x.cols }, y: v.y } : undefined,
      earlyStopping: this.config.earlyStopping,
      // The callback may predict (e.g. loss curves): it sees the weights of the epoch just trained.
      onEpoch:
        extras.onEpoch === undefined
          ? undefined
          : (record, total) => {
              setDenseWeights(model, trainer.layers())
              extras.onEpoch?.(record, total)
            },
      label: this.name,
    })
    setDenseWeights(model, layers)
    return history
  }

  /** The seeded initializers, regularizer and dropout generator `build` gets (streams 0 and 1 of the seed). */
  private layerKit(): LayerKit {
    const tf = loadTf()
    const initRng = createRng(this.config.seed, 0)
    return {
      init: () => tf.initializers.glorotUniform({ seed: initRng.nextUint32() }),
      regularizer: this.config.l2 > 0 ? tf.regularizers.l2({ l2: this.config.l2 }) : undefined,
      dropoutRng: createRng(this.config.seed, 1),
    }
  }

  private standardise(x: TabularFeatures): void {
    const mean = new Float32Array(x.cols)
    const scale = new Float32Array(x.cols)
    for (let r = 0; r < x.rows; r++) for (let c = 0; c < x.cols; c++) mean[c] += x.data[r * x.cols + c]
    for (let c = 0; c < x.cols; c++) mean[c] /= Math.max(1, x.rows)
    for (let r = 0; r < x.rows; r++) {
      for (let c = 0; c < x.cols; c++) {
        const d = x.data[r * x.cols + c] - mean[c]
        scale[c] += d * d
      }
    }
    // A constant column gets its value as mean and scale 1, so it maps to exactly 0 (not NaN, and not
    // ±1 from the rounding of its summed mean becoming the scale).
    for (let c = 0; c < x.cols; c++) {
      let constant = x.rows > 0
      for (let r = 1; r < x.rows && constant; r++) constant = x.data[r * x.cols + c] === x.data[c]
      if (constant) {
        mean[c] = x.data[c]
        scale[c] = 1
      } else scale[c] = scale[c] > 0 ? Math.sqrt(scale[c] / x.rows) : 1
    }
    this.mean_ = mean
    this.scale_ = scale
  }

  private standardised(x: TabularFeatures): Float32Array {
    const mean = this.mean_ as Float32Array
    const scale = this.scale_ as Float32Array
    const z = new Float32Array(x.rows * x.cols)
    for (let i = 0; i < z.length; i++) {
      const c = i % x.cols
      z[i] = (x.data[i] - mean[c]) / scale[c]
    }
    return z
  }

  private inputTensor(x: TabularFeatures): tf.Tensor2D {
    return loadTf().tensor2d(this.standardised(x), [x.rows, x.cols])
  }
}

/** Writes kernels and biases into the Dense layers of `model`, in order. */
function setDenseWeights(model: tf.LayersModel, layers: DenseLayerWeights[]): void {
  const tf = loadTf()
  const dense = model.layers.filter((layer) => layer.getClassName() === "Dense")
  tf.tidy(() =>
    dense.forEach((layer, l) =>
      layer.setWeights([
        tf.tensor2d(layers[l].kernel, [layers[l].inputs, layers[l].units]),
        tf.tensor1d(layers[l].bias),
      ]),
    ),
  )
}
