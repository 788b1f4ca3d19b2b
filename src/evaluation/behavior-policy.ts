import type { BanditLog } from "../schema/bandit-log"
import { LogisticRegression } from "../text/logistic-regression"
import type { TargetPolicy } from "../schema/target-policy"
import { columnScaling } from "./feature-scaling"

/** The learned state of an `EstimatedBehaviorPolicy`. */
export interface BehaviorPolicyState {
  /** Actions seen in the fit log (the classes), ascending; the others get probability 0. */
  classes: Int32Array
  /** (classes × design width) coefficients and one intercept per class. */
  coef: Float64Array
  intercept: Float64Array
  featureMean: Float64Array
  featureScale: Float64Array
  /** Levels per categorical column in the fit log (design columns after the numeric ones). */
  levels: Int32Array
  nPositions: number
  width: number
}

/**
 * A logging policy estimated from a log without propensities: multinomial logistic regression
 * of the logged action on the context (standardised numeric features, one-hot categorical levels)
 * and the position (one-hot), π̂₀(a | x, pos) = softmax(W z(x, pos) + b)ₐ — OBP's
 * `PropensityScoreEstimator` with scikit-learn's `LogisticRegression(C)` as base model.
 * IPW and DR are then only as right as this fit: check `propensityCalibration`.
 * @example const pi0 = new EstimatedBehaviorPolicy().fit(log); const p = withEstimatedPropensities(log, pi0)
 */
export class EstimatedBehaviorPolicy implements TargetPolicy {
  readonly name = "behaviour policy fitted by multinomial logistic regression"
  nActions = 0
  /** Set by `fit`. */
  state_: BehaviorPolicyState | undefined
  private z = new Float64Array(0)
  private s = new Float64Array(0)

  constructor(readonly options: { C?: number; maxIter?: number } = {}) {
    if (!((options.C ?? 1) > 0)) throw new Error(`EstimatedBehaviorPolicy: C must be > 0, got ${options.C}`)
  }

  fit(log: BanditLog): this {
    const n = log.length
    const d = log.featureNames.length
    const { mean: featureMean, scale: featureScale } = columnScaling(log.context, n, d)
    const levels = Int32Array.from(log.categoricalLevels, (l) => l.length)
    const nPositions = log.nPositions > 1 ? log.nPositions : 0
    const width = d + levels.reduce((s, x) => s + x, 0) + nPositions
    const state: BehaviorPolicyState = {
      classes: new Int32Array(0),
      coef: new Float64Array(0),
      intercept: new Float64Array(0),
      featureMean,
      featureScale,
      levels,
      nPositions,
      width,
    }
    this.z = new Float64Array(width)
    const X = new Float64Array(n * width)
    for (let i = 0; i < n; i++) {
      this.design(log, i, state)
      X.set(this.z, i * width)
    }
    const seen = new Set<number>(log.action)
    if (seen.size < 2) {
      state.classes = Int32Array.from(seen)
    } else {
      const lr = new LogisticRegression({ C: this.options.C ?? 1, maxIter: this.options.maxIter ?? 1000 }).fit(
        { kind: "dense", nRows: n, nCols: width, data: X },
        log.action,
      )
      state.classes = lr.classes
      state.coef = lr.coef.data
      state.intercept = lr.intercept
    }
    this.nActions = log.nActions
    this.s = new Float64Array(state.classes.length)
    this.state_ = state
    return this
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    const st = this.state_
    if (st === undefined) throw new Error("EstimatedBehaviorPolicy: call fit first")
    out.fill(0, 0, this.nActions)
    const K = st.classes.length
    if (K === 1) {
      out[st.classes[0]] = 1
      return
    }
    this.design(log, i, st)
    const z = this.z
    const s = this.s
    const w = st.width
    if (st.coef.length === w) {
      // Two actions: the binary fit keeps one row, the log-odds of classes[1] against classes[0].
      let v = st.intercept[0]
      for (let j = 0; j < w; j++) v += st.coef[j] * z[j]
      const p1 = 1 / (1 + Math.exp(-v))
      out[st.classes[0]] = 1 - p1
      out[st.classes[1]] = p1
      return
    }
    let max = -Infinity
    for (let k = 0; k < K; k++) {
      let v = st.intercept[k]
      for (let j = 0; j < w; j++) v += st.coef[k * w + j] * z[j]
      s[k] = v
      if (v > max) max = v
    }
    let total = 0
    for (let k = 0; k < K; k++) total += s[k] = Math.exp(s[k] - max)
    for (let k = 0; k < K; k++) out[st.classes[k]] = s[k] / total
  }

