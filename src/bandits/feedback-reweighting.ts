import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { sampleIndex } from "./argmax"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { probabilityExplanation } from "./explain-pick"

/** The options of {@link FeedbackReweighting}. */
export const feedbackReweightingOptions = defineOptions({
  learningRate: {
    kind: "number",
    min: 0,
    open: "low",
    default: 0.5,
    doc: "step η on the log-weight per unit of feedback",
  },
  decay: {
    kind: "number",
    min: 0,
    max: 1,
    open: "high",
    default: 0.01,
    doc: "forgetting per update: every log-weight of the user shrinks by this fraction toward 0",
  },
  exploration: {
    kind: "number",
    min: 0,
    max: 1,
    default: 0.05,
    doc: "exploration floor γ: p = (1 − γ)·softmax(w) + γ/K",
  },
  skipFeedback: {
    kind: "number",
    min: -1,
    max: 1,
    default: 0,
    doc: "feedback assigned to a reward of exactly 0 (no click: a weak dislike)",
  },
})

/** Options of {@link FeedbackReweighting}. */
export interface FeedbackReweightingOptions extends OptionsOf<typeof feedbackReweightingOptions.fields> {
  arms: number
  /** Number of separate user profiles; contexts then carry `user` in [0, users); default 1 (one shared profile, `user` ignored). */
  users?: number
  name?: string
}

/** The context of {@link FeedbackReweighting}: whose profile to use (absent: profile 0). */
export interface UserContext {
  readonly user?: number
}

/**
 * Like/dislike re-weighting, seed 001 §三's unfinished `adjust_recommendations` done properly: each
 * user has a log-weight per arm (category); a like (reward > 0) adds η·reward, a dislike
 * (reward < 0) subtracts η·|reward|, a skip (reward 0) adds η·skipFeedback; all of that user's
 * log-weights first shrink by `decay` so old feedback fades and weights stay bounded. Arms are
 * drawn from p = (1 − γ)·softmax(w) + γ/K, so a disliked category is shown less but never
 * banished (the exploration floor lets a changed mind be noticed).
 * This is exponentiated-gradient / Hedge re-weighting (Littlestone & Warmuth 1994) with a uniform
 * mixture as in EXP3 (Auer et al. 2002).
 * @example
 * const p = new FeedbackReweighting({ arms: 4 })
 * p.update(0, +1, {}); p.update(2, -1, {}) // like "手机", dislike "连衣裙"
 * p.probabilities({}) // arm 0 up, arm 2 down, none below γ/K
 */
export class FeedbackReweighting implements Policy<UserContext | undefined> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<FeedbackReweightingOptions, "name">>>
  /** Log-weights, user u's row at u·K (learned state). */
  readonly logWeights: Float64Array
  private readonly buffer: Float64Array

  constructor(options: FeedbackReweightingOptions) {
    const who = "FeedbackReweighting"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { learningRate, decay, exploration, skipFeedback } = checkOptions(who, feedbackReweightingOptions, options)
    this.nArms = arms
    this.config = { arms, users, learningRate, decay, exploration, skipFeedback }
    this.name = options.name ?? "feedback-reweighting"
    this.logWeights = new Float64Array(arms * users)
    this.buffer = new Float64Array(arms)
  }

  private rowOf(context: UserContext | undefined): number {
    if (this.config.users === 1) return 0
    const u = context?.user ?? 0
    if (!(Number.isInteger(u) && u >= 0 && u < this.config.users)) {
      throw new Error(
        `${this.name}: context.user must be an integer in [0, ${this.config.users - 1}], got ${String(u)}`,
      )
    }
    return u * this.nArms
  }

  private fill(row: number, out: Float64Array): Float64Array {
    const K = this.nArms
    let max = -Infinity
    for (let a = 0; a < K; a++) if (this.logWeights[row + a] > max) max = this.logWeights[row + a]
    let total = 0
    for (let a = 0; a < K; a++) {
      out[a] = Math.exp(this.logWeights[row + a] - max)
      total += out[a]
    }
    const g = this.config.exploration
    for (let a = 0; a < K; a++) out[a] = (1 - g) * (out[a] / total) + g / K
    return out
  }

  probabilities(context: UserContext | undefined): Float64Array {
    return this.fill(this.rowOf(context), new Float64Array(this.nArms))
  }

  select(context: UserContext | undefined, rng: Rng): number {
    return sampleIndex(this.fill(this.rowOf(context), this.buffer), this.nArms, rng)
  }

  /** Why `arm` was drawn for the context's user: its probability against the most probable arm's. */
  explain(arm: number, context: UserContext | undefined): Explanation {
    return probabilityExplanation(this.name, arm, this.probabilities(context))
  }

  update(arm: number, reward: number, context: UserContext | undefined): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const row = this.rowOf(context)
    const keep = 1 - this.config.decay
    for (let a = 0; a < this.nArms; a++) this.logWeights[row + a] *= keep
    const feedback = reward === 0 ? this.config.skipFeedback : reward
    this.logWeights[row + arm] += this.config.learningRate * feedback
  }

  reset(): void {
    this.logWeights.fill(0)
  }
}

/** The options of a `feedback-reweighting` config entry: `perUser` picks how many profiles to keep. */
export const feedbackReweightingConfigOptions = defineOptions({
  perUser: {
    kind: "boolean",
    default: false,
    doc: "one profile per user of the context (needs users), else one shared profile",
  },
  ...feedbackReweightingOptions.fields,
})

/** Registry entry of {@link FeedbackReweighting}. */
export const feedbackReweightingPolicy = definePolicy({
  type: "feedback-reweighting",
  description:
    "like/dislike re-weighting: exponentiated-gradient log-weights per arm with an exploration floor (Hedge, EXP3 mixture)",
  optionsSchema: feedbackReweightingConfigOptions,
  savable: FeedbackReweighting,
  create: ({ perUser, ...options }, setting) => {
    const users = checkOptions("FeedbackReweighting", feedbackReweightingConfigOptions, { perUser }).perUser
      ? setting.users()
      : 1
    return new FeedbackReweighting({ ...options, arms: setting.arms, users }) as Policy<unknown>
  },
})
