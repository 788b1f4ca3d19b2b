import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { fastNormal } from "../random/fast-random"
import { checkHistory, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link EnsembleSampling}. */
export const ensembleSamplingOptions = defineOptions({
  models: { kind: "number", integer: true, min: 1, default: 10, doc: "ensemble size M" },
  factors: { kind: "number", integer: true, min: 1, default: 3, doc: "rank f of each model's factorisation" },
  priorSd: {
    kind: "number",
    min: 0,
    default: 0.1,
    doc: "prior standard deviation σ₀ of every parameter (the models' prior samples)",
  },
  noiseSd: {
    kind: "number",
    min: 0,
    default: 0.1,
    doc: "standard deviation σ_w of the noise added to each observation, per model",
  },
  learningRate: { kind: "number", min: 0, open: "low", default: 0.02, doc: "SGD step η" },
  regularization: {
    kind: "number",
    min: 0,
    max: 1,
    default: 0.01,
    doc: "pull λ of every parameter toward its prior sample per step",
  },
  epochs: { kind: "number", integer: true, min: 0, default: 20, doc: "passes over the history at warm start" },
})

/** Options of {@link EnsembleSampling}. */
export interface EnsembleSamplingOptions extends OptionsOf<typeof ensembleSamplingOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the policy's own generator (prior samples and observation noise); default 0. */
  seed?: number
  name?: string
}

