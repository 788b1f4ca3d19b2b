import type { PlackettLuceSlatePolicy } from "../evaluation/plackett-luce-slate-policy"
import type { SlateLog } from "../schema/slate-log"
import type { Rng } from "../random/rng"
import { EcommerceEnvironment, ECOMMERCE_FEATURES } from "./ecommerce"
import type { WorldConfig } from "../world/config"

/** Contexts with the world's true click probability of every (position, item). */
export interface SlateContexts {
  readonly length: number
  /** (n × ECOMMERCE_FEATURES): what a policy sees. */
  readonly features: Float64Array
  /** (n × slateLength × nActions): q(xᵢ, a, k), ground truth, never given to a policy. */
  readonly clickProbability: Float64Array
}

/**
 * Slates on the synthetic e-commerce world (`src/world`): a visitor arrives (user by activity,
 * situation sampled at day 0, so the log is stationary), a slate policy shows `slateLength` of
 * the categories' best sellers (or of all items, `arms: "items"`), and each position k is clicked independently with the world's
 * position-based probability q(x, a, k) = κₖ · attraction(user, item, situation) (no fatigue
 * within a log). Because the model is position-based the true value of any Plackett–Luce
 * policy is exact given the contexts: V(π) = E_x Σₖ Σₐ P_π(a at k | x) q(x, a, k).
 * @example const problem = new SyntheticSlateProblem({ world: { users: 400, items: 200, seed: 7 }, slateLength: 3 })
 */
export class SyntheticSlateProblem {
  readonly env: EcommerceEnvironment
  readonly slateLength: number
  readonly nActions: number
  readonly nFeatures = ECOMMERCE_FEATURES

  constructor(options: { world?: Partial<WorldConfig>; slateLength: number; arms?: "categories" | "items" }) {
    this.env = new EcommerceEnvironment({ world: options.world, arms: options.arms ?? "categories" })
    this.nActions = this.env.nArms
    if (!Number.isInteger(options.slateLength) || options.slateLength < 1 || options.slateLength > this.nActions) {
      throw new Error(
        `SyntheticSlateProblem: slateLength must be an integer in [1, ${this.nActions}], got ${options.slateLength}`,
      )
    }
    this.slateLength = options.slateLength
  }

  /** n visitors' contexts and their true click probabilities. */
  contexts(n: number, rng: Rng): SlateContexts {
    if (!Number.isInteger(n) || n < 1) throw new Error(`SyntheticSlateProblem: n must be a positive integer, got ${n}`)
    const d = this.nFeatures
    const L = this.slateLength
    const K = this.nActions
    const w = this.env.world
    const features = new Float64Array(n * d)
    const clickProbability = new Float64Array(n * L * K)
    for (let i = 0; i < n; i++) {
      const c = this.env.context(0, rng)
      features.set(c.features, i * d)
      for (let k = 0; k < L; k++) {
        for (let a = 0; a < K; a++)
          clickProbability[(i * L + k) * K + a] = w.clickProbability(c.user, this.env.armItem[a], c.situation, k, 0)
      }
    }
    return { length: n, features, clickProbability }
  }

  /** A log of n slates from `logging`, with its exact propensities; clicks ~ Bernoulli(q). */
  sampleLog(n: number, logging: PlackettLuceSlatePolicy, rng: Rng): SlateLog {
    const ctx = this.contexts(n, rng)
    const L = this.slateLength
    const K = this.nActions
    const d = this.nFeatures
    const action = new Int32Array(n * L)
    const reward = new Float64Array(n * L)
    const pscoreSlate = new Float64Array(n)
    const pscoreItem = new Float64Array(n * L)
    const pscoreCascade = new Float64Array(n * L)
    const marginal = new Float64Array(L * K)
    for (let i = 0; i < n; i++) {
      logging.sample(ctx.features, i * d, L, rng, action, i * L)
      logging.cascadeProbabilities(ctx.features, i * d, action, i * L, L, pscoreCascade, i * L)
      logging.marginals(ctx.features, i * d, L, marginal)
      pscoreSlate[i] = pscoreCascade[i * L + L - 1]
      for (let k = 0; k < L; k++) {
        const a = action[i * L + k]
        pscoreItem[i * L + k] = marginal[k * K + a]
        reward[i * L + k] = rng.next() < ctx.clickProbability[(i * L + k) * K + a] ? 1 : 0
      }
    }
    return {
      length: n,
      slateLength: L,
      nActions: K,
      nFeatures: d,
      features: ctx.features,
      action,
      reward,
      pscoreSlate,
      pscoreItem,
      pscoreCascade,
      source: `synthetic world slates (${K} categories, ${L} positions), logged by ${logging.name}`,
    }
  }

  /** V(π) on the given contexts, exactly: mean over i of Σₖ Σₐ P_π(a at k | xᵢ) q(xᵢ, a, k). */
  policyValue(policy: PlackettLuceSlatePolicy, contexts: SlateContexts): number {
    const L = this.slateLength
    const K = this.nActions
    const d = this.nFeatures
    const marginal = new Float64Array(L * K)
    let sum = 0
    for (let i = 0; i < contexts.length; i++) {
      policy.marginals(contexts.features, i * d, L, marginal)
      for (let j = 0; j < L * K; j++) sum += marginal[j] * contexts.clickProbability[i * L * K + j]
    }
    return sum / contexts.length
  }
}
