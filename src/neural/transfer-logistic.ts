import { choleskySolveInPlace } from "../linalg/cholesky"
import type { BinaryClassifier } from "./binary-classifier"
import { checkBinaryLabels, checkTabularFeatures, type TabularFeatures } from "./tabular-features"

/** A fitted logistic model on standardised features: P(y = 1 | x) = σ(wᵀz + b), z = (x − mean) / scale. */
export interface LogisticWeights {
  weights: Float64Array
  bias: number
  mean: Float64Array
  scale: Float64Array
}

/** Options of {@link TransferLogistic}. */
export interface TransferLogisticOptions {
  /** λ of the penalty λ/2 ‖w − w₀‖² (default 1; sklearn's C = 1/λ when w₀ = 0). */
  l2?: number
  /** λ_b of the penalty λ_b/2 (b − b₀)² on the intercept (default 1e-3: keeps b finite when every label is 0). */
  biasL2?: number
  /** Newton steps at most (default 50); 0 keeps the starting weights (the prior, or zeros). */
  steps?: number
  /** Stop when the largest Newton step is below this (default 1e-10). */
  tol?: number
}

/**
 * Logistic regression that can start from another model and be pulled towards it: the MAP estimate
 * under a Gaussian prior centred on source weights w₀ (Chelba & Acero 2006, "Adaptation of maximum
 * entropy capitalizer: little data can help a lot", Computer Speech & Language 20(4)),
 * minimise Σ_r −[y_r ln p_r + (1 − y_r) ln(1 − p_r)] + λ/2 ‖w − w₀‖² + λ_b/2 (b − b₀)², p_r = σ(wᵀz_r + b),
 * by Newton's method with step halving, starting at (w₀, b₀). With a prior the features are standardised
 * with the prior's mean and scale, so that w and w₀ weigh the same inputs; without one, w₀ = 0, b₀ = 0 and
 * the scaler comes from the training rows (training from scratch; a column constant there keeps scale 1). `steps: 0` returns the prior unchanged
 * (zero-shot); λ → ∞ keeps it; λ → 0 with enough data forgets it.
 * @example const source = new TransferLogistic().fit(xA, yA); new TransferLogistic({ l2: 10 }, source.weights_()).fit(xB, yB)
 */
export class TransferLogistic implements BinaryClassifier {
  readonly name: string
  readonly config: Readonly<Required<TransferLogisticOptions>>
  /** The objective after each accepted Newton step (the first entry is at the start). */
  objective_: number[] = []
  private fitted: LogisticWeights | undefined

