import { choleskySolveInPlace } from "../linalg/cholesky"
import type { BanditLog } from "../schema/bandit-log"
import { columnScaling } from "./feature-scaling"

/** A model of the expected reward q̂(x, a, pos) used by DM, DR, SNDR and switch-DR. */
export interface RewardModel {
  readonly name: string
  /** Learns from a log; returns `this`. Refitting replaces the previous fit. */
  fit(log: BanditLog): this
  /** Fills `out` (length nActions) with q̂(xᵢ, a, posᵢ) for every action a, for round i of `log`. */
  predictRound(log: BanditLog, i: number, out: Float64Array): void
}

/** Options of `LinearRewardModel`. */
export interface LinearRewardModelOptions {
  /** "logistic" for clicks (IRLS, Newton's method), "ridge" for any reward (closed form). */
  kind: "logistic" | "ridge"
  /** L2 penalty λ on every coefficient but the intercept (default 1; scikit-learn's C = 1/λ). */
  l2?: number
  /** Newton iterations at most (logistic; default 50). */
  maxIterations?: number
  /** Stop when no coefficient moves more than this (logistic; default 1e-8). */
  tolerance?: number
}

/** The learned state of a `LinearRewardModel`. */
export interface LinearRewardModelState {
  /** Coefficients: [intercept, numeric features (standardised), categorical levels, actions, positions]. */
  coef: Float64Array
  featureMean: Float64Array
  featureScale: Float64Array
  /** Offsets of the blocks in `coef`. */
  categoricalOffset: Int32Array
  actionOffset: number
  positionOffset: number
  nActions: number
  nPositions: number
  iterations: number
}

/**
 * Generalised linear reward model on context, action and position, additive in the link:
 * η(x, a, pos) = β₀ + Σⱼ βⱼ zⱼ(x) + Σ_c γ_{c, x_c} + αₐ + δ_pos, with zⱼ the standardised
 * numeric features and one-hot categorical levels; q̂ = σ(η) (logistic) or η (ridge).
 * Logistic: minimises Σ logloss + (λ/2)‖β‖² (intercept unpenalised) by iteratively reweighted
 * least squares — the objective of scikit-learn's LogisticRegression(C = 1/λ), which the
 * tests check. Ridge: (XᵀX + λI′)β = Xᵀr in closed form. Rows are sparse (one-hots, and the
 * Open Bandit affinities are mostly 0), so the normal equations are accumulated over non-zeros.
 * @example const q = new LinearRewardModel({ kind: "logistic", l2: 1 }).fit(trainLog)
 */
export class LinearRewardModel implements RewardModel {
  readonly name: string
  readonly config: Required<LinearRewardModelOptions>
  /** Set by `fit`. */
  state_: LinearRewardModelState | undefined

  constructor(options: LinearRewardModelOptions) {
    const config = { l2: 1, maxIterations: 50, tolerance: 1e-8, ...options }
    if (config.kind !== "logistic" && config.kind !== "ridge")
      throw new Error(`LinearRewardModel: kind must be "logistic" or "ridge", got ${String(config.kind)}`)
    if (!(config.l2 > 0)) throw new Error(`LinearRewardModel: l2 must be > 0, got ${config.l2}`)
    if (!Number.isInteger(config.maxIterations) || config.maxIterations < 1)
      throw new Error(`LinearRewardModel: maxIterations must be a positive integer, got ${config.maxIterations}`)
    if (!(config.tolerance > 0)) throw new Error(`LinearRewardModel: tolerance must be > 0, got ${config.tolerance}`)
    this.config = config
    this.name = `${config.kind} regression`
  }

