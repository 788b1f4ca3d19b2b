import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { betaArgmax } from "./beta-argmax"
import { wilsonHilfertyArgmax } from "./wilson-hilferty-argmax"
import { WilsonHilfertySimd } from "./wilson-hilferty-simd"
import { monteCarloProbabilities } from "./monte-carlo"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import { formatValue } from "../schema/explanation"

/** The options of {@link HierarchicalThompson}. */
export const hierarchicalThompsonOptions = defineOptions(
  {
    strength: {
      kind: "number",
      min: 0,
      open: "low",
      doc: "a fixed prior strength s = α + β of every arm's population prior; unset: fitted by the method of moments",
    },
    minStrength: { kind: "number", min: 0, open: "low", default: 2, doc: "lower bound of the fitted strength" },
    maxStrength: {
      kind: "number",
      min: 0,
      open: "low",
      default: 50,
      doc: "upper bound of the fitted strength (>= minStrength)",
    },
    probabilityDraws: {
      kind: "number",
      integer: true,
      min: 1,
      default: 2000,
      doc: "Monte Carlo draws for the propensities (standard error ≤ 0.5/√draws)",
    },
    approximate: {
      kind: "boolean",
      default: false,
      doc: "draw each posterior by a one-normal Wilson–Hilferty approximation (≈ 1.5× the decisions/s at 50 arms; chosen-arm distribution within a total variation of ≈ 0.035 of the exact one) instead of exactly by two gammas",
    },
    simd: {
      kind: "boolean",
      default: false,
      doc: "with approximate: true, run the same Wilson–Hilferty draw in single precision, four arms per WebAssembly SIMD instruction, on counter-based Box–Muller normals (≈ 3× the decisions/s of approximate alone at 50 arms; same chosen-arm distribution, other draws; a JavaScript fall-back gives the same picks where WebAssembly is missing)",
    },
  },
  ({ minStrength, maxStrength, simd, approximate }) =>
    maxStrength < minStrength
      ? { option: "maxStrength", rule: `must be >= minStrength (${minStrength})` }
      : simd && !approximate
        ? { option: "simd", rule: "must be false unless approximate is true" }
        : null,
)

/** Options of {@link HierarchicalThompson}. */
export interface HierarchicalThompsonOptions extends OptionsOf<typeof hierarchicalThompsonOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the generator used by `probabilities`; default 0. */
  seed?: number
  name?: string
}

