import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import type { DenseLayerWeights } from "./dense-stack"
import { SeededDropout } from "./seeded-dropout"
import { TfBinaryClassifier, type LayerKit, type TfClassifierOptions } from "./tf-classifier"
import type { ModelInputs } from "./train"

/** Options of {@link InterestMlp}. */
export interface InterestMlpOptions extends TfClassifierOptions {
  /** Hidden layer widths [128, 64] (seed 000 §1). */
  hidden?: number[]
}

/**
 * Interest-score MLP: p(click | x) = σ(w₃ᵀ relu(W₂ relu(W₁ x + b₁) + b₂) + b₃), Dense 128-64-1 as in
 * seed 000 §1, trained with binary cross-entropy and Adam on standardised features. The seed shows
 * the architecture with `model.predict` on an untrained model; here it is fitted, seeded and evaluated.
 * Source: Goodfellow, Bengio & Courville, Deep Learning (2016) ch. 6.
 * @example
 * const mlp = await new InterestMlp({ seed: 1, epochs: 5 }).fit(xTrain, yTrain)
 * const p = mlp.predictProba(xTest); mlp.dispose()
 */
export class InterestMlp extends TfBinaryClassifier {
  readonly name: string
  readonly hidden: number[]

  constructor(options: InterestMlpOptions) {
    super(options, "InterestMlp")
    this.hidden = options.hidden ?? [128, 64]
    if (this.hidden.length === 0 || this.hidden.some((h) => !Number.isInteger(h) || h < 1)) {
      throw new Error(
        `InterestMlp: hidden must be a non-empty list of positive integers, got [${this.hidden.join(", ")}]`,
      )
    }
    this.name = `MLP ${[...this.hidden, 1].join("-")}`
  }

  protected build(cols: number, kit: LayerKit): tf.LayersModel {
    const tf = loadTf()
    const input = tf.input({ shape: [cols], name: "features" })
    let h: tf.SymbolicTensor = input
    for (const units of this.hidden) {
      h = tf.layers
        .dense({ units, activation: "relu", kernelInitializer: kit.init(), kernelRegularizer: kit.regularizer })
        .apply(h) as tf.SymbolicTensor
      if (this.config.dropout > 0)
        h = new SeededDropout({ rate: this.config.dropout, rng: kit.dropoutRng }).apply(h) as tf.SymbolicTensor
    }
    const out = tf.layers
      .dense({ units: 1, activation: "sigmoid", kernelInitializer: kit.init() })
      .apply(h) as tf.SymbolicTensor
    return tf.model({ inputs: input, outputs: out, name: "interest_mlp" })
  }

  /** Dense (ReLU) layers, dropout (the identity when predicting) and a sigmoid unit: the stack {@link DenseStack} runs. */
  protected override denseLayers(model: tf.LayersModel): DenseLayerWeights[] | undefined {
    const layers: DenseLayerWeights[] = []
    const dense = model.layers.filter(
      (layer) => layer.getClassName() !== "InputLayer" && layer.getClassName() !== "SeededDropout",
    )
    for (const [i, layer] of dense.entries()) {
      const activation = (layer.getConfig() as { activation?: unknown }).activation
      const weights = layer.getWeights()
      if (
        layer.getClassName() !== "Dense" ||
        weights.length !== 2 ||
        activation !== (i === dense.length - 1 ? "sigmoid" : "relu")
      )
        return undefined
      const [inputs, units] = weights[0].shape
      layers.push({
        kernel: weights[0].dataSync() as Float32Array,
        bias: weights[1].dataSync() as Float32Array,
        inputs,
        units,
        relu: i < dense.length - 1,
      })
    }
    return layers.length > 0 && layers[layers.length - 1].units === 1 ? layers : undefined
  }

  protected toInputs(x: tf.Tensor2D): ModelInputs {
    return x
  }
}
