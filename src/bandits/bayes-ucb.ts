import { betaQuantile } from "./beta-quantile"
import { IndexPolicy } from "./index-policy"
import { checkArms, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link BayesUcb}. */
export const bayesUcbOptions = defineOptions({
  c: { kind: "number", min: 0, default: 0, doc: "exponent c of the quantile level 1 − 1/(t·(ln H)^c)" },
  horizon: { kind: "number", min: 0, open: "low", default: 1e4, doc: "horizon H (used only when c > 0)" },
  priorAlpha: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta α₀ of every arm" },
  priorBeta: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta β₀ of every arm" },
})

/** Options of {@link BayesUcb}. */
export interface BayesUcbOptions extends OptionsOf<typeof bayesUcbOptions.fields> {
  arms: number
  name?: string
}

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

  constructor(options: BayesUcbOptions) {
    super(checkArms("BayesUcb", options.arms))
    const { c, horizon, priorAlpha, priorBeta } = checkOptions("BayesUcb", bayesUcbOptions, options)
    this.config = { arms: this.nArms, c, horizon, priorAlpha, priorBeta }
    this.name = options.name ?? "bayes-ucb"
  }

  override update(arm: number, reward: number): void {
    checkUnitReward(this.name, reward)
    super.update(arm, reward)
  }

  /** The posterior means (α₀ + S_a)/(α₀ + β₀ + N_a). */
  override estimates(out: Float64Array): Float64Array {
    const { priorAlpha, priorBeta } = this.config
    for (let a = 0; a < this.nArms; a++)
      out[a] = (priorAlpha + this.means[a] * this.counts[a]) / (priorAlpha + priorBeta + this.counts[a])
    return out
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

/** Registry entry of {@link BayesUcb}. */
export const bayesUcbPolicy = definePolicy({
  type: "bayes-ucb",
  description:
    "Bayes-UCB for rewards in [0, 1]: an upper quantile of each arm's Beta posterior (Kaufmann, Cappé & Garivier 2012)",
  optionsSchema: bayesUcbOptions,
  savable: BayesUcb,
  create: (options, setting) => new BayesUcb({ ...options, arms: setting.arms }),
})
