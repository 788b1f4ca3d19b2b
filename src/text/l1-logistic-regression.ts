import { addScaledRow, checkFeatures, rowDot, type FeatureMatrix } from "../linalg/matrix"
import { checkLabels, encodeLabels } from "./labels"
import { regularisedFitConfig } from "./regularised-options"

/** Options of `L1LogisticRegression` (defaults in brackets). */
export interface L1LogisticRegressionOptions {
  /** Inverse L1 strength, scikit-learn's `C` [1]: larger C, weaker penalty, more non-zero weights. */
  C?: number
  /** Learn an unpenalised intercept [true]. */
  fitIntercept?: boolean
  /** Proximal-gradient iteration limit [10000]. */
  maxIter?: number
  /** Stop when the gradient mapping (the proximal step divided by the step size) is below tol in every coordinate [1e-8]. */
  tol?: number
}

interface Fitted {
  classes: Int32Array
  coef: Float64Array
  intercept: number
  nIter: number
  converged: boolean
}

/** Soft-thresholding, the proximal map of t·|w|: sign(v)·max(|v| − t, 0). */
function softThreshold(v: number, t: number): number {
  return v > t ? v - t : v < -t ? v + t : 0
}

/**
 * L1-regularised (lasso) binary logistic regression, the sparse counterpart of the L2
 * `LogisticRegression`: P(y = classes[1] | x) = σ(w·x + b), with the weights minimising
 *   ‖w‖₁ + C Σ_i −log P(y_i | x_i)
 * (intercept unpenalised), scikit-learn's `LogisticRegression(penalty="l1", C=C)` objective, here
 * divided by C·n. Fitted by FISTA, accelerated proximal gradient with backtracking on the step and an
 * adaptive restart, stopped when the gradient mapping is below `tol`.
 * Sources: Tibshirani (1996), "Regression shrinkage and selection via the lasso"; Beck & Teboulle
 * (2009), "A fast iterative shrinkage-thresholding algorithm", SIAM J. Imaging Sci. 2(1);
 * O'Donoghue & Candès (2015) for the restart.
 * @example
 * const m = new L1LogisticRegression({ C: 0.1 }).fit(X, y)
 * m.coef // many exact zeros
 */
export class L1LogisticRegression {
  readonly config: Readonly<Required<L1LogisticRegressionOptions>>
  private fitted: Fitted | null = null

  constructor(options: L1LogisticRegressionOptions = {}) {
    this.config = regularisedFitConfig("L1LogisticRegression", options, { maxIter: 10000, tol: 1e-8 })
  }

  /**
   * Learns the weights from features `X` (n × d) and labels `y` with exactly two distinct values.
   * @throws on an empty X, non-finite features, a label count that differs from the rows, or not two classes
   */
  fit(X: FeatureMatrix, y: ArrayLike<number>): this {
    checkFeatures(X, "L1LogisticRegression.fit")
    checkLabels(y, X.nRows, "L1LogisticRegression.fit")
    const { classes, codes } = encodeLabels(y)
    if (classes.length !== 2)
      throw new Error(`L1LogisticRegression.fit: y must hold exactly two classes, got ${classes.length}`)
    const n = X.nRows
    const d = X.nCols
    const { fitIntercept, C, maxIter, tol } = this.config
    const lambda = 1 / (C * n)
    const p = d + 1
    // smooth part f(w) = (1/n) Σ log(1 + e^{z}) − y z, z = w·x + b; weights in [0, d), intercept at d
    const smooth = (w: Float64Array, grad: Float64Array | null): number => {
      if (grad) grad.fill(0)
      let loss = 0
      for (let i = 0; i < n; i++) {
        const z = rowDot(X, i, w, 0) + w[d]
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - codes[i] * z
        if (grad) {
          const g = (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) - codes[i]
          addScaledRow(X, i, g / n, grad, 0)
          grad[d] += g / n
        }
      }
      if (grad && !fitIntercept) grad[d] = 0
      return loss / n
    }
    const l1 = (w: Float64Array): number => {
      let s = 0
      for (let j = 0; j < d; j++) s += Math.abs(w[j])
      return lambda * s
    }
    const w = new Float64Array(p)
    const previous = new Float64Array(p)
    const v = new Float64Array(p)
    const grad = new Float64Array(p)
    const candidate = new Float64Array(p)
    let step = 1
    let momentum = 1
    let nIter = 0
    let converged = false
    let objective = smooth(w, null) + l1(w)
    while (nIter < maxIter) {
      nIter++
      const fv = smooth(v, grad)
      // backtracking: shrink the step until f(candidate) ≤ f(v) + ∇f(v)·Δ + ‖Δ‖²/(2·step)
      for (;;) {
        for (let j = 0; j < d; j++) candidate[j] = softThreshold(v[j] - step * grad[j], step * lambda)
        candidate[d] = v[d] - step * grad[d]
        let linear = 0
        let squared = 0
        for (let j = 0; j < p; j++) {
          const delta = candidate[j] - v[j]
          linear += grad[j] * delta
          squared += delta * delta
        }
        if (smooth(candidate, null) <= fv + linear + squared / (2 * step) + 1e-15) break
        step *= 0.5
      }
      let moved = 0
      for (let j = 0; j < p; j++) moved = Math.max(moved, Math.abs(candidate[j] - v[j]) / step)
      previous.set(w)
      w.set(candidate)
      const next = smooth(w, null) + l1(w)
      if (next > objective) {
        // adaptive restart: drop the momentum when the objective goes up
        momentum = 1
        v.set(w)
      } else {
        const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2
        const beta = (momentum - 1) / nextMomentum
        for (let j = 0; j < p; j++) v[j] = w[j] + beta * (w[j] - previous[j])
        momentum = nextMomentum
      }
      objective = next
      if (moved < tol) {
        converged = true
        break
      }
    }
    this.fitted = { classes, coef: w.slice(0, d), intercept: w[d], nIter, converged }
    return this
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new Error(`L1LogisticRegression.${what}: call fit() first`)
    return this.fitted
  }

  /** The weights w (length d); exact zeros for the features the penalty removed. */
  get coef(): Float64Array {
    return this.state("coef").coef
  }
  get intercept(): number {
    return this.state("intercept").intercept
  }
  /** The two labels seen by `fit`, ascending; `predictProba` is the probability of `classes[1]`. */
  get classes(): Int32Array {
    return this.state("classes").classes
  }
  get nIter(): number {
    return this.state("nIter").nIter
  }
  get converged(): boolean {
    return this.state("converged").converged
  }

  /** P(y = classes[1] | x) for every row of X. */
  predictProba(X: FeatureMatrix): Float64Array {
    const s = this.state("predictProba")
    if (X.nCols !== s.coef.length)
      throw new Error(
        `L1LogisticRegression.predictProba: X has ${X.nCols} columns, the model was fitted on ${s.coef.length}`,
      )
    return Float64Array.from(
      { length: X.nRows },
      (_, i) => 1 / (1 + Math.exp(-(rowDot(X, i, s.coef, 0) + s.intercept))),
    )
  }

  /** The more probable label of every row (classes[1] when P ≥ 0.5). */
  predict(X: FeatureMatrix): Int32Array {
    const s = this.state("predict")
    return Int32Array.from(this.predictProba(X), (q) => s.classes[q >= 0.5 ? 1 : 0])
  }
}
