import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import type { TrainHistory } from "./train"

/** One weight tensor of a network: its shape and its float32 values, row-major. */
export interface NetworkWeight {
  shape: number[]
  values: Float32Array
}

/**
 * A fitted TensorFlow.js model's learned state: what `fit` learned besides the weights (input sizes,
 * standardisation, training history) and the weights in `model.getWeights()` order.
 */
export interface FittedNetwork {
  fitted: { [key: string]: unknown }
  weights: NetworkWeight[]
}

/**
 * A model on TensorFlow.js whose fitted network can be saved and rebuilt: the architecture is built
 * again by the model's own code from its options and the saved sizes, then the saved weights are
 * written into it, so the rebuilt model predicts exactly as the saved one (same backend).
 * @example const saved = mlp.fittedNetwork(); await new InterestMlp(options).restoreNetwork(saved!)
 */
export interface SavableNetwork {
  /** The fitted state, or undefined before `fit`. */
  fittedNetwork(): FittedNetwork | undefined
  /**
   * Rebuilds the network from a {@link fittedNetwork} of a model with the same options, on the
   * backend `fit` would choose.
   * @throws naming the field when the saved state does not fit the options
   */
  restoreNetwork(saved: FittedNetwork): Promise<void>
}

/**
 * Copies every weight of `model` (trainable then non-trainable, the order `setWeights` takes).
 * @example const weights = readWeights(model)
 */
export function readWeights(model: tf.LayersModel): NetworkWeight[] {
  return model.getWeights().map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) }))
}

/**
 * Writes saved weights into a freshly built `model` of the same architecture and returns it. The model is
 * disposed when they do not fit, since nobody else holds it yet.
 * @throws when the count or a shape differs from the network's, naming `weights[i]` and `who`
 * @example const model = writeWeights(this.build(nCategories, window), saved.weights, "InterestMlp")
 */
export function writeWeights<M extends tf.LayersModel>(model: M, weights: readonly NetworkWeight[], who: string): M {
  try {
    checkWeights(model, weights, who)
  } catch (e) {
    model.dispose()
    throw e
  }
  const tf = loadTf()
  tf.tidy(() => model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape, "float32"))))
  return model
}

function checkWeights(model: tf.LayersModel, weights: readonly NetworkWeight[], who: string): void {
  const current = model.weights
  if (!Array.isArray(weights) || weights.length !== current.length)
    throw new Error(
      `${who}: weights has ${Array.isArray(weights) ? weights.length : "no"} tensors saved, the network built from the saved options has ${current.length}`,
    )
  weights.forEach((w, i) => {
    const want = current[i].shape as number[]
    const shape: number[] = Array.isArray(w?.shape) ? w.shape : []
    if (shape.length !== want.length || shape.some((s, j) => s !== want[j]))
      throw new Error(`${who}: weights[${i}].shape is [${shape.join(", ")}], the network needs [${want.join(", ")}]`)
    const size = want.reduce((a, b) => a * b, 1)
    if (!(w.values instanceof Float32Array) || w.values.length !== size)
      throw new Error(`${who}: weights[${i}].values must be ${size} float32 values for shape [${want.join(", ")}]`)
  })
}

/**
 * An integer field (at least `min`) of a saved fitted state.
 * @throws naming `who` and the field otherwise
 * @internal
 */
export function fittedInteger(saved: FittedNetwork, key: string, who: string, min = 1): number {
  const v = saved.fitted?.[key]
  if (typeof v !== "number" || !Number.isInteger(v) || v < min)
    throw new Error(`${who}: fitted.${key} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`)
  return v
}

/**
 * A typed-array field of a saved fitted state, of the given class (and length, when given).
 * @throws naming `who` and the field otherwise
 * @internal
 */
export function fittedArray<A extends Float32Array | Float64Array>(
  saved: FittedNetwork,
  key: string,
  type: { new (n: number): A; name: string },
  who: string,
  length?: number,
): A {
  const v = saved.fitted?.[key]
  if (!(v instanceof type) || (length !== undefined && v.length !== length))
    throw new Error(`${who}: fitted.${key} must be a ${type.name}${length !== undefined ? ` of length ${length}` : ""}`)
  return v
}

/**
 * The training history of a saved fitted state (an epoch without a validation loss saved as null
 * gets none again), or undefined when none was saved.
 * @internal
 */
export function fittedHistory(saved: FittedNetwork): TrainHistory | undefined {
  const h = saved.fitted?.history as TrainHistory | null | undefined
  if (h === null || h === undefined || !Array.isArray(h.epochs)) return undefined
  return {
    ...h,
    epochs: h.epochs.map(({ valLoss, ...rest }) =>
      valLoss === null || valLoss === undefined ? rest : { ...rest, valLoss },
    ),
  }
}