  constructor(
    options: TransferLogisticOptions = {},
    readonly prior?: LogisticWeights,
  ) {
    const who = "TransferLogistic"
    const l2 = options.l2 ?? 1
    const biasL2 = options.biasL2 ?? 1e-3
    const steps = options.steps ?? 50
    const tol = options.tol ?? 1e-10
    if (!(l2 >= 0) || !Number.isFinite(l2)) throw new Error(`${who}: l2 must be a finite number >= 0, got ${l2}`)
    if (!(biasL2 > 0) || !Number.isFinite(biasL2))
      throw new Error(`${who}: biasL2 must be a finite number > 0, got ${biasL2}`)
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`${who}: steps must be an integer >= 0, got ${steps}`)
    if (!(tol > 0)) throw new Error(`${who}: tol must be a number > 0, got ${tol}`)
    if (prior !== undefined) {
      const d = prior.weights.length
      if (prior.mean.length !== d || prior.scale.length !== d || !Number.isFinite(prior.bias))
        throw new Error(`${who}: the prior must have ${d} weights, means and scales and a finite bias`)
    }
    this.config = { l2, biasL2, steps, tol }
    this.name = prior === undefined ? "logistic (from scratch)" : "logistic (fine-tuned)"
  }

  fit(x: TabularFeatures, y: ArrayLike<number>): this {
    const who = "TransferLogistic.fit"
    checkTabularFeatures(x, `${who} x`, this.prior?.weights.length)
    checkBinaryLabels(y, x.rows, `${who} y`)
    const d = x.cols
    const mean = this.prior ? this.prior.mean.slice() : new Float64Array(d)
    const scale = this.prior ? this.prior.scale.slice() : new Float64Array(d)
    if (!this.prior) {
      for (let i = 0; i < x.data.length; i++) mean[i % d] += x.data[i] / x.rows
      for (let i = 0; i < x.data.length; i++) scale[i % d] += (x.data[i] - mean[i % d]) ** 2 / x.rows
      // A column constant in these rows (its sd only rounding error) gets scale 1, not 1/1e-14: another
      // world's rows, where it varies, would otherwise saturate every prediction.
      for (let c = 0; c < d; c++) scale[c] = scale[c] > 1e-18 * Math.max(1, mean[c] * mean[c]) ? Math.sqrt(scale[c]) : 1
    }
    const z = new Float64Array(x.data.length)
    for (let i = 0; i < z.length; i++) z[i] = (x.data[i] - mean[i % d]) / scale[i % d]
    const w0 = this.prior ? this.prior.weights : new Float64Array(d)
    const b0 = this.prior ? this.prior.bias : 0
    // θ = (w, b): the intercept is the last coordinate.
    const n = d + 1
    const theta = new Float64Array(n)
    theta.set(w0)
    theta[d] = b0
    const { l2, biasL2, steps, tol } = this.config
    const objective = (t: Float64Array): number => {
      let f = 0
      for (let r = 0; r < x.rows; r++) {
        let s = t[d]
        for (let c = 0; c < d; c++) s += t[c] * z[r * d + c]
        // −ln σ(s) = softplus(−s), −ln(1 − σ(s)) = softplus(s), computed stably.
        const m = y[r] === 1 ? -s : s
        f += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))
      }
      for (let c = 0; c < d; c++) f += (l2 / 2) * (t[c] - w0[c]) ** 2
      return f + (biasL2 / 2) * (t[d] - b0) ** 2
    }
    const grad = new Float64Array(n)
    const hess = new Float64Array(n * n)
    const next = new Float64Array(n)
    let f = objective(theta)
    this.objective_ = [f]
    for (let step = 0; step < steps; step++) {
      grad.fill(0)
      hess.fill(0)
      for (let r = 0; r < x.rows; r++) {
        const row = r * d
        let s = theta[d]
        for (let c = 0; c < d; c++) s += theta[c] * z[row + c]
        const p = 1 / (1 + Math.exp(-s))
        const e = p - y[r]
        const v = p * (1 - p)
        for (let a = 0; a < n; a++) {
          const za = a < d ? z[row + a] : 1
          grad[a] += e * za
          for (let b = 0; b <= a; b++) hess[a * n + b] += v * za * (b < d ? z[row + b] : 1)
        }
      }
      for (let c = 0; c < d; c++) {
        grad[c] += l2 * (theta[c] - w0[c])
        hess[c * n + c] += l2
      }
      grad[d] += biasL2 * (theta[d] - b0)
      hess[d * n + d] += biasL2
      for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) hess[b * n + a] = hess[a * n + b]
      // The Hessian is positive definite (λ_b > 0 and, for l2 = 0, a full-rank design); the solve gives the step.
      choleskySolveInPlace(hess, grad, n)
      let t = 1
      let accepted = false
      for (let halving = 0; halving < 30; halving++) {
        for (let a = 0; a < n; a++) next[a] = theta[a] - t * grad[a]
        const fNext = objective(next)
        if (fNext <= f) {
          f = fNext
          accepted = true
          break
        }
        t /= 2
      }
      if (!accepted) break
      let largest = 0
      for (let a = 0; a < n; a++) largest = Math.max(largest, Math.abs(next[a] - theta[a]))
      theta.set(next)
      this.objective_.push(f)
      if (largest < tol) break
    }
    this.fitted = { weights: theta.slice(0, d), bias: theta[d], mean, scale }
    return this
  }

  /** The fitted weights with their scaler: the prior of a model fine-tuned from this one. */
  weights_(): LogisticWeights {
    const w = this.model("weights_")
    return { weights: w.weights.slice(), bias: w.bias, mean: w.mean.slice(), scale: w.scale.slice() }
  }

  predictProba(x: TabularFeatures): Float64Array {
    const w = this.model("predictProba")
    return logisticProbabilities(w, x)
  }

  dispose(): void {}

  private model(method: string): LogisticWeights {
    if (this.fitted === undefined) throw new Error(`TransferLogistic.${method}: call fit first`)
    return this.fitted
  }
}

/**
 * P(y = 1 | x) = σ(wᵀz + b), z = (x − mean) / scale, for every row of `x`: how a source model is used
 * zero-shot on another world's rows.
 * @example logisticProbabilities(source.weights_(), targetRows)
 */
export function logisticProbabilities(w: LogisticWeights, x: TabularFeatures): Float64Array {
  const d = w.weights.length
  checkTabularFeatures(x, "logisticProbabilities x", d)
  const out = new Float64Array(x.rows)
  for (let r = 0; r < x.rows; r++) {
    let s = w.bias
    for (let c = 0; c < d; c++) s += (w.weights[c] * (x.data[r * d + c] - w.mean[c])) / w.scale[c]
    out[r] = 1 / (1 + Math.exp(-s))
  }
  return out
}
