import type { Rng } from "../random/rng"
import { normal } from "../random/normal"
import type { Interactions } from "../schema/interactions"
import { dotAt } from "../linalg/dot"
import {
  checkImplicitMfObjective,
  implicitMfLoss,
  itemGramian,
  solveUserFactor,
  UserSolveScratch,
  type ImplicitMfObjective,
} from "./implicit-mf-objective"

/** Options of `fitCentralImplicitMf`. */
export interface CentralImplicitMfOptions extends ImplicitMfObjective {
  /** Full passes: solve every user, then one gradient step on Y. */
  iterations: number
  /** η of the gradient step on J = L / nUsers. */
  learningRate: number
  /** Standard deviation of the N(0, sd²) initial item factors. */
  initScale: number
  /** Keep Y after every iteration in `history` (default false). */
  keepHistory?: boolean
}

/** The result of `fitCentralImplicitMf`. */
export interface CentralImplicitMfResult {
  itemFactors: Float64Array
  /** User vectors solved from the final Y. */
  userFactors: Float64Array
  /** history[t] = Y after iteration t + 1 (with keepHistory). */
  history: Float64Array[]
  /** L(X, Y) after each iteration's gradient step, X the users solved before it. */
  loss: number[]
}

/**
 * Central training of the objective FederatedMf optimises, on the pooled matrix: each iteration solves
 * every user exactly (the ALS user step) and takes one full gradient step on the item factors of
 * J = L / U, written in the Gram form ∇_{y_i} J = (2/U)[(XᵀX) y_i + Σ_{u∈U_i} ((c_ui − 1) x_uᵀy_i − c_ui) x_u + λ y_i]
 * (computed per item over its observed users, independently of FederatedMf's per-user dense
 * gradients). The initial Y is drawn from `rng` exactly as FederatedMf draws it.
 * @example fitCentralImplicitMf(train, { factors: 16, alpha: 2, regularization: 10, iterations: 40, learningRate: 1, initScale: 0.1 }, createRng(1))
 */
export function fitCentralImplicitMf(
  train: Interactions,
  options: CentralImplicitMfOptions,
  rng: Rng,
): CentralImplicitMfResult {
  const who = "fitCentralImplicitMf"
  checkImplicitMfObjective(who, options)
  if (!Number.isInteger(options.iterations) || options.iterations < 1)
    throw new Error(`${who}: iterations must be an integer >= 1, got ${options.iterations}`)
  if (!(Number.isFinite(options.learningRate) && options.learningRate > 0))
    throw new Error(`${who}: learningRate must be a finite number > 0, got ${options.learningRate}`)
  if (!(Number.isFinite(options.initScale) && options.initScale > 0))
    throw new Error(`${who}: initScale must be a finite number > 0, got ${options.initScale}`)
  const { factors: f, alpha, regularization: lambda, learningRate } = options
  const { nUsers, nItems } = train
  const y = new Float64Array(nItems * f)
  for (let i = 0; i < y.length; i++) y[i] = normal(rng, 0, options.initScale)
  const x = new Float64Array(nUsers * f)
  const g = new Float64Array(f * f)
  const xtx = new Float64Array(f * f)
  const grad = new Float64Array(y.length)
  const scratch = new UserSolveScratch(f)
  const history: Float64Array[] = []
  const loss: number[] = []
  const solveAll = () => {
    itemGramian(y, nItems, f, g)
    for (let u = 0; u < nUsers; u++) solveUserFactor(train, u, y, g, options, x, u * f, scratch)
  }
  for (let t = 0; t < options.iterations; t++) {
    solveAll()
    itemGramian(x, nUsers, f, xtx)
    for (let i = 0; i < nItems; i++) {
      const ri = i * f
      for (let a = 0; a < f; a++) grad[ri + a] = dotAt(xtx, a * f, y, ri, f) + lambda * y[ri + a]
    }
    for (let u = 0; u < nUsers; u++) {
      const ru = u * f
      for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) {
        const ri = train.items[p] * f
        const c = 1 + alpha * train.values[p]
        const coef = (c - 1) * dotAt(x, ru, y, ri, f) - c
        for (let a = 0; a < f; a++) grad[ri + a] += coef * x[ru + a]
      }
    }
    const step = (2 * learningRate) / nUsers
    for (let i = 0; i < y.length; i++) y[i] -= step * grad[i]
    loss.push(implicitMfLoss(train, x, y, options))
    if (options.keepHistory) history.push(Float64Array.from(y))
  }
  solveAll()
  return { itemFactors: y, userFactors: x, history, loss }
}
