import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { fastBeta } from "../random/fast-random"
import { monteCarloProbabilities } from "./monte-carlo"
import { RewardWindow } from "./reward-window"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { betaThompsonOptions } from "./thompson-beta"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

interface ForgettingOptions extends OptionsOf<typeof betaThompsonOptions.fields> {
  arms: number
  seed?: number
  name?: string
}

/** The options of {@link DiscountedThompson}. */
export const discountedThompsonOptions = defineOptions({
  discount: {
    kind: "number",
    min: 0,
    max: 1,
    open: "low",
    default: 0.99,
    doc: "discount γ: every step the successes and failures of all arms are multiplied by γ",
  },
  ...betaThompsonOptions.fields,
})

/** The options of {@link SlidingWindowThompson}. */
export const slidingWindowThompsonOptions = defineOptions({
  window: {
    kind: "number",
    integer: true,
    min: 1,
    default: 1000,
    doc: "window τ: each posterior uses the last τ plays only",
  },
  ...betaThompsonOptions.fields,
})

/** Shared part of the forgetting Beta-Bernoulli samplers: successes/failures live in subclasses. */
abstract class ForgettingThompson implements Policy<unknown> {
  abstract readonly name: string
  readonly nArms: number
  protected readonly base: Readonly<{
    arms: number
    priorAlpha: number
    priorBeta: number
    probabilityDraws: number
    seed: number
  }>
  /** The winning draw of the last `select` (for `explain`; not state: never saved). */
  #draw = Number.NaN

  protected constructor(options: ForgettingOptions, who: string) {
    this.nArms = checkArms(who, options.arms)
    const { priorAlpha, priorBeta, probabilityDraws } = checkOptions(who, betaThompsonOptions, options)
    this.base = {
      arms: this.nArms,
      priorAlpha,
      priorBeta,
      probabilityDraws,
      seed: checkInteger(who, "seed", options.seed ?? 0, 0),
    }
  }

  protected abstract successes(arm: number): number
  protected abstract failures(arm: number): number
  protected abstract learn(arm: number, reward: number): void
  abstract reset(): void

  probabilities(): Float64Array {
    const { priorAlpha, priorBeta } = this.base
    return monteCarloProbabilities(this.nArms, this.base.probabilityDraws, this.base.seed, (rng, out) => {
      for (let a = 0; a < this.nArms; a++)
        out[a] = fastBeta(rng, priorAlpha + this.successes(a), priorBeta + this.failures(a))
    })
  }

  select(_context: unknown, rng: Rng): number {
    let best = 0
    let bestValue = -1
    for (let a = 0; a < this.nArms; a++) {
      const v = fastBeta(rng, this.base.priorAlpha + this.successes(a), this.base.priorBeta + this.failures(a))
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
    this.#draw = bestValue
    return best
  }

  /** Why `arm` was played: its draw of the last `select` against the posterior means of the forgetting counts. */
  explain(arm: number): Explanation {
    const { priorAlpha, priorBeta } = this.base
    const means = new Float64Array(this.nArms)
    for (let a = 0; a < this.nArms; a++) {
      const s = priorAlpha + this.successes(a)
      means[a] = s / (s + priorBeta + this.failures(a))
    }
    return sampleExplanation(this.name, arm, this.#draw, means)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    this.learn(arm, reward)
  }
}

/**
 * Discounted Thompson sampling: every step S_a ← γ·S_a, F_a ← γ·F_a for all arms, then the
 * played arm gets S += r, F += 1 − r; draw θ_a ~ Beta(α₀ + S_a, β₀ + F_a).
 * Source: Raj & Kalyani (2017), "Taming non-stationary bandits: a Bayesian approach", arXiv:1707.09727.
 * @example new DiscountedThompson({ arms: 10, discount: 0.99 })
 */
export class DiscountedThompson extends ForgettingThompson {
  readonly name: string
  readonly config: Readonly<{
    arms: number
    discount: number
    priorAlpha: number
    priorBeta: number
    probabilityDraws: number
    seed: number
  }>
  private readonly s: Float64Array
  private readonly f: Float64Array

  constructor(options: ForgettingOptions & { discount?: number }) {
    super(options, "DiscountedThompson")
    const { discount } = checkOptions("DiscountedThompson", discountedThompsonOptions, options)
    this.config = { ...this.base, discount }
    this.name = options.name ?? `d-thompson-${discount}`
    this.s = new Float64Array(this.nArms)
    this.f = new Float64Array(this.nArms)
  }

  protected successes(arm: number): number {
    return this.s[arm]
  }
  protected failures(arm: number): number {
    return this.f[arm]
  }
  protected learn(arm: number, reward: number): void {
    const g = this.config.discount
    for (let a = 0; a < this.nArms; a++) {
      this.s[a] *= g
      this.f[a] *= g
    }
    this.s[arm] += reward
    this.f[arm] += 1 - reward
  }
  reset(): void {
    this.s.fill(0)
    this.f.fill(0)
  }
}

/**
 * Sliding-window Thompson sampling: the Beta posterior of each arm uses only the last τ plays.
 * Source: Trovò, Paladino, Restelli & Gatti (2020), "Sliding-window Thompson sampling for
 * non-stationary settings", JAIR 68.
 * @example new SlidingWindowThompson({ arms: 10, window: 500 })
 */
export class SlidingWindowThompson extends ForgettingThompson {
  readonly name: string
  readonly config: Readonly<{
    arms: number
    window: number
    priorAlpha: number
    priorBeta: number
    probabilityDraws: number
    seed: number
  }>
  private readonly window: RewardWindow

  constructor(options: ForgettingOptions & { window?: number }) {
    super(options, "SlidingWindowThompson")
    const { window } = checkOptions("SlidingWindowThompson", slidingWindowThompsonOptions, options)
    this.config = { ...this.base, window }
    this.name = options.name ?? `sw-thompson-${window}`
    this.window = new RewardWindow(this.nArms, window)
  }

  protected successes(arm: number): number {
    return this.window.sums[arm]
  }
  protected failures(arm: number): number {
    return this.window.counts[arm] - this.window.sums[arm]
  }
  protected learn(arm: number, reward: number): void {
    this.window.push(arm, reward)
  }
  reset(): void {
    this.window.clear()
  }
}

/** Registry entry of {@link DiscountedThompson}. */
export const discountedThompsonPolicy = definePolicy({
  type: "discounted-thompson",
  description:
    "discounted Thompson sampling for drifting rewards in [0, 1]: Beta counts decay by γ each step (Raj & Kalyani 2017)",
  optionsSchema: discountedThompsonOptions,
  savable: DiscountedThompson,
  create: (options, setting) => new DiscountedThompson({ ...options, arms: setting.arms, seed: setting.seed }),
})

/** Registry entry of {@link SlidingWindowThompson}. */
export const slidingWindowThompsonPolicy = definePolicy({
  type: "sliding-window-thompson",
  description:
    "sliding-window Thompson sampling for drifting rewards in [0, 1]: posteriors over the last τ plays (Trovò et al. 2020)",
  optionsSchema: slidingWindowThompsonOptions,
  savable: SlidingWindowThompson,
  create: (options, setting) => new SlidingWindowThompson({ ...options, arms: setting.arms, seed: setting.seed }),
})
