import type { BanditLog } from "../schema/bandit-log"
import { minimizeLbfgs } from "../linalg/lbfgs"
import type { TargetPolicy } from "../schema/target-policy"
import { columnScaling } from "./feature-scaling"

/**
 * Off-policy learning by weighted classification (OBP's `IPWLearner`; Zadrozny 2003, Beygelzimer
 * & Langford 2009): a softmax regression of the logged action on the context, each round
 * weighted by rᵢ/π₀(aᵢ | xᵢ), so it learns to take the actions that were rewarded, corrected
 * for how often the logger took them. Minimises ½‖W‖² + C Σᵢ (rᵢ/pᵢ)(−log softmax(W zᵢ + b)_{aᵢ})
 * by L-BFGS (z the standardised numeric context plus a one-hot position); the policy is ε-greedy
 * on the scores (ε = 0: OBP's deterministic argmax). Rewards must be ≥ 0.
 * @example const pi = new IpwPolicyLearner({ epsilon: 0.05 }).fit(trainLog)
 */
export class IpwPolicyLearner implements TargetPolicy {
  readonly name: string
  nActions = 0
  /** Learned: (nActions × width) weights then nActions intercepts; the design's mean and scale. */
  state_:
    | { params: Float64Array; width: number; mean: Float64Array; scale: Float64Array; nPositions: number }
    | undefined
  private z = new Float64Array(0)
  private s = new Float64Array(0)

  constructor(readonly options: { C?: number; epsilon?: number; maxIter?: number } = {}) {
    const C = options.C ?? 1
    const epsilon = options.epsilon ?? 0
    if (!(C > 0)) throw new Error(`IpwPolicyLearner: C must be > 0, got ${C}`)
    if (!(epsilon >= 0 && epsilon <= 1)) throw new Error(`IpwPolicyLearner: epsilon must be in [0, 1], got ${epsilon}`)
    this.name = `IPW learner (weighted softmax regression${epsilon > 0 ? `, ${epsilon}-greedy` : ""})`
  }

  fit(log: BanditLog): this {
    const n = log.length
    const d = log.featureNames.length
    const K = log.nActions
    const nPositions = log.nPositions > 1 ? log.nPositions : 0
    const width = d + nPositions
    const { mean, scale } = columnScaling(log.context, n, d)
    this.nActions = K
    this.z = new Float64Array(width)
    this.s = new Float64Array(K)
    const state: NonNullable<IpwPolicyLearner["state_"]> = {
      params: new Float64Array(K * width + K),
      width,
      mean,
      scale,
      nPositions,
    }
    this.state_ = state
    // only rewarded rounds carry weight: keep their design rows
    const rows: number[] = []
    for (let i = 0; i < n; i++) {
      if (log.reward[i] < 0)
        throw new Error(
          `IpwPolicyLearner: round ${i} has reward ${log.reward[i]}; weighted classification needs rewards >= 0`,
        )
      if (log.reward[i] > 0) rows.push(i)
    }
    const X = new Float64Array(rows.length * width)
    const weight = new Float64Array(rows.length)
    const label = new Int32Array(rows.length)
    rows.forEach((i, k) => {
      this.design(log, i)
      X.set(this.z, k * width)
      weight[k] = log.reward[i] / log.propensity[i]
      label[k] = log.action[i]
    })
    const C = this.options.C ?? 1
    const nw = K * width
    const p = new Float64Array(K)
    const objective = (params: Float64Array, grad: Float64Array): number => {
      grad.fill(0)
      let loss = 0
      for (let k = 0; k < rows.length; k++) {
        let max = -Infinity
        for (let a = 0; a < K; a++) {
          let v = params[nw + a]
          for (let j = 0; j < width; j++) v += params[a * width + j] * X[k * width + j]
          p[a] = v
          if (v > max) max = v
        }
        let total = 0
        for (let a = 0; a < K; a++) total += p[a] = Math.exp(p[a] - max)
        loss -= weight[k] * Math.log(p[label[k]] / total)
        for (let a = 0; a < K; a++) {
          const g = C * weight[k] * (p[a] / total - (a === label[k] ? 1 : 0))
          for (let j = 0; j < width; j++) grad[a * width + j] += g * X[k * width + j]
          grad[nw + a] += g
        }
      }
      let reg = 0
      for (let j = 0; j < nw; j++) {
        reg += params[j] * params[j]
        grad[j] += params[j]
      }
      return C * loss + 0.5 * reg
    }
    state.params = minimizeLbfgs(objective, new Float64Array(nw + K), {
      maxIter: this.options.maxIter ?? 500,
      gradTol: 1e-6,
    }).x
    return this
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    const st = this.state_
    if (st === undefined) throw new Error("IpwPolicyLearner: call fit first")
    this.design(log, i)
    const K = this.nActions
    const w = st.width
    let best = 0
    for (let a = 0; a < K; a++) {
      let v = st.params[K * w + a]
      for (let j = 0; j < w; j++) v += st.params[a * w + j] * this.z[j]
      this.s[a] = v
      if (v > this.s[best]) best = a
    }
    const epsilon = this.options.epsilon ?? 0
    out.fill(epsilon / K, 0, K)
    out[best] += 1 - epsilon
  }

  private design(log: BanditLog, i: number): void {
    const st = this.state_ as NonNullable<IpwPolicyLearner["state_"]>
    const d = st.mean.length
    this.z.fill(0)
    for (let j = 0; j < d; j++) this.z[j] = (log.context[i * d + j] - st.mean[j]) / st.scale[j]
    if (st.nPositions > 0 && log.position[i] < st.nPositions) this.z[d + log.position[i]] = 1
  }
}
