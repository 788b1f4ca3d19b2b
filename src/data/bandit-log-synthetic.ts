import type { TargetPolicy } from "../schema/target-policy"
import { normal } from "../random/normal"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { BanditLog } from "../schema/bandit-log"

/** Options of `SyntheticBanditProblem`. */
export interface SyntheticBanditOptions {
  nActions: number
  nPositions: number
  nFeatures: number
  /** Examination probability of each position (position-based model); default 1 / (1 + pos). */
  examination?: number[]
  /** Base click logit (default −1.5). */
  baseLogit?: number
}

/**
 * A contextual Bernoulli bandit with positions whose expected reward is known, so the true
 * value of any policy is known: contexts x ~ N(0, I), positions uniform, click probability
 * q(x, a, pos) = examination(pos) · σ(b₀ + bₐ + θₐ·x) (position-based click model,
 * Craswell et al. 2008). Its parameters are drawn once from `rng`.
 * @example const problem = new SyntheticBanditProblem({ nActions: 5, nPositions: 2, nFeatures: 3 }, createRng(1))
 */
export class SyntheticBanditProblem {
  readonly nActions: number
  readonly nPositions: number
  readonly nFeatures: number
  readonly examination: Float64Array
  /** (nActions × nFeatures) */
  readonly theta: Float64Array
  readonly bias: Float64Array
  readonly baseLogit: number

  constructor(options: SyntheticBanditOptions, rng: Rng) {
    const { nActions, nPositions, nFeatures } = options
    for (const [name, v] of Object.entries({ nActions, nPositions, nFeatures })) {
      if (!Number.isInteger(v) || v < (name === "nFeatures" ? 0 : 1))
        throw new Error(
          `SyntheticBanditProblem: ${name} must be a ${name === "nFeatures" ? "non-negative" : "positive"} integer, got ${v}`,
        )
    }
    this.nActions = nActions
    this.nPositions = nPositions
    this.nFeatures = nFeatures
    const exam = options.examination ?? Array.from({ length: nPositions }, (_, p) => 1 / (1 + p))
    if (exam.length !== nPositions || exam.some((e) => !(e > 0 && e <= 1)))
      throw new Error(`SyntheticBanditProblem: examination must hold ${nPositions} probabilities in (0, 1]`)
    this.examination = Float64Array.from(exam)
    this.baseLogit = options.baseLogit ?? -1.5
    this.theta = Float64Array.from({ length: nActions * nFeatures }, () => normal(rng, 0, 0.7))
    this.bias = Float64Array.from({ length: nActions }, () => normal(rng, 0, 0.7))
  }

  /** q(x, a, pos) for the context stored at `context[offset…]`. */
  expectedReward(context: Float64Array, offset: number, action: number, position: number): number {
    let eta = this.baseLogit + this.bias[action]
    for (let j = 0; j < this.nFeatures; j++) eta += this.theta[action * this.nFeatures + j] * context[offset + j]
    return this.examination[position] / (1 + Math.exp(-eta))
  }

  /** n rounds of contexts and positions, actions not yet chosen (action 0, reward 0, propensity 1). */
  contexts(n: number, rng: Rng): BanditLog {
    if (!Number.isInteger(n) || n < 1) throw new Error(`SyntheticBanditProblem: n must be a positive integer, got ${n}`)
    const d = this.nFeatures
    const context = new Float64Array(n * d)
    for (let i = 0; i < n * d; i++) context[i] = normal(rng)
    const position = new Int32Array(n)
    for (let i = 0; i < n; i++) position[i] = randomInt(rng, this.nPositions)
    return {
      length: n,
      nActions: this.nActions,
      nPositions: this.nPositions,
      action: new Int32Array(n),
      position,
      reward: new Float64Array(n),
      propensity: new Float64Array(n).fill(1),
      featureNames: Array.from({ length: d }, (_, j) => `x${j}`),
      context,
      categoricalNames: [],
      categorical: new Int32Array(0),
      categoricalLevels: [],
      source: `synthetic bandit (${this.nActions} actions, ${this.nPositions} positions, ${d} features)`,
    }
  }

