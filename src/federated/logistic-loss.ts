import type { Rng } from "../random/rng"
import type { LabelledData } from "./client-dataset"

/**
 * L2-regularised logistic loss of weights w (d coefficients, then the intercept at index d):
 * L(w) = (1/n) Σ_r [log(1 + e^{z_r}) − y_r z_r] + (λ/2)‖w_{0..d−1}‖², z_r = w·x_r + b.
 * The intercept is not penalised, as in scikit-learn's LogisticRegression.
 */
export function logisticLoss(w: Float64Array, data: LabelledData, l2: number): number {
  const { n, d, x, y } = data
  let loss = 0
  for (let r = 0; r < n; r++) {
    let z = w[d]
    for (let j = 0; j < d; j++) z += w[j] * x[r * d + j]
    // log(1 + e^z) computed without overflow
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z
  }
  let pen = 0
  for (let j = 0; j < d; j++) pen += w[j] * w[j]
  return loss / Math.max(n, 1) + 0.5 * l2 * pen
}

/** Predicted probabilities σ(w·x + b) for every row. */
export function logisticPredict(w: Float64Array, data: Pick<LabelledData, "n" | "d" | "x">): Float64Array {
  const { n, d, x } = data
  const p = new Float64Array(n)
  for (let r = 0; r < n; r++) {
    let z = w[d]
    for (let j = 0; j < d; j++) z += w[j] * x[r * d + j]
    p[r] = 1 / (1 + Math.exp(-z))
  }
  return p
}

/** Options of the local optimiser a client runs between two communication rounds. */
export interface LocalSgdOptions {
  /** Passes over the client's data per round (E in McMahan et al.). */
  epochs: number
  /** Minibatch size (B); rows are shuffled with the given Rng each epoch. */
  batchSize: number
  learningRate: number
  /** λ of the L2 penalty. */
  l2: number
}

/**
 * Minibatch SGD on the logistic loss above, updating `w` in place: for each batch B,
 * w ← w − η [(1/|B|) Σ_{r∈B} (σ(z_r) − y_r) x_r + λ w] (no penalty on the intercept).
 * `order` and `grad` are scratch arrays (length ≥ n and d+1) so that rounds allocate nothing.
 */
export function logisticSgd(
  w: Float64Array,
  data: LabelledData,
  options: LocalSgdOptions,
  rng: Rng,
  order: Int32Array = new Int32Array(data.n),
  grad: Float64Array = new Float64Array(data.d + 1),
): void {
  const { n, d, x, y } = data
  const { epochs, batchSize, learningRate, l2 } = options
  for (let r = 0; r < n; r++) order[r] = r
  for (let e = 0; e < epochs; e++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1))
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize)
      grad.fill(0)
      for (let q = start; q < end; q++) {
        const r = order[q]
        let z = w[d]
        for (let j = 0; j < d; j++) z += w[j] * x[r * d + j]
        const g = 1 / (1 + Math.exp(-z)) - y[r]
        for (let j = 0; j < d; j++) grad[j] += g * x[r * d + j]
        grad[d] += g
      }
      const m = end - start
      for (let j = 0; j < d; j++) w[j] -= learningRate * (grad[j] / m + l2 * w[j])
      w[d] -= (learningRate * grad[d]) / m
    }
  }
}
