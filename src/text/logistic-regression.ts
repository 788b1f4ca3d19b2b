import { minimizeLbfgs } from "../linalg/lbfgs"
import { addScaledRow, checkFeatures, rowDot, type DenseMatrix, type FeatureMatrix } from "../linalg/matrix"
import { checkLabels, encodeLabels } from "./labels"
import { regularisedFitConfig } from "./regularised-options"

/** Options of `LogisticRegression` (defaults in brackets). */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength, scikit-learn's `C` [1]: larger C, weaker penalty. */
  C?: number
  /** Learn an unpenalised intercept per class [true]. */
  fitIntercept?: boolean
  /** L-BFGS iteration limit [1000]. */
  maxIter?: number
  /** Stop when every partial derivative of the mean objective is below tol in absolute value [1e-6]. */
  tol?: number
}

interface Fitted {
  classes: Int32Array
  /** Rows of coefficients: 1 row (binary, for classes[1]) or one per class (multinomial). */
  coef: DenseMatrix
  intercept: Float64Array
  nIter: number
  converged: boolean
}

/**
 * L2-regularised logistic regression, binary and multinomial, fitted by L-BFGS.
 *
 * Binary (two classes): P(y = classes[1] | x) = σ(w·x + b). Multinomial (K ≥ 3 classes):
 * P(y = k | x) = exp(w_k·x + b_k) / Σ_j exp(w_j·x + b_j). The weights minimise
 *   ½‖W‖² + C Σ_i −log P(y_i | x_i)
 * (intercepts unpenalised) — the objective of scikit-learn's
 * `LogisticRegression(penalty="l2", C=C, solver="lbfgs")`, divided here by C·n for scaling.
 * The log-odds of the seed 002 §4.2 model are `decisionFunction`.
 * Source: Hastie, Tibshirani & Friedman, ESL §4.4; Nocedal & Wright ch. 7 for the optimiser.
 *
 * @example
 * const lr = new LogisticRegression({ C: 1 }).fit(denseMatrix([[0], [1], [2], [3]]), [0, 0, 1, 1])
 * lr.predict(denseMatrix([[2.5]])) // Int32Array [1]
 */
export class LogisticRegression {
  readonly config: Readonly<Required<LogisticRegressionOptions>>
  private fitted: Fitted | null = null

  constructor(options: LogisticRegressionOptions = {}) {
    this.config = regularisedFitConfig("LogisticRegression", options, { maxIter: 1000, tol: 1e-6 })
  }

