import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { indexExplanation } from "./explain-pick"

/** The options of {@link PerUserUcb}. */
export const perUserUcbOptions = defineOptions({
  c: { kind: "number", min: 0, default: Math.SQRT2, doc: "width c of the bound (√2: UCB1)" },
})

/** Options of {@link PerUserUcb}. */
export interface PerUserUcbOptions extends OptionsOf<typeof perUserUcbOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  name?: string
}

/**
 * UCB1 kept separately for every user: user u at arm a has index
 *   Q_ua + c·sqrt(ln n_u / N_ua),
 * Q_ua the mean reward u gave arm a over N_ua showings, n_u = Σ_a N_ua; arms u has never been
 * shown come first (index +∞), ties uniformly. Nothing is shared between users (the naive
 * personalised baseline). `warmStart` seeds N and Q with the history's impressions and clicks.
 * Source: Auer, Cesa-Bianchi & Fischer (2002), "Finite-time analysis of the multiarmed bandit
 * problem", Machine Learning 47, UCB1 (c = √2). State: three Float64Arrays of users × K or users.
 * @example
 * const p = new PerUserUcb({ arms: 12, users: 100 })
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class PerUserUcb implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<PerUserUcbOptions, "name">>>
  /** N_ua and Q_ua, user u's row at u·K, and n_u (learned state). */
  counts: Float64Array
  values: Float64Array
  visits: Float64Array
  private nUsers: number
  private readonly buffer: Float64Array

  constructor(options: PerUserUcbOptions) {
    const who = "PerUserUcb"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { c } = checkOptions(who, perUserUcbOptions, options)
    this.nArms = arms
    this.config = { arms, users, c }
    this.name = options.name ?? "per-user-ucb"
    this.nUsers = users
    this.counts = new Float64Array(users * arms)
    this.values = new Float64Array(users * arms)
    this.visits = new Float64Array(users)
    this.buffer = new Float64Array(arms)
  }

  /** Seeds N_ua, Q_ua and n_u with each user's logged impressions and clicks. */
  warmStart(history: InteractionHistory): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.counts = new Float64Array(users * this.nArms)
      this.values = new Float64Array(users * this.nArms)
      this.visits = new Float64Array(users)
    }
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let i = 0; i < shows.length; i++) {
      if (shows[i] === 0) continue
      const n = this.counts[i] + shows[i]
      this.values[i] += (clicks[i] - shows[i] * this.values[i]) / n
      this.counts[i] = n
      this.visits[(i / this.nArms) | 0] += shows[i]
    }
  }

  /** Every arm's index for `context`'s user into `out`. */
  indices(context: VisitorContext, out: Float64Array): Float64Array {
    const u = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    const row = u * K
    const logN = Math.log(Math.max(1, this.visits[u]))
    const c = this.config.c
    for (let a = 0; a < K; a++) {
      const n = this.counts[row + a]
      out[a] = n === 0 ? Infinity : this.values[row + a] + c * Math.sqrt(logN / n)
    }
    return out
  }

  probabilities(context: VisitorContext): Float64Array {
    return addArgmaxMass(
      this.indices(context, new Float64Array(this.nArms)),
      this.nArms,
      1,
      new Float64Array(this.nArms),
    )
  }

  select(context: VisitorContext, rng: Rng): number {
    return argmaxRandomTie(this.indices(context, this.buffer), this.nArms, rng)
  }

  /** Why `arm` was played for the context's user: the user's mean Q_ua plus the bonus; "exploit" when it is the user's best mean. */
  explain(arm: number, context: VisitorContext): Explanation {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    const index = this.indices(context, new Float64Array(this.nArms))[arm]
    return indexExplanation(this.name, arm, index, this.values.slice(row, row + this.nArms), "your mean")
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const u = userOf(this.name, context, this.nUsers)
    const cell = u * this.nArms + arm
    const n = ++this.counts[cell]
    this.values[cell] += (reward - this.values[cell]) / n
    this.visits[u]++
  }

  reset(): void {
    this.counts.fill(0)
    this.values.fill(0)
    this.visits.fill(0)
  }
}

/** Registry entry of {@link PerUserUcb} (needs users in the context). */
export const perUserUcbPolicy = definePolicy({
  type: "per-user-ucb",
  description: "UCB with one table of counts and means per user × arm",
  optionsSchema: perUserUcbOptions,
  savable: PerUserUcb,
  create: (options, setting) =>
    new PerUserUcb({ ...options, arms: setting.arms, users: setting.users() }) as Policy<unknown>,
})