  fit(log: BanditLog): this {
    if (log.length === 0) throw new Error("LinearRewardModel.fit: the log is empty")
    const n = log.length
    const nNum = log.featureNames.length
    const nCat = log.categoricalNames.length
    const { mean: featureMean, scale: featureScale } = columnScaling(log.context, n, nNum)
    const categoricalOffset = new Int32Array(nCat)
    let d = 1 + nNum
    for (let c = 0; c < nCat; c++) {
      categoricalOffset[c] = d
      d += log.categoricalLevels[c].length
    }
    const actionOffset = d
    const positionOffset = d + log.nActions
    d = positionOffset + log.nPositions
    const state: LinearRewardModelState = {
      coef: new Float64Array(d),
      featureMean,
      featureScale,
      categoricalOffset,
      actionOffset,
      positionOffset,
      nActions: log.nActions,
      nPositions: log.nPositions,
      iterations: 0,
    }
    const maxNnz = 1 + nNum + nCat + 2
    const idx = new Int32Array(maxNnz)
    const val = new Float64Array(maxNnz)
    const hessian = new Float64Array(d * d)
    const gradient = new Float64Array(d)
    const step = new Float64Array(d)
    const lambda = this.config.l2
    const logistic = this.config.kind === "logistic"
    const iterations = logistic ? this.config.maxIterations : 1
    for (let it = 0; it < iterations; it++) {
      hessian.fill(0)
      gradient.fill(0)
      for (let i = 0; i < n; i++) {
        const nnz = sparseRow(log, i, log.action[i], state, idx, val)
        let eta = 0
        for (let u = 0; u < nnz; u++) eta += state.coef[idx[u]] * val[u]
        // Newton step for logistic: H = Xᵀ diag(p(1−p)) X + λI′, g = Xᵀ(r − p) − λβ′; ridge: one exact step from β = 0.
        const p = logistic ? 1 / (1 + Math.exp(-eta)) : eta
        const h = logistic ? p * (1 - p) : 1
        const residual = log.reward[i] - p
        for (let u = 0; u < nnz; u++) {
          const fu = val[u]
          gradient[idx[u]] += residual * fu
          const row = idx[u] * d
          // idx is increasing, so v <= u fills the lower triangle, all that choleskySolve reads
          for (let v = 0; v <= u; v++) hessian[row + idx[v]] += h * fu * val[v]
        }
      }
      for (let j = 1; j < d; j++) {
        hessian[j * d + j] += lambda
        gradient[j] -= lambda * state.coef[j]
      }
      step.set(gradient)
      try {
        choleskySolveInPlace(hessian, step, d)
      } catch {
        throw new Error("LinearRewardModel.fit: the normal equations are not positive definite; increase l2")
      }
      let maxStep = 0
      for (let j = 0; j < d; j++) {
        state.coef[j] += step[j]
        maxStep = Math.max(maxStep, Math.abs(step[j]))
      }
      state.iterations = it + 1
      if (!Number.isFinite(maxStep))
        throw new Error("LinearRewardModel.fit: the fit diverged (non-finite coefficients); increase l2")
      if (maxStep < this.config.tolerance) break
    }
    this.state_ = state
    return this
  }

  predictRound(log: BanditLog, i: number, out: Float64Array): void {
    const s = this.state_
    if (s === undefined) throw new Error("LinearRewardModel.predictRound: call fit first")
    if (log.nActions !== s.nActions)
      throw new Error(`LinearRewardModel: fitted on ${s.nActions} actions, the log has ${log.nActions}`)
    const base = linearBase(log, i, s)
    const positionTerm = log.position[i] < s.nPositions ? s.coef[s.positionOffset + log.position[i]] : 0
    for (let a = 0; a < s.nActions; a++) {
      const eta = base + positionTerm + s.coef[s.actionOffset + a]
      out[a] = this.config.kind === "logistic" ? 1 / (1 + Math.exp(-eta)) : eta
    }
  }
}

/** η without the action and position terms. Levels unseen in the fit contribute 0. */
function linearBase(log: BanditLog, i: number, s: LinearRewardModelState): number {
  const nNum = s.featureMean.length
  let eta = s.coef[0]
  for (let j = 0; j < nNum; j++)
    eta += (s.coef[1 + j] * (log.context[i * nNum + j] - s.featureMean[j])) / s.featureScale[j]
  const nCat = s.categoricalOffset.length
  for (let c = 0; c < nCat; c++) {
    const level = log.categorical[i * nCat + c]
    const end = c + 1 < nCat ? s.categoricalOffset[c + 1] : s.actionOffset
    if (s.categoricalOffset[c] + level < end) eta += s.coef[s.categoricalOffset[c] + level]
  }
  return eta
}

/** The non-zero design entries of round i with action a; returns their count. */
function sparseRow(
  log: BanditLog,
  i: number,
  a: number,
  s: LinearRewardModelState,
  idx: Int32Array,
  val: Float64Array,
): number {
  let k = 0
  idx[k] = 0
  val[k++] = 1
  const nNum = s.featureMean.length
  for (let j = 0; j < nNum; j++) {
    const z = (log.context[i * nNum + j] - s.featureMean[j]) / s.featureScale[j]
    if (z !== 0) {
      idx[k] = 1 + j
      val[k++] = z
    }
  }
  const nCat = s.categoricalOffset.length
  for (let c = 0; c < nCat; c++) {
    idx[k] = s.categoricalOffset[c] + log.categorical[i * nCat + c]
    val[k++] = 1
  }
  idx[k] = s.actionOffset + a
  val[k++] = 1
  idx[k] = s.positionOffset + log.position[i]
  val[k++] = 1
  return k
}
