import type * as tf from "@tensorflow/tfjs"
import { lazyClass, loadTf } from "./tf"
import type { Rng } from "../random/rng"

/** Options of {@link SeededDropout}. */
export interface SeededDropoutOptions {
  /** Fraction of units zeroed during training, in [0, 1). */
  rate: number
  /** Draws a fresh mask seed for every training step. */
  rng: Rng
  name?: string
}

/**
 * Inverted dropout (Srivastava et al. 2014): in training y = x ⊙ m / (1 − rate), m_i ~ Bernoulli(1 − rate);
 * at inference y = x. Unlike `tf.layers.dropout({ seed })`, which re-creates its generator from the same
 * seed on every call and so drops the *same* units at every step, this layer draws a new seed from our
 * `Rng` per training step: reproducible and still random across steps.
 * @example model.add(new SeededDropout({ rate: 0.3, rng: createRng(7, 2) }))
 */
export interface SeededDropout extends tf.layers.Layer {
  readonly rate: number
}

/** SeededDropout's class, defined on first use (it extends a TensorFlow.js class, and TensorFlow.js loads lazily). */
function defineSeededDropout() {
  const tf = loadTf()
  return class SeededDropout extends tf.layers.Layer {
    static readonly className = "SeededDropout"
    readonly rate: number
    private readonly rng: Rng

    constructor(options: SeededDropoutOptions) {
      super({ name: options.name })
      if (!(options.rate >= 0 && options.rate < 1)) {
        throw new Error(`SeededDropout: rate must be in [0, 1), got ${options.rate}`)
      }
      this.rate = options.rate
      this.rng = options.rng
    }

    override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
      return inputShape
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs
      if (kwargs.training !== true || this.rate === 0) return x
      const seed = this.rng.nextUint32()
      return tf.tidy(() => tf.dropout(x, this.rate, undefined, seed))
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), rate: this.rate }
    }
  }
}

export const SeededDropout: { new (options: SeededDropoutOptions): SeededDropout; readonly className: string } =
  lazyClass(defineSeededDropout)