  /**
   * Learns the weights from features `X` (n × d) and integer labels `y` (n); at least two distinct labels.
   * Refitting discards the previous fit.
   * @throws on an empty X, non-finite features, a label count that differs from the rows, or one class only
   */
  fit(X: FeatureMatrix, y: ArrayLike<number>): this {
    checkFeatures(X, "LogisticRegression.fit")
    checkLabels(y, X.nRows, "LogisticRegression.fit")
    const { classes, codes } = encodeLabels(y)
    const K = classes.length
    if (K < 2) throw new Error(`LogisticRegression.fit: y must hold at least two classes, got only ${classes[0]}`)
    const n = X.nRows
    const d = X.nCols
    const rows = K === 2 ? 1 : K
    const { fitIntercept, C } = this.config
    const nw = rows * d
    const nParams = nw + (fitIntercept ? rows : 0)
    const lambda = 1 / (C * n)
    const z = new Float64Array(rows)

    const objective = (w: Float64Array, grad: Float64Array): number => {
      grad.fill(0)
      let loss = 0
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < rows; k++) z[k] = rowDot(X, i, w, k * d) + (fitIntercept ? w[nw + k] : 0)
        if (rows === 1) {
          // log(1 + e^z) − y z, computed without overflow.
          const zi = z[0]
          const yi = codes[i]
          loss += (zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - yi * zi
          const p = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi))
          const r = (p - yi) / n
          addScaledRow(X, i, r, grad, 0)
          if (fitIntercept) grad[nw] += r
        } else {
          let zmax = -Infinity
          for (let k = 0; k < K; k++) if (z[k] > zmax) zmax = z[k]
          let sum = 0
          for (let k = 0; k < K; k++) {
            z[k] = Math.exp(z[k] - zmax)
            sum += z[k]
          }
          const yi = codes[i]
          loss += Math.log(sum) - Math.log(z[yi])
          for (let k = 0; k < K; k++) {
            const r = (z[k] / sum - (k === yi ? 1 : 0)) / n
            addScaledRow(X, i, r, grad, k * d)
            if (fitIntercept) grad[nw + k] += r
          }
        }
      }
      let reg = 0
      for (let j = 0; j < nw; j++) {
        reg += w[j] * w[j]
        grad[j] += lambda * w[j]
      }
      return loss / n + 0.5 * lambda * reg
    }

    const result = minimizeLbfgs(objective, new Float64Array(nParams), {
      maxIter: this.config.maxIter,
      gradTol: this.config.tol,
    })
    const coef: DenseMatrix = { kind: "dense", nRows: rows, nCols: d, data: result.x.slice(0, nw) }
    const intercept = fitIntercept ? result.x.slice(nw) : new Float64Array(rows)
    this.fitted = { classes, coef, intercept, nIter: result.iterations, converged: result.converged }
    return this
  }

  /** Coefficients: 1 × d for two classes (for `classes[1]`), K × d otherwise (scikit-learn's `coef_`). */
  get coef(): DenseMatrix {
    return this.state("coef").coef
  }

  /** Intercepts, one per coefficient row (scikit-learn's `intercept_`). */
  get intercept(): Float64Array {
    return this.state("intercept").intercept
  }

  /** The distinct labels seen by `fit`, ascending; column k of `predictProba` is `classes[k]`. */
  get classes(): Int32Array {
    return this.state("classes").classes
  }

  /** L-BFGS iterations of the last fit, and whether it met `tol`. */
  get nIter(): number {
    return this.state("nIter").nIter
  }

  get converged(): boolean {
    return this.state("converged").converged
  }

  /**
   * The linear scores (log-odds for two classes): n × 1 for binary, n × K for multinomial.
   * @throws before `fit`, or if X has a different number of columns than the training data
   */
  decisionFunction(X: FeatureMatrix): DenseMatrix {
    const s = this.state("decisionFunction")
    this.checkInput(X, "decisionFunction")
    const rows = s.coef.nRows
    const d = s.coef.nCols
    const out = new Float64Array(X.nRows * rows)
    for (let i = 0; i < X.nRows; i++) {
      for (let k = 0; k < rows; k++) out[i * rows + k] = rowDot(X, i, s.coef.data, k * d) + s.intercept[k]
    }
    return { kind: "dense", nRows: X.nRows, nCols: rows, data: out }
  }

  /** Class probabilities, n × K, columns in the order of `classes`; each row sums to 1. */
  predictProba(X: FeatureMatrix): DenseMatrix {
    const scores = this.decisionFunction(X)
    const K = this.classes.length
    const out = new Float64Array(X.nRows * K)
    for (let i = 0; i < X.nRows; i++) {
      if (K === 2) {
        const zi = scores.data[i]
        const p = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi))
        out[2 * i] = 1 - p
        out[2 * i + 1] = p
      } else {
        let zmax = -Infinity
        for (let k = 0; k < K; k++) zmax = Math.max(zmax, scores.data[i * K + k])
        let sum = 0
        for (let k = 0; k < K; k++) sum += out[i * K + k] = Math.exp(scores.data[i * K + k] - zmax)
        for (let k = 0; k < K; k++) out[i * K + k] /= sum
      }
    }
    return { kind: "dense", nRows: X.nRows, nCols: K, data: out }
  }

  /** The most probable class of each row (ties → the smaller class). */
  predict(X: FeatureMatrix): Int32Array {
    const p = this.predictProba(X)
    const classes = this.classes
    const K = classes.length
    const out = new Int32Array(X.nRows)
    for (let i = 0; i < X.nRows; i++) {
      let best = 0
      for (let k = 1; k < K; k++) if (p.data[i * K + k] > p.data[i * K + best]) best = k
      out[i] = classes[best]
    }
    return out
  }

  /** Accuracy of `predict(X)` against `y`. */
  score(X: FeatureMatrix, y: ArrayLike<number>): number {
    checkLabels(y, X.nRows, "LogisticRegression.score")
    const pred = this.predict(X)
    let hits = 0
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hits++
    return hits / pred.length
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new Error(`LogisticRegression.${what}: call fit() first`)
    return this.fitted
  }

  private checkInput(X: FeatureMatrix, who: string): void {
    checkFeatures(X, `LogisticRegression.${who}`)
    const d = this.state(who).coef.nCols
    if (X.nCols !== d)
      throw new Error(`LogisticRegression.${who}: X has ${X.nCols} columns, the model was fitted on ${d}`)
  }
}
