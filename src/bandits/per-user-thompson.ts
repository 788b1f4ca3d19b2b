import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { betaArgmax } from "./beta-argmax"
import { monteCarloProbabilities } from "./monte-carlo"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link PerUserThompson}. */
export const perUserThompsonOptions = defineOptions({
  priorAlpha: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta α₀ of every user × arm" },
  priorBeta: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta β₀ of every user × arm" },
  probabilityDraws: {
    kind: "number",
    integer: true,
    min: 1,
    default: 2000,
    doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
  },
})

/** Options of {@link PerUserThompson}. */
export interface PerUserThompsonOptions extends OptionsOf<typeof perUserThompsonOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the generator used by `probabilities`; default 0. */
  seed?: number
  name?: string
}

/**
 * Independent Beta-Bernoulli Thompson sampling per user × arm, the naive personalised baseline:
 * user u at arm a has posterior Beta(α₀ + S_ua, β₀ + F_ua) from that user's own successes and
 * failures only; a visit by u draws θ_ua from each and plays argmax_a θ_ua. Nothing is shared
 * between users, so every user starts from the flat prior and pays the whole exploration cost.
 * `warmStart` adds the history's clicks and non-clicks of each user × arm to S and F (the
 * likelihood of a Bernoulli observation does not depend on why the arm was shown, so the counts
 * need no importance weights). Source: Thompson (1933); Chapelle & Li (2011); per-user tables as
 * the "disjoint" baseline of Li et al. (2010). State: two Float64Arrays of users × K.
 * @example
 * const p = new PerUserThompson({ arms: 12, users: 100 })
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class PerUserThompson implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<PerUserThompsonOptions, "name">>>
  /** S_ua and F_ua, user u's row at u·K (learned state). */
  successes: Float64Array
  failures: Float64Array
  private nUsers: number
  private readonly priorAlpha: Float64Array
  private readonly priorBeta: Float64Array
  /** Every arm's draw of the last `select` (for `explain`; not state: never saved). */
  readonly #draws: Float64Array

  constructor(options: PerUserThompsonOptions) {
    const who = "PerUserThompson"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { priorAlpha, priorBeta, probabilityDraws } = checkOptions(who, perUserThompsonOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, users, priorAlpha, priorBeta, probabilityDraws, seed }
    this.name = options.name ?? "per-user-thompson"
    this.nUsers = users
    this.successes = new Float64Array(users * arms)
    this.failures = new Float64Array(users * arms)
    this.priorAlpha = new Float64Array(arms).fill(priorAlpha)
    this.priorBeta = new Float64Array(arms).fill(priorBeta)
    this.#draws = new Float64Array(arms).fill(Number.NaN)
  }

  /** Adds each user's logged clicks (S) and non-clicks (F) per arm; enlarges the tables to the history's users. */
  warmStart(history: InteractionHistory): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.successes = new Float64Array(users * this.nArms)
      this.failures = new Float64Array(users * this.nArms)
    }
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let i = 0; i < clicks.length; i++) {
      this.successes[i] += clicks[i]
      this.failures[i] += shows[i] - clicks[i]
    }
  }

  probabilities(context: VisitorContext): Float64Array {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
      betaArgmax(rng, this.priorAlpha, this.priorBeta, this.successes, this.failures, row, this.nArms, out)
    })
  }

  select(context: VisitorContext, rng: Rng): number {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    return betaArgmax(rng, this.priorAlpha, this.priorBeta, this.successes, this.failures, row, this.nArms, this.#draws)
  }

  /** Why `arm` was played for the context's user: its draw of the last `select` against the user's posterior means. */
  explain(arm: number, context: VisitorContext): Explanation {
    const row = userOf(this.name, context, this.nUsers) * this.nArms
    const means = new Float64Array(this.nArms)
    for (let a = 0; a < this.nArms; a++) {
      const s = this.priorAlpha[a] + this.successes[row + a]
      means[a] = s / (s + this.priorBeta[a] + this.failures[row + a])
    }
    return sampleExplanation(this.name, arm, this.#draws[arm], means)
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    const cell = userOf(this.name, context, this.nUsers) * this.nArms + arm
    this.successes[cell] += reward
    this.failures[cell] += 1 - reward
  }

  reset(): void {
    this.successes.fill(0)
    this.failures.fill(0)
  }
}

/** Registry entry of {@link PerUserThompson} (needs users in the context). */
export const perUserThompsonPolicy = definePolicy({
  type: "per-user-thompson",
  description: "Thompson sampling with one Beta-Bernoulli posterior per user × arm, rewards in [0, 1]",
  optionsSchema: perUserThompsonOptions,
  savable: PerUserThompson,
  create: (options, setting) =>
    new PerUserThompson({
      ...options,
      arms: setting.arms,
      users: setting.users(),
      seed: setting.seed,
    }) as Policy<unknown>,
})
