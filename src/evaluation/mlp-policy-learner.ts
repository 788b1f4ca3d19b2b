import type * as Tf from "@tensorflow/tfjs"
import { loadTf } from "../neural/tf"
import type { BanditLog } from "../schema/bandit-log"
import { ensureBackend } from "../neural/backend"
import { trainModel } from "../neural/train"
import { createRng } from "../random/rng"
import type { TargetPolicy } from "../schema/target-policy"
import {
  fittedArray,
  fittedInteger,
  readWeights,
  writeWeights,
  type FittedNetwork,
  type SavableNetwork,
} from "../neural/network-weights"
import { columnScaling } from "./feature-scaling"

/** Options of `MlpPolicyLearner` (defaults in brackets). */
export interface MlpPolicyLearnerOptions {
  /** Seeds the initial weights and the batch order. */
  seed: number
  /** Hidden layer widths [32]. */
  hidden?: number[]
  epochs?: number
  batchSize?: number
  learningRate?: number
  /** Uniform exploration mixed into the learned policy [0]. */
  epsilon?: number
}

/**
 * OBP's `NNPolicyLearner` in its IPW form, on TensorFlow.js: an MLP π_θ(a | x) = softmax(f_θ(z))
 * trained to maximise the IPW estimate of its own value's surrogate, i.e. to minimise the
 * IPW-weighted cross-entropy Σᵢ (rᵢ/pᵢ)(−log π_θ(aᵢ | xᵢ)) over the rewarded rounds (z: the
 * standardised numeric context, plus a one-hot position). Seeded (glorot initialisers, batch
 * order from `createRng(seed)`), Adam. The policy is greedy on π_θ, with ε uniform exploration.
 * Probabilities are computed for a whole log in one batch and cached per log.
 * @example const pi = await new MlpPolicyLearner({ seed: 1, epochs: 30 }).fit(trainLog); evaluateOffPolicy(testLog, pi, options)
 */
export class MlpPolicyLearner implements TargetPolicy, SavableNetwork {
  readonly name: string
  nActions = 0
  private model: Tf.LayersModel | undefined
  private mean = new Float64Array(0)
  private scale = new Float64Array(0)
  private nPositions = 0
  private cache = new WeakMap<BanditLog, Int32Array>()

  constructor(readonly options: MlpPolicyLearnerOptions) {
    if (!Number.isSafeInteger(options.seed))
      throw new Error(`MlpPolicyLearner: seed must be a safe integer, got ${options.seed}`)
    const e = options.epsilon ?? 0
    if (!(e >= 0 && e <= 1)) throw new Error(`MlpPolicyLearner: epsilon must be in [0, 1], got ${e}`)
    this.name = `MLP policy ${[...(options.hidden ?? [32]), "K"].join("-")} (IPW-weighted cross-entropy)`
  }

  async fit(log: BanditLog): Promise<this> {
    await ensureBackend(() => undefined)
    const n = log.length
    const d = log.featureNames.length
    this.nActions = log.nActions
    this.nPositions = log.nPositions > 1 ? log.nPositions : 0
    const { mean, scale } = columnScaling(log.context, n, d)
    this.mean = mean
    this.scale = scale
    const rows: number[] = []
    for (let i = 0; i < n; i++) if (log.reward[i] > 0) rows.push(i)
    if (rows.length === 0)
      throw new Error("MlpPolicyLearner.fit: no round has a positive reward; there is nothing to learn from")
    const K = log.nActions
    const width = d + this.nPositions
    const x = this.design(log, rows)
    const y = new Float32Array(rows.length * K)
    rows.forEach((i, k) => (y[k * K + log.action[i]] = log.reward[i] / log.propensity[i]))
    this.model?.dispose()
    const tf = loadTf()
    const model = this.network(width, K)
    // categorical cross-entropy −Σₐ yₐ log πₐ with y = (r/p)·onehot(a): the IPW-weighted log-likelihood
    // the model does not own an optimizer it was handed: its Adam moments are freed below, else every fit leaks them
    const optimizer = tf.train.adam(this.options.learningRate ?? 0.01)
    model.compile({ optimizer, loss: "categoricalCrossentropy" })
    const xs = tf.tensor2d(x, [rows.length, width])
    const ys = tf.tensor2d(y, [rows.length, K])
    try {
      await trainModel(model, xs, ys, {
        epochs: this.options.epochs ?? 30,
        batchSize: this.options.batchSize ?? 256,
        rng: createRng(this.options.seed, 1),
        label: "MlpPolicyLearner",
        log: () => undefined,
      })
    } finally {
      tf.dispose([xs, ys])
      optimizer.dispose()
    }
    this.model = model
    this.cache = new WeakMap()
    return this
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    let best = this.cache.get(log)
    if (best === undefined) {
      best = this.greedyActions(log)
      this.cache.set(log, best)
    }
    const e = this.options.epsilon ?? 0
    out.fill(e / this.nActions, 0, this.nActions)
    out[best[i]] += 1 - e
  }