/**
 * Hierarchical (empirical-Bayes) Beta-Bernoulli Thompson sampling. Each user u's click rate on arm
 * a is drawn from a population prior Beta(s_a·μ_a, s_a·(1 − μ_a)); user u's posterior is
 *   Beta(s_a μ_a + S_ua, s_a (1 − μ_a) + F_ua),
 * a visit by u draws θ_ua from each arm's posterior and plays argmax_a θ_ua. A new user starts at
 * the population's taste instead of a flat prior; a user with many observations follows their own.
 *
 * The prior is fitted by the method of moments for the beta-binomial (Kleinman 1973, "Proportions
 * with extraneous variance", JASA 68) over all users with n_ua = S_ua + F_ua > 0 showings of a:
 *   μ_a = (Σ_u S_ua + 1)/(Σ_u n_ua + 2),
 *   σ²_a = [Σ_u n_ua (p_ua − μ_a)² − μ_a(1 − μ_a)(U_a − 1)] / [N_a − Σ_u n_ua²/N_a],
 * p_ua = S_ua/n_ua, N_a = Σ_u n_ua, U_a the number of such users; then, since a Beta with mean μ
 * and strength s has variance μ(1 − μ)/(s + 1), s_a = μ_a(1 − μ_a)/σ²_a − 1 clamped to
 * [minStrength, maxStrength] (maxStrength when σ²_a ≤ 0 or U_a < 2), unless `strength` fixes it.
 * The sums Σ S, Σ n, Σ S²/n, Σ n² are kept per arm and corrected in O(1) on every update, so the
 * prior is refitted online after every observation, from the warm-start history and the run.
 * Source: Kleinman (1973); empirical-Bayes Thompson as in Hsu, Kveton, Meshi, Mladenov &
 * Szepesvári (2019), "Empirical Bayes regret minimization", and Kveton et al. (2021), "Meta-Thompson
 * sampling", ICML. State: S, F (users × K) and five numbers per arm; nothing allocated per step.
 * With `approximate: true` a decision draws each posterior by the one-normal Wilson–Hilferty
 * approximation of {@link wilsonHilfertyArgmax} (one normal per arm instead of two gammas), for
 * systems where 2K gammas per visit are too slow; the default is the exact sampler. With `simd: true` as
 * well, the same formula θ = m·(1 − r²/9 + z·r/3)³ runs in single precision in WebAssembly SIMD, four arms
 * per instruction, on counter-based normals ({@link WilsonHilfertySimd}: two generator words per decision,
 * arm a's normal a Box–Muller draw from the hashed words of counters a and a ± 4, accurate to 10⁻⁶ against
 * the exact transform of the same words, θ to 2·10⁻⁶ of the mean). The kernel's single-precision table of S
 * and F is then the state: a decision reads and writes one user's row of it and nothing else (S and F count in
 * f32, exact below 2²⁴), and the arrays `successes` and `failures` are brought up to date from it when read
 * (after writing them directly, call `restored()`). Where WebAssembly is missing a JavaScript fall-back
 * gives the same bits. Its chosen-arm distribution is that of `approximate: true` (test/bandits/
 * wilson-hilferty-simd.test.ts: the same six states, total variation to the exact sampler 0.0004–0.035);
 * its draws differ from `approximate: true` alone, so picks do too.
 * @example
 * const p = new HierarchicalThompson({ arms: 12, users: 100 })
 * p.warmStart(history, rng)
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class HierarchicalThompson implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<
    Required<Omit<HierarchicalThompsonOptions, "name" | "strength" | "approximate" | "simd">> & {
      strength: number | null
      approximate?: true
      simd?: true
    }
  >
  /**
   * S_ua and F_ua, user u's row at u·K (learned state). With `simd`, the kernel's table is the state and these
   * arrays its copy, brought up to date when read; after writing them directly, call `restored()`.
   */
  declare readonly successes: Float64Array
  declare readonly failures: Float64Array
  #successes: Float64Array
  #failures: Float64Array
  /** With `simd`: whether the kernel's counts changed since the arrays were last brought up to date. */
  #stale = false
  /** The population prior Beta(α_a, β_a) = Beta(s_a μ_a, s_a (1 − μ_a)) of every arm (learned state). */
  priorAlpha: Float64Array
  priorBeta: Float64Array
  private nUsers: number
  /** Per arm: Σ_u S_ua, Σ_u n_ua, Σ_u S_ua²/n_ua, Σ_u n_ua², number of users with n_ua > 0. */
  private readonly sumS: Float64Array
  private readonly sumN: Float64Array
  private readonly sumS2N: Float64Array
  private readonly sumN2: Float64Array
  private readonly usersSeen: Float64Array
  /** With `simd`: the kernel, with S and F (the state) and a copy of the priors, in single precision. */
  #kernel: WilsonHilfertySimd | null = null
  /** With `simd`: the S and F of the cell being updated. */
  readonly #cell = new Float64Array(2)

  constructor(options: HierarchicalThompsonOptions) {
    const who = "HierarchicalThompson"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { strength, minStrength, maxStrength, probabilityDraws, approximate, simd } = checkOptions(
      who,
      hierarchicalThompsonOptions,
      options,
    )
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    const exact = { arms, users, strength, minStrength, maxStrength, probabilityDraws, seed }
    // `approximate` and `simd` are recorded only when set, so an exact policy's config (in saved states and run summaries) is as before.
    this.config = simd
      ? { ...exact, approximate: true as const, simd: true as const }
      : approximate
        ? { ...exact, approximate: true as const }
        : exact
    this.name = options.name ?? "hierarchical-thompson"
    this.nUsers = users
    this.#successes = new Float64Array(users * arms)
    this.#failures = new Float64Array(users * arms)
    // Own enumerable accessors, so that saving reads them (and restoring writes into the arrays they return).
    Object.defineProperty(this, "successes", { enumerable: true, get: () => this.#upToDate().#successes })
    Object.defineProperty(this, "failures", { enumerable: true, get: () => this.#upToDate().#failures })
    this.priorAlpha = new Float64Array(arms)
    this.priorBeta = new Float64Array(arms)
    if (simd) this.#kernel = WilsonHilfertySimd.create(users, arms)
    this.sumS = new Float64Array(arms)
    this.sumN = new Float64Array(arms)
    this.sumS2N = new Float64Array(arms)
    this.sumN2 = new Float64Array(arms)
    this.usersSeen = new Float64Array(arms)
    this.reset()
  }

  /** The fitted prior strength s_a of arm `arm`. */
  strength(arm: number): number {
    return this.priorAlpha[arm] + this.priorBeta[arm]
  }

  /** Refits arm a's population prior from its running sums (the method of moments above). */
  private refit(a: number): void {
    const N = this.sumN[a]
    const mu = (this.sumS[a] + 1) / (N + 2)
    let s = this.config.strength
    if (s === null) {
      const { minStrength, maxStrength } = this.config
      const U = this.usersSeen[a]
      const spread = this.sumS2N[a] - 2 * mu * this.sumS[a] + mu * mu * N
      const denominator = N - this.sumN2[a] / N
      const variance = U >= 2 && denominator > 0 ? (spread - mu * (1 - mu) * (U - 1)) / denominator : 0
      s = variance > 0 ? (mu * (1 - mu)) / variance - 1 : maxStrength
      s = s < minStrength ? minStrength : s > maxStrength ? maxStrength : s
    }
    this.priorAlpha[a] = s * mu
    this.priorBeta[a] = s * (1 - mu)
    this.#kernel?.copyPrior(a, this.priorAlpha, this.priorBeta)
  }

  /** Copies the kernel's S and F into the arrays if they changed since (with `simd`). */
  #upToDate(): this {
    if (this.#stale && this.#kernel !== null) this.#kernel.store(this.#successes, this.#failures)
    this.#stale = false
    return this
  }

  /**
   * Adds `clicks` of `shows` to user cell `cell` (arm a) of the arrays, and to arm a's sums. With `simd` the
   * counts are rounded to single precision, as the kernel holds them (exact for counts below 2²⁴).
   */
  private observe(cell: number, a: number, clicks: number, shows: number): void {
    const oldS = this.#successes[cell]
    const oldF = this.#failures[cell]
    const oldN = oldS + oldF
    let s = oldS + clicks
    let f = oldF + (shows - clicks)
    let n = oldN + shows
    if (this.#kernel !== null) {
      s = Math.fround(s)
      f = Math.fround(f)
      n = s + f
    }
    this.#successes[cell] = s
    this.#failures[cell] = f
    this.addToSums(a, oldS, oldN, s, n, clicks, shows)
  }

  /** Arm a's sums after a cell's counts went from S = oldS, n = oldN to S = s, n (`clicks` of `shows` added). */
  private addToSums(a: number, oldS: number, oldN: number, s: number, n: number, clicks: number, shows: number): void {
    this.sumS[a] += clicks
    this.sumN[a] += shows
    this.sumS2N[a] += (s * s) / n - (oldN > 0 ? (oldS * oldS) / oldN : 0)
    this.sumN2[a] += n * n - oldN * oldN
    if (oldN === 0) this.usersSeen[a]++
  }

  /** Adds every user's logged clicks and non-clicks per arm and fits the population prior to them. */
  warmStart(history: InteractionHistory): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.#successes = new Float64Array(users * this.nArms)
      this.#failures = new Float64Array(users * this.nArms)
      if (this.#kernel !== null) this.#kernel = WilsonHilfertySimd.create(users, this.nArms)
      this.reset()
    }
    const K = this.nArms
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let cell = 0; cell < shows.length; cell++)
      if (shows[cell] > 0) this.observe(cell, cell % K, clicks[cell], shows[cell])
    for (let a = 0; a < K; a++) this.refit(a)
    this.restored()
  }

  /** Copies S, F and the priors into the `simd` kernel (after `loadPolicy`, or after writing the arrays directly). */
  restored(): void {
    if (this.#kernel === null) return
    this.#kernel.load(this.#successes, this.#failures, this.priorAlpha, this.priorBeta)
    this.#stale = true // the arrays now read back as the kernel holds them, in single precision
  }

  probabilities(context: VisitorContext): Float64Array {
    const user = userOf(this.name, context, this.nUsers)
    const row = user * this.nArms
    const kernel = this.#kernel
    if (kernel !== null)
      return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
        kernel.drawKey(rng)
        kernel.draw(user, out)
      })
    const argmax = this.config.approximate ? wilsonHilfertyArgmax : betaArgmax
    return monteCarloProbabilities(this.nArms, this.config.probabilityDraws, this.config.seed, (rng, out) => {
      argmax(rng, this.priorAlpha, this.priorBeta, this.#successes, this.#failures, row, this.nArms, out)
    })
  }

  select(context: VisitorContext, rng: Rng): number {
    const user = userOf(this.name, context, this.nUsers)
    const kernel = this.#kernel
    if (kernel !== null) {
      kernel.drawKey(rng)
      return kernel.decide(user)
    }
    const row = user * this.nArms
    return this.config.approximate
      ? wilsonHilfertyArgmax(
          rng,
          this.priorAlpha,
          this.priorBeta,
          this.#successes,
          this.#failures,
          row,
          this.nArms,
          null,
        )
      : betaArgmax(rng, this.priorAlpha, this.priorBeta, this.#successes, this.#failures, row, this.nArms, null)
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    const user = userOf(this.name, context, this.nUsers)
    const kernel = this.#kernel
    if (kernel === null) {
      this.observe(user * this.nArms + arm, arm, reward, 1)
      this.refit(arm)
      return
    }
    // The kernel's row, in cache since select read it, is the state: the arrays are not touched (a second
    // random place per decision, two more cache misses).
    const c = this.#cell
    kernel.countsOf(user, arm, c)
    const oldS = c[0]
    const oldN = oldS + c[1]
    c[0] = Math.fround(oldS + reward)
    c[1] = Math.fround(c[1] + (1 - reward))
    kernel.setCounts(user, arm, c)
    this.#stale = true
    this.addToSums(arm, oldS, oldN, c[0], c[0] + c[1], reward, 1)
    this.refit(arm)
  }

  reset(): void {
    this.#successes.fill(0)
    this.#failures.fill(0)
    this.sumS.fill(0)
    this.sumN.fill(0)
    this.sumS2N.fill(0)
    this.sumN2.fill(0)
    this.usersSeen.fill(0)
    for (let a = 0; a < this.nArms; a++) this.refit(a)
    this.restored()
  }

  /**
   * Why `arm` was played for the context's user, from the posterior means m_a = (α_a + S_ua)/(s_a + n_ua):
   * m_a = w·(S_ua/n_ua) + (1 − w)·μ_a with w = n_ua/(n_ua + s_a), the user's own rate against the population's;
   * "exploit" when `arm` has the user's best posterior mean, "explore" when the posterior draw lifted it.
   */
  explain(arm: number, context: VisitorContext): ReturnType<NonNullable<Policy<VisitorContext>["explain"]>> {
    checkArm(this.name, arm, this.nArms)
    const user = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    // the user's row only (with `simd`, from the kernel: reading the arrays would copy every user's)
    const S = new Float64Array(K)
    const F = new Float64Array(K)
    const cell = new Float64Array(2)
    for (let a = 0; a < K; a++) {
      if (this.#kernel !== null) this.#kernel.countsOf(user, a, cell)
      else cell.set([this.#successes[user * K + a], this.#failures[user * K + a]])
      S[a] = cell[0]
      F[a] = cell[1]
    }
    let best = 0
    const mean = (a: number) => (this.priorAlpha[a] + S[a]) / (this.strength(a) + S[a] + F[a])
    for (let a = 1; a < K; a++) if (mean(a) > mean(best)) best = a
    const n = S[arm] + F[arm]
    const w = n / (n + this.strength(arm))
    const own = n > 0 ? w * (S[arm] / n) : 0
    const population = (1 - w) * (this.priorAlpha[arm] / this.strength(arm))
    const greedy = mean(arm) === mean(best)
    const f = formatValue
    return {
      item: arm,
      score: mean(arm),
      kind: greedy ? "exploit" : "explore",
      combine: "sum",
      contributions: [
        { label: `your own click rate, weighted ${f(w)}`, value: own },
        { label: `the population's click rate, weighted ${f(1 - w)}`, value: population },
      ],
      text: `Arm ${arm}: posterior mean ${f(mean(arm))} from your ${n} showings (weight ${f(w)}) and the population prior (weight ${f(1 - w)})${greedy ? ", your best mean: exploitation" : `; arm ${best} has your best mean (${f(mean(best))}) and the posterior draw decided: exploration`}`,
    }
  }
}

/** Registry entry of {@link HierarchicalThompson} (needs users in the context). */
export const hierarchicalThompsonPolicy = definePolicy({
  type: "hierarchical-thompson",
  description:
    "hierarchical Thompson sampling: per-user Beta posteriors shrunk toward a population prior fitted to all users",
  optionsSchema: hierarchicalThompsonOptions,
  savable: HierarchicalThompson,
  create: (options, setting) =>
    new HierarchicalThompson({
      ...options,
      arms: setting.arms,
      users: setting.users(),
      seed: setting.seed,
    }) as Policy<unknown>,
})
