import { dotAt } from "../linalg/dot"
import type { Interactions } from "../schema/interactions"
import { choleskySolveInPlace } from "../linalg/cholesky"

/** Hyper-parameters of the implicit-feedback matrix-factorisation objective (Hu, Koren & Volinsky 2008). */
export interface ImplicitMfObjective {
  /** Latent dimension f. */
  factors: number
  /** Confidence slope α: c_ui = 1 + α·r_ui. */
  alpha: number
  /** L2 penalty λ on user and item factors. */
  regularization: number
}

/**
 * Throws unless the objective's hyper-parameters are valid, naming the option and `who`.
 * @internal
 */
export function checkImplicitMfObjective(who: string, o: ImplicitMfObjective): void {
  if (!Number.isInteger(o.factors) || o.factors < 1)
    throw new Error(`${who}: factors must be an integer >= 1, got ${o.factors}`)
  if (!(Number.isFinite(o.alpha) && o.alpha >= 0))
    throw new Error(`${who}: alpha must be a finite number >= 0, got ${o.alpha}`)
  if (!(Number.isFinite(o.regularization) && o.regularization > 0)) {
    throw new Error(
      `${who}: regularization must be a finite number > 0 (it keeps every user's system positive definite), got ${o.regularization}`,
    )
  }
}

/**
 * The Hu–Koren–Volinsky loss, the objective ImplicitAls (src/recommenders) minimises:
 * L(X, Y) = Σ_u Σ_i c_ui (p_ui − x_uᵀy_i)² + λ(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²), p_ui = [r_ui > 0], c_ui = 1 + α·r_ui,
 * summed over every (user, item) pair, observed or not. Computed as Σ_u x_uᵀ(YᵀY)x_u plus the
 * observed corrections c(1 − s)² − s², so the cost is O(U f² + nnz f) rather than O(U·I·f).
 * @example implicitMfLoss(train, model.userFactors_, model.itemFactors_, { factors: 16, alpha: 2, regularization: 10 })
 */
export function implicitMfLoss(
  train: Interactions,
  x: Float64Array,
  y: Float64Array,
  objective: ImplicitMfObjective,
): number {
  const f = objective.factors
  checkFactorShapes("implicitMfLoss", train, x, y, f)
  const g = itemGramian(y, train.nItems, f, new Float64Array(f * f))
  let total = 0
  let norms = 0
  for (let u = 0; u < train.nUsers; u++) {
    const ru = u * f
    for (let a = 0; a < f; a++) {
      let ga = 0
      for (let b = 0; b < f; b++) ga += g[a * f + b] * x[ru + b]
      total += x[ru + a] * ga
      norms += x[ru + a] * x[ru + a]
    }
    for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) {
      const s = dotAt(x, ru, y, train.items[p] * f, f)
      total += (1 + objective.alpha * train.values[p]) * (1 - s) * (1 - s) - s * s
    }
  }
  for (let i = 0; i < y.length; i++) norms += y[i] * y[i]
  return total + objective.regularization * norms
}

/**
 * G = YᵀY (f × f) of a row-major nItems × f matrix, written into `out`.
 * @internal
 */
export function itemGramian(y: Float64Array, nItems: number, f: number, out: Float64Array): Float64Array {
  out.fill(0)
  for (let i = 0; i < nItems; i++) {
    const ri = i * f
    for (let a = 0; a < f; a++) {
      const ya = y[ri + a]
      for (let b = a; b < f; b++) out[a * f + b] += ya * y[ri + b]
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) out[a * f + b] = out[b * f + a]
  return out
}

/**
 * Scratch space for `solveUserFactor`, allocated once per fit.
 * @internal
 */
export class UserSolveScratch {
  readonly a: Float64Array
  constructor(f: number) {
    this.a = new Float64Array(f * f)
  }
}

/**
 * The exact user step of implicit ALS, run on the user's device: given the item factors Y (and
 * G = YᵀY), x_u = argmin_x Σ_i c_ui (p_ui − xᵀy_i)² + λ‖x‖², i.e. the solution of
 * (G + Σ_{i∈I_u} (c_ui − 1) y_i y_iᵀ + λI) x = Σ_{i∈I_u} c_ui y_i (Hu et al. 2008, eq. 4), by Cholesky.
 * Needs only the user's own row and the broadcast Y. Writes x_u into `out` at `offset`.
 * @internal
 */
export function solveUserFactor(
  train: Interactions,
  user: number,
  y: Float64Array,
  g: Float64Array,
  objective: ImplicitMfObjective,
  out: Float64Array,
  offset: number,
  scratch: UserSolveScratch,
): void {
  const f = objective.factors
  const start = train.indptr[user]
  const end = train.indptr[user + 1]
  if (start === end) {
    out.fill(0, offset, offset + f)
    return
  }
  const a = scratch.a
  a.set(g)
  for (let k = 0; k < f; k++) {
    a[k * f + k] += objective.regularization
    out[offset + k] = 0
  }
  for (let p = start; p < end; p++) {
    const ri = train.items[p] * f
    const c = 1 + objective.alpha * train.values[p]
    for (let k = 0; k < f; k++) {
      const yk = y[ri + k]
      out[offset + k] += c * yk
      for (let l = 0; l <= k; l++) a[k * f + l] += (c - 1) * yk * y[ri + l]
    }
  }
  // choleskySolveInPlace reads only the lower triangle.
  choleskySolveInPlace(a, out.subarray(offset, offset + f), f)
}

/**
 * Adds `scale`·∂/∂Y of the user's data term Σ_i c_ui (p_ui − x_uᵀy_i)² to `grad` (nItems × f):
 * ∂/∂y_i = 2 c_ui (x_uᵀy_i − p_ui) x_u, non-zero for every item (unobserved items have c = 1, p = 0),
 * which is why a federated client uploads a dense item update. `scores` is scratch of length nItems.
 * @internal
 */
export function addUserItemGradient(
  train: Interactions,
  user: number,
  x: Float64Array,
  xOffset: number,
  y: Float64Array,
  objective: ImplicitMfObjective,
  scale: number,
  grad: Float64Array,
  scores: Float64Array,
): void {
  const f = objective.factors
  const nItems = train.nItems
  for (let i = 0; i < nItems; i++) scores[i] = dotAt(x, xOffset, y, i * f, f)
  for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) {
    const i = train.items[p]
    const c = 1 + objective.alpha * train.values[p]
    scores[i] = c * (scores[i] - 1)
  }
  for (let i = 0; i < nItems; i++) {
    const coef = 2 * scale * scores[i]
    const ri = i * f
    for (let k = 0; k < f; k++) grad[ri + k] += coef * x[xOffset + k]
  }
}

/**
 * Throws unless X is nUsers × f and Y is nItems × f.
 * @internal
 */
export function checkFactorShapes(who: string, train: Interactions, x: Float64Array, y: Float64Array, f: number): void {
  if (x.length !== train.nUsers * f)
    throw new Error(`${who}: user factors must have ${train.nUsers} × ${f} entries, got ${x.length}`)
  if (y.length !== train.nItems * f)
    throw new Error(`${who}: item factors must have ${train.nItems} × ${f} entries, got ${y.length}`)
}
