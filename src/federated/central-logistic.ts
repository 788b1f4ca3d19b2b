import type { LabelledData } from "./client-dataset"
import { choleskySolveInPlace } from "../linalg/cholesky"
import { logisticLoss } from "./logistic-loss"

/**
 * Central (pooled-data) L2-regularised logistic regression fitted by Newton's method: the exact
 * minimiser of `logisticLoss`, the reference FedAvg is compared with. Each step solves
 * (H + damping) Δ = ∇L with H = (1/n) Xᵀ diag(p(1−p)) X + λ I (intercept unpenalised), and halves
 * the step until the loss decreases.
 * @throws if l2 is negative or the data are empty
 * @example const w = fitCentralLogistic(pooled, { l2: 1e-3 }).weights
 */
export function fitCentralLogistic(
  data: LabelledData,
  options: { l2: number; maxIterations?: number; tolerance?: number },
): { weights: Float64Array; iterations: number; loss: number } {
  const { l2 } = options
  if (!(Number.isFinite(l2) && l2 >= 0))
    throw new Error(`fitCentralLogistic: l2 must be a finite number >= 0, got ${l2}`)
  if (data.n === 0) throw new Error("fitCentralLogistic: data must not be empty")
  const { n, d, x, y } = data
  const k = d + 1
  const w = new Float64Array(k)
  const grad = new Float64Array(k)
  const hess = new Float64Array(k * k)
  const row = new Float64Array(k)
  row[d] = 1
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-10
  let loss = logisticLoss(w, data, l2)
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    grad.fill(0)
    hess.fill(0)
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < d; j++) row[j] = x[r * d + j]
      let z = 0
      for (let j = 0; j < k; j++) z += w[j] * row[j]
      const p = 1 / (1 + Math.exp(-z))
      const g = p - y[r]
      const h = p * (1 - p)
      for (let i = 0; i < k; i++) {
        grad[i] += (g * row[i]) / n
        for (let j = 0; j <= i; j++) hess[i * k + j] += (h * row[i] * row[j]) / n
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) hess[j * k + i] = hess[i * k + j]
      if (i < d) {
        grad[i] += l2 * w[i]
        hess[i * k + i] += l2
      }
      hess[i * k + i] += 1e-12
    }
    let gnorm = 0
    for (let i = 0; i < k; i++) gnorm = Math.max(gnorm, Math.abs(grad[i]))
    if (gnorm < tolerance) break
    choleskySolveInPlace(hess, grad, k)
    let step = 1
    const old = Float64Array.from(w)
    for (;;) {
      for (let i = 0; i < k; i++) w[i] = old[i] - step * grad[i]
      const next = logisticLoss(w, data, l2)
      if (next <= loss || step < 1e-8) {
        loss = next
        break
      }
      step /= 2
    }
  }
  return { weights: w, iterations, loss }
}