  fittedNetwork(): FittedNetwork | undefined {
    if (this.model === undefined) return undefined
    return {
      fitted: { nActions: this.nActions, nPositions: this.nPositions, mean: this.mean, scale: this.scale },
      weights: readWeights(this.model),
    }
  }

  async restoreNetwork(saved: FittedNetwork): Promise<void> {
    const who = "MlpPolicyLearner"
    const nActions = fittedInteger(saved, "nActions", who)
    const nPositions = fittedInteger(saved, "nPositions", who, 0)
    const mean = fittedArray(saved, "mean", Float64Array, who)
    const scale = fittedArray(saved, "scale", Float64Array, who, mean.length)
    await ensureBackend(() => undefined)
    const model = writeWeights(this.network(mean.length + nPositions, nActions), saved.weights, who)
    this.model?.dispose()
    this.model = model
    this.cache = new WeakMap()
    this.nActions = nActions
    this.nPositions = nPositions
    this.mean = mean
    this.scale = scale
  }

  /** Frees the network's tensors. */
  dispose(): void {
    this.model?.dispose()
    this.model = undefined
  }

  /** The (uncompiled) network for `width` inputs and K actions, its initializers seeded by stream 0 of the seed. */
  private network(width: number, K: number): Tf.LayersModel {
    const tf = loadTf()
    const initRng = createRng(this.options.seed, 0)
    const input = tf.input({ shape: [width] })
    let h: Tf.SymbolicTensor = input
    for (const units of this.options.hidden ?? [32])
      h = tf.layers
        .dense({
          units,
          activation: "relu",
          kernelInitializer: tf.initializers.glorotUniform({ seed: initRng.nextUint32() }),
        })
        .apply(h) as Tf.SymbolicTensor
    const out = tf.layers
      .dense({
        units: K,
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({ seed: initRng.nextUint32() }),
      })
      .apply(h) as Tf.SymbolicTensor
    return tf.model({ inputs: input, outputs: out })
  }

  private greedyActions(log: BanditLog): Int32Array {
    const model = this.model
    if (model === undefined) throw new Error("MlpPolicyLearner: call fit first")
    const all = Array.from({ length: log.length }, (_, i) => i)
    const width = this.mean.length + this.nPositions
    const tf = loadTf()
    const probs = tf.tidy(() =>
      (model.predict(tf.tensor2d(this.design(log, all), [log.length, width])) as Tf.Tensor).argMax(1),
    )
    const best = Int32Array.from(probs.dataSync())
    probs.dispose()
    return best
  }

  private design(log: BanditLog, rows: readonly number[]): Float32Array {
    const d = this.mean.length
    const width = d + this.nPositions
    const x = new Float32Array(rows.length * width)
    rows.forEach((i, k) => {
      for (let j = 0; j < d; j++) x[k * width + j] = (log.context[i * d + j] - this.mean[j]) / this.scale[j]
      if (this.nPositions > 0 && log.position[i] < this.nPositions) x[k * width + d + log.position[i]] = 1
    })
    return x
  }
}