/**
 * Ensemble sampling (Lu & Van Roy 2017, "Ensemble sampling", NIPS) over a matrix factorisation of
 * user × arm clicks: M models, each predicting r̂ᵐ_ua = bᵐ_a + pᵐ_uᵀqᵐ_a, start at their own prior
 * sample θ̃ᵐ ~ N(0, σ₀²) and are fitted to their own perturbed copy of every observation,
 * r + σ_w·zᵐ (zᵐ ~ N(0, 1)), by one SGD step on
 *   (r + σ_w zᵐ − r̂ᵐ_ua)² + λ‖θᵐ − θ̃ᵐ‖²
 * (the incremental form the paper uses for its neural-network case). A visit by u draws m uniformly
 * and plays argmax_a r̂ᵐ_ua (ties uniform): the spread of the ensemble stands in for the posterior,
 * and because arm factors are shared by all users, one user's clicks shape another's exploration
 * (collaborative exploration). Propensities are exact: (1/M)·Σ_m [a maximises model m]/ties.
 * `warmStart` runs `epochs` shuffled SGD passes over the history. The prior samples and the
 * observation noise come from the policy's own generator (seeded by `seed`, restarted by `reset`),
 * so a run is reproducible. State: M·(users + K)·f factors, their prior samples, M·K biases; an
 * update costs O(M·f), a decision O(K·f); nothing is allocated per step.
 * @example
 * const p = new EnsembleSampling({ arms: 12, users: 100 })
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class EnsembleSampling implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<EnsembleSamplingOptions, "name">>>
  /** pᵐ_u at (m·users + u)·f, qᵐ_a at (m·K + a)·f, bᵐ_a at m·K (learned), and their prior samples. */
  userFactors: Float64Array
  readonly armFactors: Float64Array
  readonly bias: Float64Array
  private userPrior: Float64Array
  private readonly armPrior: Float64Array
  private readonly biasPrior: Float64Array
  private nUsers: number
  private noise: Rng
  private readonly buffer: Float64Array
  /** The model the last `select` drew (for `explain`; not state: never saved). */
  #model = 0

  constructor(options: EnsembleSamplingOptions) {
    const who = "EnsembleSampling"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { models, factors, priorSd, noiseSd, learningRate, regularization, epochs } = checkOptions(
      who,
      ensembleSamplingOptions,
      options,
    )
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, users, models, factors, priorSd, noiseSd, learningRate, regularization, epochs, seed }
    this.name = options.name ?? `ensemble-sampling-${models}`
    this.nUsers = users
    this.userFactors = new Float64Array(models * users * factors)
    this.userPrior = new Float64Array(models * users * factors)
    this.armFactors = new Float64Array(models * arms * factors)
    this.armPrior = new Float64Array(models * arms * factors)
    this.bias = new Float64Array(models * arms)
    this.biasPrior = new Float64Array(models * arms)
    this.noise = createRng(seed, 0)
    this.buffer = new Float64Array(arms)
    this.reset()
  }

  /** Runs `epochs` passes of perturbed SGD over the history's rows, in an order shuffled by `rng`. */
  warmStart(history: InteractionHistory, rng: Rng): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      const size = this.config.models * users * this.config.factors
      this.userFactors = new Float64Array(size)
      this.userPrior = new Float64Array(size)
      this.reset()
    }
    const n = history.user.length
    const order = Int32Array.from({ length: n }, (_, i) => i)
    for (let e = 0; e < this.config.epochs; e++) {
      for (let i = n - 1; i > 0; i--) {
        const j = randomInt(rng, i + 1)
        const t = order[i]
        order[i] = order[j]
        order[j] = t
      }
      for (let i = 0; i < n; i++) {
        const r = order[i]
        this.learn(history.user[r], history.arm[r], history.reward[r])
      }
    }
  }

  /** r̂ᵐ_ua for every arm into `out`. */
  private predict(m: number, u: number, out: Float64Array): Float64Array {
    const K = this.nArms
    const f = this.config.factors
    const P = this.userFactors
    const Q = this.armFactors
    const po = (m * this.nUsers + u) * f
    for (let a = 0; a < K; a++) {
      const qo = (m * K + a) * f
      let s = this.bias[m * K + a]
      for (let i = 0; i < f; i++) s += P[po + i] * Q[qo + i]
      out[a] = s
    }
    return out
  }

  probabilities(context: VisitorContext): Float64Array {
    const u = userOf(this.name, context, this.nUsers)
    const M = this.config.models
    const out = new Float64Array(this.nArms)
    const scores = new Float64Array(this.nArms)
    for (let m = 0; m < M; m++) addArgmaxMass(this.predict(m, u, scores), this.nArms, 1 / M, out)
    return out
  }

  select(context: VisitorContext, rng: Rng): number {
    const u = userOf(this.name, context, this.nUsers)
    const m = randomInt(rng, this.config.models)
    this.#model = m
    return argmaxRandomTie(this.predict(m, u, this.buffer), this.nArms, rng)
  }

  /** Why `arm` was played for the context's user: the drawn model's prediction against the ensemble's mean predictions. */
  explain(arm: number, context: VisitorContext): Explanation {
    const u = userOf(this.name, context, this.nUsers)
    const M = this.config.models
    const scores = new Float64Array(this.nArms)
    const means = new Float64Array(this.nArms)
    for (let m = 0; m < M; m++) {
      this.predict(m, u, scores)
      for (let a = 0; a < this.nArms; a++) means[a] += scores[a] / M
    }
    const drawn = this.predict(this.#model, u, scores)[arm]
    return sampleExplanation(this.name, arm, drawn, means, "ensemble mean")
  }

  /** One perturbed SGD step of every model on (u, a, r). */
  private learn(u: number, a: number, r: number): void {
    const { models: M, factors: f, noiseSd, learningRate: eta, regularization: lambda } = this.config
    const K = this.nArms
    const P = this.userFactors
    const Q = this.armFactors
    for (let m = 0; m < M; m++) {
      const po = (m * this.nUsers + u) * f
      const qo = (m * K + a) * f
      const bo = m * K + a
      let prediction = this.bias[bo]
      for (let i = 0; i < f; i++) prediction += P[po + i] * Q[qo + i]
      const e = r + noiseSd * fastNormal(this.noise) - prediction
      this.bias[bo] += eta * (e - lambda * (this.bias[bo] - this.biasPrior[bo]))
      for (let i = 0; i < f; i++) {
        const p = P[po + i]
        const q = Q[qo + i]
        P[po + i] = p + eta * (e * q - lambda * (p - this.userPrior[po + i]))
        Q[qo + i] = q + eta * (e * p - lambda * (q - this.armPrior[qo + i]))
      }
    }
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    this.learn(userOf(this.name, context, this.nUsers), arm, reward)
  }

  /** Restarts the policy's generator and so draws the same prior samples again. */
  reset(): void {
    this.noise = createRng(this.config.seed, 0)
    const sd = this.config.priorSd
    for (const [params, prior] of [
      [this.userFactors, this.userPrior],
      [this.armFactors, this.armPrior],
      [this.bias, this.biasPrior],
    ] as const) {
      for (let i = 0; i < prior.length; i++) prior[i] = sd * fastNormal(this.noise)
      params.set(prior)
    }
  }
}

/** Registry entry of {@link EnsembleSampling} (needs users in the context). */
export const ensembleSamplingPolicy = definePolicy({
  type: "ensemble-sampling",
  description: "ensemble sampling: M perturbed user × arm factor models, one drawn per step (Lu & Van Roy 2017)",
  optionsSchema: ensembleSamplingOptions,
  savable: EnsembleSampling,
  create: (options, setting) =>
    new EnsembleSampling({
      ...options,
      arms: setting.arms,
      users: setting.users(),
      seed: setting.seed,
    }) as Policy<unknown>,
})