  /**
   * A log of n rounds from `logging`: aᵢ ~ π₀(· | xᵢ, posᵢ), rᵢ ~ Bernoulli(q(xᵢ, aᵢ, posᵢ)),
   * propensity π₀(aᵢ | ·).
   */
  sampleLog(n: number, logging: TargetPolicy, rng: Rng): BanditLog {
    const log = this.contexts(n, rng)
    const pi = new Float64Array(this.nActions)
    for (let i = 0; i < n; i++) {
      logging.actionProbabilities(log, i, pi)
      let u = rng.next()
      let a = 0
      while (a < this.nActions - 1 && u >= pi[a]) u -= pi[a++]
      if (!(pi[a] > 0))
        throw new Error(
          `SyntheticBanditProblem.sampleLog: the logging policy '${logging.name}' gave probability 0 to its own draw`,
        )
      log.action[i] = a
      log.propensity[i] = pi[a]
      log.reward[i] = rng.next() < this.expectedReward(log.context, i * this.nFeatures, a, log.position[i]) ? 1 : 0
    }
    return { ...log, source: `${log.source}, logged by ${logging.name}` }
  }

  /** The value of `target`, Σₐ π(a | x, pos) q(x, a, pos) averaged over n fresh contexts (Monte Carlo). */
  policyValue(target: TargetPolicy, n: number, rng: Rng): number {
    const log = this.contexts(n, rng)
    const pi = new Float64Array(this.nActions)
    let sum = 0
    for (let i = 0; i < n; i++) {
      target.actionProbabilities(log, i, pi)
      for (let a = 0; a < this.nActions; a++)
        if (pi[a] > 0) sum += pi[a] * this.expectedReward(log.context, i * this.nFeatures, a, log.position[i])
    }
    return sum / n
  }
}

/**
 * A softmax policy over a linear score, mixed with uniform exploration:
 * π(a | x) = ε/K + (1 − ε) softmax(sₐ(x)/τ), sₐ(x) = Σⱼ Wₐⱼ xⱼ — the logging and target
 * policies of the synthetic checks.
 * @example new LinearSoftmaxPolicy("logging", weights, 5, 3, { temperature: 1, epsilon: 0.2 })
 */
export class LinearSoftmaxPolicy implements TargetPolicy {
  constructor(
    readonly name: string,
    /** (nActions × nFeatures) */
    readonly weights: Float64Array,
    readonly nActions: number,
    readonly nFeatures: number,
    readonly options: { temperature?: number; epsilon?: number } = {},
  ) {
    if (weights.length !== nActions * nFeatures)
      throw new Error(
        `LinearSoftmaxPolicy: weights must have nActions × nFeatures = ${nActions * nFeatures} entries, got ${weights.length}`,
      )
    const t = options.temperature ?? 1
    const e = options.epsilon ?? 0
    if (!(t > 0)) throw new Error(`LinearSoftmaxPolicy: temperature must be > 0, got ${t}`)
    if (!(e >= 0 && e <= 1)) throw new Error(`LinearSoftmaxPolicy: epsilon must be in [0, 1], got ${e}`)
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    const d = this.nFeatures
    const t = this.options.temperature ?? 1
    const e = this.options.epsilon ?? 0
    let max = -Infinity
    for (let a = 0; a < this.nActions; a++) {
      let s = 0
      for (let j = 0; j < d; j++) s += this.weights[a * d + j] * log.context[i * d + j]
      out[a] = s / t
      if (out[a] > max) max = out[a]
    }
    let z = 0
    for (let a = 0; a < this.nActions; a++) z += out[a] = Math.exp(out[a] - max)
    for (let a = 0; a < this.nActions; a++) out[a] = e / this.nActions + ((1 - e) * out[a]) / z
  }
}
