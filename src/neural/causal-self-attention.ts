import type * as tf from "@tensorflow/tfjs"
import { lazyClass, loadTf } from "./tf"

/** Options of {@link CausalSelfAttention}. */
export interface CausalSelfAttentionOptions {
  /** Sequence length (learned positional embeddings need it). */
  window: number
  /** Seeds of the four weight initializers (q, k, v, positions). */
  seeds: [number, number, number, number]
  /** Return every position [batch, window, d] (true) or only the last one [batch, d] (false, as RNN layers) [false]. */
  returnSequences?: boolean
  name?: string
}

/**
 * One head of causal scaled dot-product self-attention with learned positions and a residual
 * connection (Vaswani et al. 2017, "Attention is all you need", §3.2):
 *   h = x + P,  A = softmax(h W_q (h W_k)ᵀ / √d + M),  y = h + A h W_v,
 * M_ij = −1e9 for j > i, so position i only attends to positions ≤ i (a next-item model must not
 * look ahead). Input [batch, window, d]; output the same, or the last position [batch, d].
 * @example tf.layers.embedding(...) → new CausalSelfAttention({ window: 8, seeds: [1, 2, 3, 4] })
 */
export interface CausalSelfAttention extends tf.layers.Layer {}

/** CausalSelfAttention's class, defined on first use (it extends a TensorFlow.js class, and TensorFlow.js loads lazily). */
function defineCausalSelfAttention() {
  const tf = loadTf()
  return class CausalSelfAttention extends tf.layers.Layer {
    static readonly className = "CausalSelfAttention"
    private readonly window: number
    private readonly seeds: [number, number, number, number]
    private readonly returnSequences: boolean
    private wq: tf.LayerVariable | undefined
    private wk: tf.LayerVariable | undefined
    private wv: tf.LayerVariable | undefined
    private pos: tf.LayerVariable | undefined

    constructor(options: CausalSelfAttentionOptions) {
      super({ name: options.name })
      if (!Number.isInteger(options.window) || options.window < 1)
        throw new Error(`CausalSelfAttention: window must be a positive integer, got ${options.window}`)
      this.window = options.window
      this.seeds = options.seeds
      this.returnSequences = options.returnSequences ?? false
    }

    override build(inputShape: tf.Shape | tf.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape
      const d = shape[shape.length - 1] as number
      const g = (seed: number) => tf.initializers.glorotUniform({ seed })
      this.wq = this.addWeight("wq", [d, d], "float32", g(this.seeds[0]))
      this.wk = this.addWeight("wk", [d, d], "float32", g(this.seeds[1]))
      this.wv = this.addWeight("wv", [d, d], "float32", g(this.seeds[2]))
      this.pos = this.addWeight(
        "positions",
        [this.window, d],
        "float32",
        tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: this.seeds[3] }),
      )
      this.built = true
    }

    override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape
      return this.returnSequences ? shape : [shape[0], shape[2]]
    }

    override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return tf.tidy(() => {
        const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D
        const [b, t, d] = x.shape
        const h = tf.add(x, (this.pos as tf.LayerVariable).read()) as tf.Tensor3D
        const flat = tf.reshape(h, [b * t, d]) as tf.Tensor2D
        const proj = (w: tf.LayerVariable) =>
          tf.reshape(tf.matMul(flat, w.read() as tf.Tensor2D), [b, t, d]) as tf.Tensor3D
        const q = proj(this.wq as tf.LayerVariable)
        const k = proj(this.wk as tf.LayerVariable)
        const v = proj(this.wv as tf.LayerVariable)
        const future = tf.sub(tf.linalg.bandPart(tf.ones([t, t]), 0, -1), tf.linalg.bandPart(tf.ones([t, t]), 0, 0))
        const scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d)), tf.mul(future, -1e9))
        const y = tf.add(h, tf.matMul(tf.softmax(scores), v))
        return this.returnSequences ? y : tf.reshape(tf.slice(y, [0, t - 1, 0], [b, 1, d]), [b, d])
      })
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), window: this.window, returnSequences: this.returnSequences }
    }
  }
}

export const CausalSelfAttention: {
  new (options: CausalSelfAttentionOptions): CausalSelfAttention
  readonly className: string
} = lazyClass(defineCausalSelfAttention)