  /** The design row of round i into `this.z`; categorical levels unseen in the fit are all-zero. */
  private design(log: BanditLog, i: number, st: BehaviorPolicyState): void {
    const z = this.z
    z.fill(0)
    const d = st.featureMean.length
    for (let j = 0; j < d; j++) z[j] = (log.context[i * d + j] - st.featureMean[j]) / st.featureScale[j]
    let offset = d
    const nCat = st.levels.length
    for (let c = 0; c < nCat; c++) {
      const level = log.categorical[i * nCat + c]
      if (level < st.levels[c]) z[offset + level] = 1
      offset += st.levels[c]
    }
    if (st.nPositions > 0 && log.position[i] < st.nPositions) z[offset + log.position[i]] = 1
  }
}

/**
 * The log with each round's propensity replaced by the fitted π̂₀(aᵢ | xᵢ, posᵢ).
 * @example const estimated = withEstimatedPropensities(log, new EstimatedBehaviorPolicy().fit(log))
 */
export function withEstimatedPropensities(log: BanditLog, behavior: TargetPolicy): BanditLog {
  const pi = new Float64Array(log.nActions)
  const propensity = new Float64Array(log.length)
  for (let i = 0; i < log.length; i++) {
    behavior.actionProbabilities(log, i, pi)
    propensity[i] = pi[log.action[i]]
  }
  return { ...log, propensity, source: `${log.source} (propensities estimated: ${behavior.name})` }
}

/** Reliability of fitted propensities. */
export interface PropensityCalibration {
  /** Per bin of predicted probability: its mean, the observed frequency, and the (round, action) pairs in it. */
  bins: { meanPredicted: number; observed: number; count: number }[]
  /** Expected calibration error Σ_b (n_b/N) |observed_b − predicted_b|. */
  expectedCalibrationError: number
  /** Mean −log π̂₀(aᵢ | xᵢ) over rounds. */
  logLoss: number
}

/**
 * Calibration of a behaviour policy on a log: every (round, action) pair is a prediction
 * π̂₀(a | xᵢ) of the event aᵢ = a; pairs are binned by prediction (equal-width bins) and each
 * bin's mean prediction compared with its observed frequency (a reliability diagram, DeGroot &
 * Fienberg 1983). Well calibrated propensities lie on the diagonal.
 * @example propensityCalibration(heldOutLog, new EstimatedBehaviorPolicy().fit(trainLog)).expectedCalibrationError
 */
export function propensityCalibration(log: BanditLog, behavior: TargetPolicy, bins = 10): PropensityCalibration {
  if (!Number.isInteger(bins) || bins < 1)
    throw new Error(`propensityCalibration: bins must be a positive integer, got ${bins}`)
  const pi = new Float64Array(log.nActions)
  const sumP = new Float64Array(bins)
  const hits = new Float64Array(bins)
  const count = new Float64Array(bins)
  let logLoss = 0
  for (let i = 0; i < log.length; i++) {
    behavior.actionProbabilities(log, i, pi)
    logLoss -= Math.log(pi[log.action[i]]) / log.length
    for (let a = 0; a < log.nActions; a++) {
      const b = Math.min(bins - 1, Math.floor(pi[a] * bins))
      sumP[b] += pi[a]
      count[b] += 1
      if (a === log.action[i]) hits[b] += 1
    }
  }
  const total = log.length * log.nActions
  let ece = 0
  const out: PropensityCalibration["bins"] = []
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue
    const meanPredicted = sumP[b] / count[b]
    const observed = hits[b] / count[b]
    ece += (count[b] / total) * Math.abs(observed - meanPredicted)
    out.push({ meanPredicted, observed, count: count[b] })
  }
  return { bins: out, expectedCalibrationError: ece, logLoss }
}
