import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import type { SocialGraph } from "../schema/social-graph"
import type { Explanation } from "../schema/explanation"
import { betaArgmax } from "./beta-argmax"
import { sampleExplanation } from "./explain-pick"
import { monteCarloProbabilities } from "./monte-carlo"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"

/** The options of {@link FriendThompson}. */
export const friendThompsonOptions = defineOptions({
  strength: {
    kind: "number",
    min: 0,
    open: "low",
    default: 10,
    doc: "κ: how many observations a user's prior is worth",
  },
  shrinkage: {
    kind: "number",
    min: 0,
    default: 10,
    doc: "λ: pseudo-observations at the population's click rate added to the friends' (0: the friends' rate alone)",
  },
  probabilityDraws: {
    kind: "number",
    integer: true,
    min: 1,
    default: 2000,
    doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
  },
})

/** Options of {@link FriendThompson}. */
export interface FriendThompsonOptions extends OptionsOf<typeof friendThompsonOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the generator used by `probabilities`; default 0. */
  seed?: number
  name?: string
}

/**
 * Beta-Bernoulli Thompson sampling per user × arm whose prior is the user's friends' observed
 * click rates, shrunk toward the population's. With N(u) the friends of u, FS_ua = Σ_{v∈N(u)} S_va
 * and FN_ua = Σ_{v∈N(u)} n_va their clicks and showings of arm a (logged history and run so far),
 *   μ_a  = (Σ_v S_va + 1) / (Σ_v n_va + 2)              the population's click rate on a,
 *   m_ua = (FS_ua + λ·μ_a) / (FN_ua + λ)                the friends' rate shrunk toward it,
 *   θ_ua ~ Beta(κ·m_ua + S_ua, κ·(1 − m_ua) + F_ua),    A = argmax_a θ_ua,
 * λ = `shrinkage` (friends with few observations say little), κ = `strength` (the prior is worth κ
 * observations of the user's own). Where friends share a user's tastes (homophily), a user with
 * few clicks starts near their taste; without a graph, or as λ → ∞, m_ua = μ_a and the policy is
 * empirical-Bayes Thompson with a fixed prior strength ({@link HierarchicalThompson} with
 * `strength` κ), so the difference between the two is what the friends add. FS, FN and the
 * population sums are updated in O(deg(u)) per observation; a visit costs O(K) and nothing is
 * allocated per step.
 *
 * The graph arrives with the warm-start history (`history.friends`, the friend lists a real
 * system knows); no interest of the world reaches the policy. Source: friends' tastes as a prior
 * (social regularisation), Ma, Zhou, Liu, Lyu & King (2011), "Recommender systems with social
 * regularization", WSDM; homophily, McPherson, Smith-Lovin & Cook (2001); Thompson sampling with
 * an informative Beta prior, Chapelle & Li (2011); shrinkage toward the population as in
 * empirical Bayes (Efron & Morris 1975).
 * @example
 * const p = new FriendThompson({ arms: 12, users: 100, strength: 10, shrinkage: 10 })
 * p.warmStart(history) // history.friends: the friend graph
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class FriendThompson implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<FriendThompsonOptions, "name">>>
  /** S_ua and F_ua, user u's row at u·K (learned state). */
  successes: Float64Array
  failures: Float64Array
  /** FS_ua and FN_ua: the friends' clicks and showings of each arm (learned state). */
  friendClicks: Float64Array
  friendShows: Float64Array
  /** Σ_v S_va and Σ_v n_va over all users (learned state). */
  readonly populationClicks: Float64Array
  readonly populationShows: Float64Array
  /** The friend graph of the latest warm start (null: no friends known). */
  graph: SocialGraph | null = null
  private nUsers: number
  private readonly rowAlpha: Float64Array
  private readonly rowBeta: Float64Array
  /** Every arm's draw of the last `select` (for `explain`; not state: never saved). */
  readonly #draws: Float64Array

  constructor(options: FriendThompsonOptions) {
    const who = "FriendThompson"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { strength, shrinkage, probabilityDraws } = checkOptions(who, friendThompsonOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, users, strength, shrinkage, probabilityDraws, seed }
    this.name = options.name ?? "friend-thompson"
    this.nUsers = users
    this.#draws = new Float64Array(arms).fill(Number.NaN)
    this.successes = new Float64Array(users * arms)
    this.failures = new Float64Array(users * arms)
    this.friendClicks = new Float64Array(users * arms)
    this.friendShows = new Float64Array(users * arms)
    this.populationClicks = new Float64Array(arms)
    this.populationShows = new Float64Array(arms)
    this.rowAlpha = new Float64Array(arms)
    this.rowBeta = new Float64Array(arms)
  }

  /**
   * Adds each user's logged clicks and non-clicks per arm, takes the history's friend graph and
   * sums every user's friends' counts into FS and FN.
   * @throws when the graph's users differ from the history's
   */
  warmStart(history: InteractionHistory): void {
    checkHistory(this.name, history, this.nArms)
    const graph = history.friends ?? null
    if (graph && graph.nUsers !== history.nUsers)
      throw new Error(`${this.name}: the friend graph has ${graph.nUsers} users, the history ${history.nUsers}`)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.successes = new Float64Array(users * this.nArms)
      this.failures = new Float64Array(users * this.nArms)
      this.friendClicks = new Float64Array(users * this.nArms)
      this.friendShows = new Float64Array(users * this.nArms)
    }
    this.graph = graph
    const K = this.nArms
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let i = 0; i < clicks.length; i++) {
      this.successes[i] += clicks[i]
      this.failures[i] += shows[i] - clicks[i]
      this.populationClicks[i % K] += clicks[i]
      this.populationShows[i % K] += shows[i]
    }
    if (!graph) return
    for (let u = 0; u < graph.nUsers; u++)
      for (let j = graph.offsets[u]; j < graph.offsets[u + 1]; j++) {
        const v = graph.neighbours[j]
        for (let a = 0; a < K; a++) {
          this.friendClicks[u * K + a] += clicks[v * K + a]
          this.friendShows[u * K + a] += shows[v * K + a]
        }
      }
  }

  /** Fills user row `row`'s prior (κ·m_ua, κ·(1 − m_ua)) into the scratch rows. */
  private priorOf(row: number): void {
    const { strength, shrinkage } = this.config
    for (let a = 0; a < this.nArms; a++) {
      const mu = (this.populationClicks[a] + 1) / (this.populationShows[a] + 2)
      const fn = this.friendShows[row + a]
      const m = fn + shrinkage > 0 ? (this.friendClicks[row + a] + shrinkage * mu) / (fn + shrinkage) : mu
      this.rowAlpha[a] = strength * m
      this.rowBeta[a] = strength * (1 - m)
    }
  }

  /** User `user`'s prior mean m_ua at every arm (the friends' rate shrunk toward the population's). */
  priorMean(user: number): Float64Array {
    this.priorOf(userOf(this.name, { user }, this.nUsers) * this.nArms)
    return this.rowAlpha.map((alpha) => alpha / this.config.strength)
  }

  probabilities(context: VisitorContext): Float64Array {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    this.priorOf(row)
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
      betaArgmax(rng, this.rowAlpha, this.rowBeta, this.successes, this.failures, row, this.nArms, out)
    })
  }

  select(context: VisitorContext, rng: Rng): number {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    this.priorOf(row)
    return betaArgmax(rng, this.rowAlpha, this.rowBeta, this.successes, this.failures, row, this.nArms, this.#draws)
  }

  /** Why `arm` was played for the context's user: its draw of the last `select` against the user's posterior means. */
  explain(arm: number, context: VisitorContext): Explanation {
    checkArm(this.name, arm, this.nArms)
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    this.priorOf(row)
    const means = new Float64Array(this.nArms)
    for (let a = 0; a < this.nArms; a++) {
      const s = this.rowAlpha[a] + this.successes[row + a]
      means[a] = s / (s + this.rowBeta[a] + this.failures[row + a])
    }
    return sampleExplanation(this.name, arm, this.#draws[arm], means)
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    const u = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    this.successes[u * K + arm] += reward
    this.failures[u * K + arm] += 1 - reward
    this.populationClicks[arm] += reward
    this.populationShows[arm] += 1
    const g = this.graph
    if (!g || u >= g.nUsers) return
    for (let j = g.offsets[u]; j < g.offsets[u + 1]; j++) {
      const cell = g.neighbours[j] * K + arm
      this.friendClicks[cell] += reward
      this.friendShows[cell] += 1
    }
  }

  /** Back to the state after construction: no counts and no graph (the next warm start brings it). */
  reset(): void {
    this.successes.fill(0)
    this.failures.fill(0)
    this.friendClicks.fill(0)
    this.friendShows.fill(0)
    this.populationClicks.fill(0)
    this.populationShows.fill(0)
    this.graph = null
  }
}

/** Registry entry of {@link FriendThompson} (needs users in the context; friends from an environment with `friends`). */
export const friendThompsonPolicy = definePolicy({
  type: "friend-thompson",
  description:
    "per-user Beta Thompson sampling whose prior is the friends' observed click rates (needs a friend graph: ecommerce `friends`)",
  optionsSchema: friendThompsonOptions,
  savable: FriendThompson,
  create: (options, setting) =>
    new FriendThompson({
      ...options,
      arms: setting.arms,
      users: setting.users(),
      seed: setting.seed,
    }) as Policy<unknown>,
})
