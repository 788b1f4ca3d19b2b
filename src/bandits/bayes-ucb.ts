import { betaQuantile } from "./beta-quantile"
import { IndexPolicy } from "./index-policy"
import { checkArms, checkNonNegative, checkPositive, checkUnitReward } from "./validate"

/**
 * Bayes-UCB for Bernoulli rewards: index_a = the (1 − 1/(t·(ln H)^c)) quantile of the posterior
 * Beta(α₀ + S_a, β₀ + N_a − S_a), t = current round, H = horizon (only needed when c > 0).
 * Source: Kaufmann, Cappé & Garivier (2012), "On Bayesian upper confidence bounds for bandit
 * problems", AISTATS (c = 0 in their experiments; untried arms are tried first here).
 * @example new BayesUcb({ arms: 10 })
 */
export class BayesUcb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; c: number; horizon: number; priorAlpha: number; priorBeta: number }>

  constructor(options: { arms: number; c?: number; horizon?: number; priorAlpha?: number; priorBeta?: number; name?: string }) {
    super(checkArms("BayesUcb", options.arms))
    const c = checkNonNegative("BayesUcb", "c", options.c ?? 0)
    const horizon = checkPositive("BayesUcb", "horizon", options.horizon ?? 1e4)
    const priorAlpha = checkPositive("BayesUcb", "priorAlpha", options.priorAlpha ?? 1)
    const priorBeta = checkPositive("BayesUcb", "priorBeta", options.priorBeta ?? 1)
    this.config = { arms: this.nArms, c, horizon, priorAlpha, priorBeta }
    this.name = options.name ?? "bayes-ucb"
  }

  override update(arm: number, reward: number): void {
    checkUnitReward(this.name, reward)
    super.update(arm, reward)
  }

  indices(out: Float64Array): Float64Array {
    const t = this.steps + 1
    const level = 1 - 1 / (t * Math.pow(Math.log(Math.max(this.config.horizon, Math.E)), this.config.c))
    for (let a = 0; a < this.nArms; a++) {
      const n = this.counts[a]
      const s = this.means[a] * n
      out[a] = n === 0 ? Infinity : betaQuantile(level, this.config.priorAlpha + s, this.config.priorBeta + n - s)
    }
    return out
  }
}
