import { checkLabels, encodeLabels } from "./labels"
import { checkFeatures, rowDot, type DenseMatrix, type FeatureMatrix } from "../linalg/matrix"

/** Options of `MultinomialNB` (defaults in brackets). */
export interface MultinomialNBOptions {
  /** Additive smoothing α > 0 [1: Laplace]. */
  alpha?: number
  /** Learn class priors from the label frequencies [true]; false: uniform priors. */
  fitPrior?: boolean
}

interface Fitted {
  classes: Int32Array
  classLogPrior: Float64Array
  /** K × d: log P(feature j | class k). */
  featureLogProb: DenseMatrix
}

/**
 * Multinomial naive Bayes: log P(y = k | x) = log π_k + Σ_j x_j log θ_kj + const, with
 *   θ_kj = (N_kj + α) / (N_k + α·d),
 * N_kj the total of feature j over class-k samples and d the number of features (Laplace
 * smoothing for α = 1). Features are counts or TF-IDF weights (non-negative).
 * Source: McCallum & Nigam, "A comparison of event models for naive Bayes text classification"
 * (AAAI-98 workshop); scikit-learn's `MultinomialNB`. Seed 002 §4.2 (P(tag | behaviour)).
 * @example
 * const nb = new MultinomialNB().fit(counts, labels)
 * nb.predict(counts)
 */
export class MultinomialNB {
  readonly config: Readonly<Required<MultinomialNBOptions>>
  private fitted: Fitted | null = null

  constructor(options: MultinomialNBOptions = {}) {
    const alpha = options.alpha ?? 1
    if (!(alpha > 0) || !Number.isFinite(alpha))
      throw new Error(`MultinomialNB: alpha must be a finite number > 0, got ${alpha}`)
    this.config = { alpha, fitPrior: options.fitPrior ?? true }
  }

  /**
   * Learns class priors and smoothed feature probabilities.
   * @throws on an empty X, negative or non-finite features, or bad labels
   */
  fit(X: FeatureMatrix, y: ArrayLike<number>): this {
    checkNonNegative(X, "MultinomialNB.fit")
    checkLabels(y, X.nRows, "MultinomialNB.fit")
    const { classes, codes } = encodeLabels(y)
    const K = classes.length
    const d = X.nCols
    const totals = new Float64Array(K * d)
    const classCount = new Float64Array(K)
    for (let i = 0; i < X.nRows; i++) {
      const k = codes[i]
      classCount[k]++
      if (X.kind === "dense") for (let j = 0; j < d; j++) totals[k * d + j] += X.data[i * d + j]
      else for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) totals[k * d + X.indices[p]] += X.data[p]
    }
    const { alpha, fitPrior } = this.config
    const flp = new Float64Array(K * d)
    for (let k = 0; k < K; k++) {
      let sum = 0
      for (let j = 0; j < d; j++) sum += totals[k * d + j] + alpha
      const logSum = Math.log(sum)
      for (let j = 0; j < d; j++) flp[k * d + j] = Math.log(totals[k * d + j] + alpha) - logSum
    }
    const prior = new Float64Array(K)
    for (let k = 0; k < K; k++) prior[k] = fitPrior ? Math.log(classCount[k] / X.nRows) : -Math.log(K)
    this.fitted = { classes, classLogPrior: prior, featureLogProb: { kind: "dense", nRows: K, nCols: d, data: flp } }
    return this
  }

  /** The distinct labels, ascending (column order of the probabilities). */
  get classes(): Int32Array {
    return this.state("classes").classes
  }

  /** log P(class), K. */
  get classLogPrior(): Float64Array {
    return this.state("classLogPrior").classLogPrior
  }

  /** log P(feature | class), K × d. */
  get featureLogProb(): DenseMatrix {
    return this.state("featureLogProb").featureLogProb
  }

  /** Unnormalised joint log-likelihoods log π_k + x·log θ_k, n × K. */
  jointLogLikelihood(X: FeatureMatrix): DenseMatrix {
    const s = this.state("jointLogLikelihood")
    checkNonNegative(X, "MultinomialNB.predict")
    const K = s.classes.length
    const d = s.featureLogProb.nCols
    if (X.nCols !== d) throw new Error(`MultinomialNB: X has ${X.nCols} columns, the model was fitted on ${d}`)
    const out = new Float64Array(X.nRows * K)
    for (let i = 0; i < X.nRows; i++) {
      for (let k = 0; k < K; k++) out[i * K + k] = s.classLogPrior[k] + rowDot(X, i, s.featureLogProb.data, k * d)
    }
    return { kind: "dense", nRows: X.nRows, nCols: K, data: out }
  }

  /** Posterior class probabilities, n × K (log-sum-exp normalised). */
  predictProba(X: FeatureMatrix): DenseMatrix {
    const jll = this.jointLogLikelihood(X)
    const K = jll.nCols
    const out = jll.data
    for (let i = 0; i < jll.nRows; i++) {
      let m = -Infinity
      for (let k = 0; k < K; k++) m = Math.max(m, out[i * K + k])
      let s = 0
      for (let k = 0; k < K; k++) s += out[i * K + k] = Math.exp(out[i * K + k] - m)
      for (let k = 0; k < K; k++) out[i * K + k] /= s
    }
    return jll
  }

  /** The class with the largest posterior (ties → the smaller class). */
  predict(X: FeatureMatrix): Int32Array {
    const jll = this.jointLogLikelihood(X)
    const K = jll.nCols
    const classes = this.classes
    const out = new Int32Array(X.nRows)
    for (let i = 0; i < X.nRows; i++) {
      let best = 0
      for (let k = 1; k < K; k++) if (jll.data[i * K + k] > jll.data[i * K + best]) best = k
      out[i] = classes[best]
    }
    return out
  }

  /** Accuracy of `predict(X)` against `y`. */
  score(X: FeatureMatrix, y: ArrayLike<number>): number {
    checkLabels(y, X.nRows, "MultinomialNB.score")
    const pred = this.predict(X)
    let hits = 0
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hits++
    return hits / pred.length
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new Error(`MultinomialNB.${what}: call fit() first`)
    return this.fitted
  }
}

function checkNonNegative(X: FeatureMatrix, who: string): void {
  checkFeatures(X, who)
  const data = X.data
  for (let p = 0; p < data.length; p++) {
    if (data[p] < 0)
      throw new Error(
        `${who}: X holds ${data[p]}; multinomial naive Bayes needs non-negative features (counts or TF-IDF)`,
      )
  }
}
