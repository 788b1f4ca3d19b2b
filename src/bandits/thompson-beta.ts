import type { Rng } from "../random/rng"
import type { ScoringPolicy } from "./scorer"
import { betaCached, gammaC, gammaD } from "../random/fast-random"
import { monteCarloProbabilities } from "./monte-carlo"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link BetaThompson} (and of the other Beta-Bernoulli samplers). */
export const betaThompsonOptions = defineOptions({
  priorAlpha: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta α₀ of every arm" },
  priorBeta: { kind: "number", min: 0, open: "low", default: 1, doc: "prior Beta β₀ of every arm" },
  probabilityDraws: {
    kind: "number",
    integer: true,
    min: 1,
    default: 2000,
    doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
  },
})

/** Options of {@link BetaThompson}. */
export interface BetaThompsonOptions extends OptionsOf<typeof betaThompsonOptions.fields> {
  arms: number
  /** Seed of the policy's own generator used by `probabilities`; default 0. */
  seed?: number
  name?: string
}

/**
 * Thompson sampling with Beta-Bernoulli posteriors: draw θ_a ~ Beta(α₀ + S_a, β₀ + F_a) for
 * every arm, play argmax θ_a. A reward r ∈ [0, 1] adds r to S and 1 − r to F (the fractional
 * update; equals the Bernoulli one for 0/1 rewards). Source: Thompson (1933); Chapelle & Li (2011),
 * "An empirical evaluation of Thompson sampling", NIPS; Agrawal & Goyal (2012) for its optimality.
 * Propensities are estimated by Monte Carlo with `probabilityDraws` draws.
 * @example const ts = new BetaThompson({ arms: 10 }); ts.update(ts.select(undefined, rng), 1, undefined)
 */
export class BetaThompson implements ScoringPolicy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<BetaThompsonOptions, "name">>>
  /** Posterior parameters α_a and β_a (learned state). */
  readonly alpha: Float64Array
  readonly beta: Float64Array
  /** Marsaglia–Tsang constants d, c of every arm's two Gamma shapes, refreshed when the arm is updated. */
  private readonly dA: Float64Array
  private readonly cA: Float64Array
  private readonly dB: Float64Array
  private readonly cB: Float64Array
  /** The winning draw of the last `select` (for `explain`; not state: never saved). */
  #draw = Number.NaN

  constructor(options: BetaThompsonOptions) {
    const who = "BetaThompson"
    const arms = checkArms(who, options.arms)
    const { priorAlpha, priorBeta, probabilityDraws } = checkOptions(who, betaThompsonOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, priorAlpha, priorBeta, probabilityDraws, seed }
    this.name = options.name ?? "thompson"
    this.alpha = new Float64Array(arms).fill(priorAlpha)
    this.beta = new Float64Array(arms).fill(priorBeta)
    this.dA = new Float64Array(arms)
    this.cA = new Float64Array(arms)
    this.dB = new Float64Array(arms)
    this.cB = new Float64Array(arms)
    for (let a = 0; a < arms; a++) this.refresh(a)
  }

  private refresh(arm: number): void {
    const da = gammaD(this.alpha[arm])
    const db = gammaD(this.beta[arm])
    this.dA[arm] = da
    this.cA[arm] = gammaC(da)
    this.dB[arm] = db
    this.cB[arm] = gammaC(db)
  }

  /** θ_a ~ Beta(α_a, β_a) with the cached constants. */
  private draw(rng: Rng, a: number): number {
    return betaCached(rng, this.alpha[a], this.dA[a], this.cA[a], this.beta[a], this.dB[a], this.cB[a])
  }

  /** One posterior draw per arm (a `ScoringPolicy`). */
  scores(_context: unknown, rng: Rng, out: Float64Array): Float64Array {
    for (let a = 0; a < this.nArms; a++) out[a] = this.draw(rng, a)
    return out
  }

  probabilities(): Float64Array {
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
      for (let a = 0; a < this.nArms; a++) out[a] = this.draw(rng, a)
    })
  }

  select(_context: unknown, rng: Rng): number {
    let best = 0
    let bestValue = -1
    for (let a = 0; a < this.nArms; a++) {
      const v = this.draw(rng, a)
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
    this.#draw = bestValue
    return best
  }

  /** Why `arm` was played: its draw of the last `select` against the posterior means α/(α + β). */
  explain(arm: number): Explanation {
    const means = this.alpha.map((a, i) => a / (a + this.beta[i]))
    return sampleExplanation(this.name, arm, this.#draw, means)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    this.alpha[arm] += reward
    this.beta[arm] += 1 - reward
    this.refresh(arm)
  }

  reset(): void {
    this.alpha.fill(this.config.priorAlpha)
    this.beta.fill(this.config.priorBeta)
    for (let a = 0; a < this.nArms; a++) this.refresh(a)
  }
}

/** Registry entry of {@link BetaThompson}. */
export const betaThompsonPolicy = definePolicy({
  type: "thompson",
  description:
    "Thompson sampling with Beta-Bernoulli posteriors, rewards in [0, 1] (Thompson 1933; Chapelle & Li 2011)",
  optionsSchema: betaThompsonOptions,
  savable: BetaThompson,
  create: (options, setting) => new BetaThompson({ ...options, arms: setting.arms, seed: setting.seed }),
})
