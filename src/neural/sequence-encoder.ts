import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { CausalSelfAttention } from "./causal-self-attention"

/** Sequence encoders of the sequence models. */
export type SequenceEncoder = "lstm" | "gru" | "attention"

/** The encoder part of a sequence model's configuration. */
export interface EncoderSpec {
  encoder: SequenceEncoder
  /** Embedding width. */
  embedding: number
  /** Recurrent units (LSTM/GRU) or width of the dense layer read at the attention block's last position. */
  units: number
}

/**
 * Checks an encoder name, naming the model in the error.
 * @internal
 */
export function checkEncoder(encoder: string, owner: string): void {
  if (!["lstm", "gru", "attention"].includes(encoder))
    throw new Error(`${owner}: encoder must be lstm, gru or attention, got ${String(encoder)}`)
}

/**
 * Token window [batch, window] → one vector per row [batch, units]: token embedding (ids 0..nTokens−1,
 * 0 = padding, masked for the recurrent encoders) → LSTM (Hochreiter & Schmidhuber 1997), GRU
 * (Cho et al. 2014) or one causal self-attention block (see {@link CausalSelfAttention}) read at the
 * last position through Dense+ReLU. Every initializer draws its seed from `seed()`, in a fixed order.
 * @example const h = encodeSequence(tf.input({ shape: [8] }), 13, 8, { encoder: "gru", embedding: 16, units: 32 }, () => rng.nextUint32())
 */
export function encodeSequence(
  input: tf.SymbolicTensor,
  nTokens: number,
  window: number,
  spec: EncoderSpec,
  seed: () => number,
): tf.SymbolicTensor {
  const tf = loadTf()
  const recurrent = spec.encoder !== "attention"
  let h = tf.layers
    .embedding({
      inputDim: nTokens,
      outputDim: spec.embedding,
      maskZero: recurrent,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: seed() }),
    })
    .apply(input) as tf.SymbolicTensor
  if (recurrent) {
    const args = {
      units: spec.units,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed() }),
    }
    return (spec.encoder === "lstm" ? tf.layers.lstm(args) : tf.layers.gru(args)).apply(h) as tf.SymbolicTensor
  }
  h = new CausalSelfAttention({ window, seeds: [seed(), seed(), seed(), seed()] }).apply(h) as tf.SymbolicTensor
  // Read at the last position, which has attended to the whole window.
  return tf.layers
    .dense({
      units: spec.units,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
    })
    .apply(h) as tf.SymbolicTensor
}
