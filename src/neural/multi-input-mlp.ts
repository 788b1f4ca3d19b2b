import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"
import { SeededDropout } from "./seeded-dropout"
import { TfBinaryClassifier, type LayerKit, type TfClassifierOptions } from "./tf-classifier"
import type { ModelInputs } from "./train"

/** One input branch: a named group of consecutive feature columns with its own dense layer. */
export interface InputGroup {
  name: string
  /** Number of consecutive columns of the feature matrix that belong to this input. */
  cols: number
  /** Width of the branch's dense layer. */
  units: number
}

/** Options of {@link MultiInputMlp}. */
export interface MultiInputMlpOptions extends TfClassifierOptions {
  /** The inputs in column order, e.g. user, item, context; their `cols` must sum to the matrix width. */
  inputs: InputGroup[]
  /** Widths of the joint layers after concatenation [128, 64]. */
  hidden?: number[]
}

/**
 * Multi-input MLP (seed 000 §3: "a multi-input MLP combining user, item and context features"): each
 * input group passes through its own Dense+ReLU branch, the branches are concatenated and go through
 * Dense 128-64 and a sigmoid output. Taking one feature matrix split into column groups keeps it
 * interchangeable with the other {@link BinaryClassifier}s on the same split.
 * @example
 * new MultiInputMlp({ seed: 1, inputs: [{ name: "user", cols: 8, units: 32 }, { name: "item", cols: 6, units: 32 }, { name: "context", cols: 5, units: 16 }] })
 */
export class MultiInputMlp extends TfBinaryClassifier {
  readonly name = "multi-input MLP"
  readonly inputs: InputGroup[]
  readonly hidden: number[]

  constructor(options: MultiInputMlpOptions) {
    super(options, "MultiInputMlp")
    if (!Array.isArray(options.inputs) || options.inputs.length === 0)
      throw new Error("MultiInputMlp: inputs must list at least one input group")
    for (const g of options.inputs) {
      if (!Number.isInteger(g.cols) || g.cols < 1 || !Number.isInteger(g.units) || g.units < 1) {
        throw new Error(
          `MultiInputMlp: input "${g.name}" needs positive integer cols and units, got cols ${g.cols}, units ${g.units}`,
        )
      }
    }
    this.inputs = options.inputs.map((g) => ({ ...g }))
    this.hidden = options.hidden ?? [128, 64]
    if (this.hidden.some((h) => !Number.isInteger(h) || h < 1))
      throw new Error(`MultiInputMlp: hidden must be positive integers, got [${this.hidden.join(", ")}]`)
  }

  protected override checkColumns(cols: number): void {
    const total = this.inputs.reduce((s, g) => s + g.cols, 0)
    if (cols !== total) {
      throw new Error(
        `MultiInputMlp: the feature matrix has ${cols} columns but the inputs (${this.inputs.map((g) => `${g.name} ${g.cols}`).join(", ")}) add up to ${total}`,
      )
    }
  }

  protected build(_cols: number, kit: LayerKit): tf.LayersModel {
    const tf = loadTf()
    const ins = this.inputs.map((g) => tf.input({ shape: [g.cols], name: g.name }))
    const branches = ins.map(
      (inp, k) =>
        tf.layers
          .dense({
            units: this.inputs[k].units,
            activation: "relu",
            kernelInitializer: kit.init(),
            kernelRegularizer: kit.regularizer,
            name: `${this.inputs[k].name}_branch`,
          })
          .apply(inp) as tf.SymbolicTensor,
    )
    let h = branches.length === 1 ? branches[0] : (tf.layers.concatenate().apply(branches) as tf.SymbolicTensor)
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
    return tf.model({ inputs: ins, outputs: out, name: "multi_input_mlp" })
  }

  protected toInputs(x: tf.Tensor2D): ModelInputs {
    const tf = loadTf()
    let start = 0
    return this.inputs.map((g) => {
      const part = tf.slice(x, [0, start], [-1, g.cols])
      start += g.cols
      return part
    })
  }
}
