import { checkSequenceExamples, type SequenceExamples } from "./sequence-dataset"

/**
 * First-order Markov baseline for next-category prediction: P(next = j | last = i) =
 * (n_ij + α) / (n_i + α·C), counts over consecutive pairs in the training windows' last token and
 * target (Laplace smoothing α). A minimal transition-count model kept here because the `behavior`
 * module's Markov chain had not landed when the sequence models were built.
 * @example const m = new MarkovNextCategory({ alpha: 1 }).fit(train); m.predictProba(test)
 */
export class MarkovNextCategory {
  readonly name = "Markov chain (1st order)"
  readonly alpha: number
  counts_: Float64Array | undefined
  nCategories_ = 0

  constructor(options: { alpha?: number } = {}) {
    this.alpha = options.alpha ?? 1
    if (!(this.alpha > 0)) throw new Error(`MarkovNextCategory: alpha must be > 0, got ${this.alpha}`)
  }

  fit(train: SequenceExamples): this {
    checkSequenceExamples(train, "MarkovNextCategory.fit train")
    const c = train.nCategories
    const counts = new Float64Array(c * c)
    for (let r = 0; r < train.rows; r++) counts[(train.inputs[r * train.window + train.window - 1] - 1) * c + train.targets[r]]++
    this.counts_ = counts
    this.nCategories_ = c
    return this
  }

  /** Row-major rows × categories probabilities of the next category given each window's last token. */
  predictProba(x: SequenceExamples): Float32Array {
    const counts = this.counts_
    if (counts === undefined) throw new Error("MarkovNextCategory.predictProba: call fit first")
    const c = this.nCategories_
    const out = new Float32Array(x.rows * c)
    for (let r = 0; r < x.rows; r++) {
      const last = x.inputs[r * x.window + x.window - 1] - 1
      if (!(last >= 0 && last < c)) throw new Error(`MarkovNextCategory.predictProba: row ${r} ends with token ${last + 1}; allowed 1..${c}`)
      let total = 0
      for (let j = 0; j < c; j++) total += counts[last * c + j] + this.alpha
      for (let j = 0; j < c; j++) out[r * c + j] = (counts[last * c + j] + this.alpha) / total
    }
    return out
  }
}
