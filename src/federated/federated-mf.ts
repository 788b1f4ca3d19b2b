import type { Rng } from "../random/rng"
import { createRng } from "../random/rng"
import { normal } from "../random/normal"
import { BaseRecommender } from "../recommenders/base-recommender"
import { dotScores } from "../recommenders/factors"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "../recommenders/explanation"
import { addGaussianNoise, clipToNorm, type ClientUpdatePrivacy } from "./client-update-privacy"
import {
  addUserItemGradient,
  checkImplicitMfObjective,
  itemGramian,
  solveUserFactor,
  UserSolveScratch,
} from "./implicit-mf-objective"
import { OnDeviceMf } from "./on-device-mf"

/** Options of `FederatedMf` (defaults in brackets). */
export interface FederatedMfOptions {
  /** Latent dimension f [16]. */
  factors?: number
  /** Confidence slope α in c_ui = 1 + α·r_ui [2]. */
  alpha?: number
  /** L2 penalty λ on user and item factors [10]. */
  regularization?: number
  /** Communication rounds [50]. */
  rounds?: number
  /** Clients sampled without replacement per round [all]. */
  clientsPerRound?: number
  /** Local steps per round (E): each re-solves the client's user vectors, then takes one gradient step on its copy of Y [1]. */
  localSteps?: number
  /** η of the item-factor gradient step on the normalised objective J = L / nUsers [1]. */
  learningRate?: number
  /** Standard deviation of the N(0, sd²) initial item factors [0.1]. */
  initScale?: number
  /** Client of every user (length nUsers, integers ≥ 0) [each user is her own client]. */
  clientOf?: ArrayLike<number>
  /** Clip each client's item update to L2 norm S and add N(0, (zS/m)²) to the average (DP-FedAvg) [none]. */
  privacy?: ClientUpdatePrivacy
  /** Keep a copy of Y after every round in `history_` [false]. */
  keepHistory?: boolean
  /** Seed of the default generator when `fit` gets no Rng [0]. */
  seed?: number
}

type Config = Readonly<Required<Omit<FederatedMfOptions, "clientOf" | "privacy">>> & {
  readonly clientOf?: ArrayLike<number>
  readonly privacy?: ClientUpdatePrivacy
}

/**
 * Federated matrix factorisation for implicit feedback (federated collaborative filtering,
 * Ammad-ud-din et al. 2019, "Federated Collaborative Filtering for Privacy-Preserving Personalized
 * Recommendation System", arXiv:1901.09888; averaged as in FedAvg, McMahan et al. 2017).
 * The objective is ImplicitAls's L(X, Y) (see `implicitMfLoss`), normalised J = L / U over the U users.
 * The item factors Y live on the server; each user's vector x_u lives on her device and never leaves it.
 * Each round the server broadcasts Y to m sampled clients (a client holds one user or a group, `clientOf`);
 * client k with users S_k repeats `localSteps` times on its copy Y_k:
 *   x_u ← argmin ℓ_u(x, Y_k) exactly for u ∈ S_k (`solveUserFactor`),
 *   Y_k ← Y_k − η ∇_Y F_k,  F_k = (1/|S_k|) Σ_{u∈S_k} ℓ_u + (λ/U)‖Y‖²,  ℓ_u = Σ_i c_ui(p_ui − x_uᵀy_i)² + λ‖x_u‖²,
 * and uploads Δ_k = Y_k − Y; the server sets Y ← Y + Σ_k |S_k| Δ_k / Σ_k |S_k|. Since Σ_k (|S_k|/U) F_k = J,
 * one local step with every client taking part is exactly a central gradient step on J whatever the
 * partition (`fitCentralImplicitMf`).
 *
 * With `privacy` every Δ_k is clipped to L2 norm S, averaged with equal weights, and the average gets
 * N(0, (zS/m)²) noise (DP-FedAvg, McMahan et al. 2018). Without it the dense update still leaks which
 * items a single-user client touched (their gradient coefficients differ), which is why the noise matters.
 * Unknown users get popularity.
 * @example new FederatedMf({ factors: 16, rounds: 40, clientsPerRound: 500, learningRate: 1 }).fit(train, createRng(1)).recommend(0, 10)
 */
export class FederatedMf extends BaseRecommender {
  readonly name = "federated-mf"
  readonly config: Config
  /** The server's item factors Y (nItems × f) after the last round. */
  itemFactors_: Float64Array = new Float64Array(0)
  /** Each user's vector solved on her device from the final Y (nUsers × f); used only to score in simulation. */
  userFactors_: Float64Array = new Float64Array(0)
  /** history_[t] = Y after round t + 1 (with `keepHistory`). */
  history_: Float64Array[] = []
  /** Mean L2 norm of the clients' updates before clipping, per round. */
  updateNorms_: Float64Array = new Float64Array(0)

  constructor(options: FederatedMfOptions = {}) {
    super()
    const who = "FederatedMf"
    const positiveInt = (name: string, v: number, min = 1) => {
      if (!Number.isInteger(v) || v < min) throw new Error(`${who}: ${name} must be an integer >= ${min}, got ${v}`)
      return v
    }
    const positive = (name: string, v: number) => {
      if (!(Number.isFinite(v) && v > 0)) throw new Error(`${who}: ${name} must be a finite number > 0, got ${v}`)
      return v
    }
    this.config = {
      factors: options.factors ?? 16,
      alpha: options.alpha ?? 2,
      regularization: options.regularization ?? 10,
      rounds: positiveInt("rounds", options.rounds ?? 50),
      clientsPerRound: positiveInt("clientsPerRound", options.clientsPerRound ?? Number.MAX_SAFE_INTEGER),
      localSteps: positiveInt("localSteps", options.localSteps ?? 1),
      learningRate: positive("learningRate", options.learningRate ?? 1),
      initScale: positive("initScale", options.initScale ?? 0.1),
      keepHistory: options.keepHistory ?? false,
      seed: positiveInt("seed", options.seed ?? 0, 0),
      clientOf: options.clientOf,
      privacy: options.privacy,
    }
    checkImplicitMfObjective(who, this.config)
    if (options.privacy) {
      positive("privacy.clipNorm", options.privacy.clipNorm)
      if (!(Number.isFinite(options.privacy.noiseMultiplier) && options.privacy.noiseMultiplier >= 0)) {
        throw new Error(
          `${who}: privacy.noiseMultiplier must be a finite number >= 0, got ${options.privacy.noiseMultiplier}`,
        )
      }
    }
  }

  /** Initial Y and client sampling (and DP noise) come from `rng` (default `createRng(config.seed)`). */
  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { factors: f, rounds, localSteps, learningRate, privacy } = this.config
    const { nUsers, nItems } = train
    const clients = this.clients(nUsers)
    const m = Math.min(this.config.clientsPerRound, clients.length)
    const y = new Float64Array(nItems * f)
    for (let i = 0; i < y.length; i++) y[i] = normal(rng, 0, this.config.initScale)
    const local = new Float64Array(y.length)
    const grad = new Float64Array(y.length)
    const sum = new Float64Array(y.length)
    const g = new Float64Array(f * f)
    const roundGram = new Float64Array(f * f)
    const xs = new Float64Array(Math.max(...clients.map((c) => c.length)) * f)
    const scores = new Float64Array(nItems)
    const scratch = new UserSolveScratch(f)
    const pick = Int32Array.from(clients, (_, k) => k)
    const regScale = (2 * this.config.regularization) / nUsers
    this.history_ = []
    this.updateNorms_ = new Float64Array(rounds)
    for (let t = 0; t < rounds; t++) {
      // partial Fisher–Yates: the first m entries are a uniform sample without replacement
      for (let s = 0; s < m; s++) {
        const j = s + Math.floor(rng.next() * (pick.length - s))
        const tmp = pick[s]
        pick[s] = pick[j]
        pick[j] = tmp
      }
      itemGramian(y, nItems, f, roundGram)
      sum.fill(0)
      let totalWeight = 0
      for (let s = 0; s < m; s++) {
        const users = clients[pick[s]]
        local.set(y)
        for (let step = 0; step < localSteps; step++) {
          // every device computes YᵀY of its copy; at step 0 all copies equal Y, so the simulation computes it once per round
          const gram = step === 0 ? roundGram : itemGramian(local, nItems, f, g)
          for (let q = 0; q < users.length; q++)
            solveUserFactor(train, users[q], local, gram, this.config, xs, q * f, scratch)
          for (let i = 0; i < grad.length; i++) grad[i] = regScale * local[i]
          for (let q = 0; q < users.length; q++)
            addUserItemGradient(train, users[q], xs, q * f, local, this.config, 1 / users.length, grad, scores)
          for (let i = 0; i < local.length; i++) local[i] -= learningRate * grad[i]
        }
        for (let i = 0; i < local.length; i++) local[i] -= y[i]
        this.updateNorms_[t] += clipToNorm(local, privacy ? privacy.clipNorm : Infinity) / m
        const weight = privacy ? 1 : users.length
        for (let i = 0; i < sum.length; i++) sum[i] += weight * local[i]
        totalWeight += weight
      }
      for (let i = 0; i < sum.length; i++) sum[i] /= totalWeight
      if (privacy && privacy.noiseMultiplier > 0)
        addGaussianNoise(sum, (privacy.noiseMultiplier * privacy.clipNorm) / m, rng)
      for (let i = 0; i < y.length; i++) y[i] += sum[i]
      if (this.config.keepHistory) this.history_.push(Float64Array.from(y))
    }
    this.itemFactors_ = y
    this.userFactors_ = new OnDeviceMf(y, this.config).fit(train).userFactors_
  }

  protected scoreKnownUser(user: number): Float64Array {
    return dotScores(this.userFactors_, user, this.itemFactors_, this.fitted().nItems, this.config.factors)
  }

  /** One product x_uk·y_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = factorContributions(this.userFactors_, user, this.itemFactors_, item, this.config.factors)
    return additiveExplanation(item, this.scoreKnownUser(user)[item], terms, FACTOR_LEAD, "")
  }

  /** The users of every non-empty client, in user order. */
  private clients(nUsers: number): Int32Array[] {
    const clientOf = this.config.clientOf
    if (!clientOf) return Array.from({ length: nUsers }, (_, u) => Int32Array.of(u))
    if (clientOf.length !== nUsers)
      throw new Error(`FederatedMf.fit: clientOf has ${clientOf.length} entries for ${nUsers} users`)
    const groups = new Map<number, number[]>()
    for (let u = 0; u < nUsers; u++) {
      const k = clientOf[u]
      if (!(Number.isInteger(k) && k >= 0))
        throw new Error(`FederatedMf.fit: clientOf[${u}] must be a non-negative integer, got ${k}`)
      const list = groups.get(k)
      if (list) list.push(u)
      else groups.set(k, [u])
    }
    return Array.from(groups.keys())
      .sort((a, b) => a - b)
      .map((k) => Int32Array.from(groups.get(k) as number[]))
  }
}
