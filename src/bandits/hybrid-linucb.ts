import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { RidgeArms } from "./ridge-arms"
import { HybridKernel, hybridScores } from "./hybrid-kernel"
import { pairedRowDots } from "./ridge-kernel"
import { fitUserArmFactors } from "./user-arm-factors"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import { formatValue } from "../schema/explanation"

/** The options of {@link HybridLinUcb}. */
export const hybridLinUcbOptions = defineOptions({
  alpha: { kind: "number", min: 0, default: 1, doc: "width α of the confidence bound" },
  lambda: {
    kind: "number",
    min: 0,
    open: "low",
    default: 1,
    doc: "ridge λ of the per-arm models and of A₀ (both start at λI)",
  },
  factors: {
    kind: "number",
    integer: true,
    min: 0,
    default: 2,
    doc: "rank f of the user × arm factorisation fitted to the history (k = 2 + f shared features)",
  },
  smoothing: {
    kind: "number",
    min: 0,
    open: "low",
    default: 2,
    doc: "pseudo-showings m pulling a user's click rate toward the arm's population rate",
  },
})

/** Options of {@link HybridLinUcb}. */
export interface HybridLinUcbOptions extends OptionsOf<typeof hybridLinUcbOptions.fields> {
  arms: number
  /** Dimension d of the visit features x (`context.features`, shared by all arms). */
  dimension: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  name?: string
}

/**
 * LinUCB with hybrid linear models (Li, Chu, Langford & Schapire 2010, "A contextual-bandit
 * approach to personalized news article recommendation", WWW, algorithm 2): the expected reward of
 * arm a is z_aᵀβ + xᵀθ_a, β shared by all arms, θ_a per arm. Here x is the visit's observable
 * features (`context.features`) and z_a ∈ ℝᵏ describes the visiting user u and arm a from what the
 * system has logged (k = 2 + f):
 *   z_a = [ (S_ua + m μ_a)/(n_ua + m),  K (S_ua + 1/K)/(S_u + 1),  p_u ∘ q_a ],
 * the user's click rate on a smoothed toward the arm's population rate μ_a, the user's share of
 * clicks on a (×K, so 1 is an average share), and the elementwise product of the user's and the
 * arm's factors of a rank-f factorisation of the history's click rates (fitted at `warmStart` by
 * {@link fitUserArmFactors}); S and n are updated online, so z follows the user during the run.
 *
 * Index (algorithm 2, rearranged): with M_a = A_a⁻¹B_a and w_a = M_aᵀx,
 *   s_a = (z_a − w_a)ᵀA₀⁻¹(z_a − w_a) + xᵀA_a⁻¹x,   p_a = (z_a − w_a)ᵀβ̂ + xᵀA_a⁻¹b_a + α√s_a,
 * equal to the paper's four-term s_{t,a} and to z_aᵀβ̂ + xᵀθ̂_a with θ̂_a = A_a⁻¹(b_a − B_aβ̂).
 * A_a⁻¹ and A_a⁻¹b_a are kept by Sherman–Morrison ({@link RidgeArms}, whose WebAssembly kernel gives
 * all K widths and means; a second one, {@link HybridKernel}, gives all M_aᵀx and p_a, two arms per
 * SIMD instruction, with the bits of its JavaScript fall-back), and M_a by the same rank-one step, M_a ← M_a + A_a⁻¹x eᵀ/(1 + xᵀA_a⁻¹x) with
 * e = z_a − M_aᵀx (A_a⁻¹ and M_a before the step). Then the paper's updates of A₀ and b₀ (add
 * B_aᵀA_a⁻¹B_a before the step, z zᵀ − B_aᵀA_a⁻¹B_a after it) collapse to one rank-one step,
 * A₀ += e eᵀ/(1 + xᵀA_a⁻¹x), b₀ += e (r − xᵀA_a⁻¹b_a)/(1 + xᵀA_a⁻¹x), so A₀⁻¹ is kept by
 * Sherman–Morrison as well and B_a, b_a need not be stored: a decision costs O(K(d² + dk + k²)),
 * an update O(d² + dk + k²).
 * Nothing is allocated per step. Deterministic: ties are broken by the generator.
 * @example
 * const p = new HybridLinUcb({ arms: 12, dimension: 13, users: 100 })
 * p.warmStart(history, rng)
 * const c = { user: 7, features: x }
 * p.update(p.select(c, rng), 1, c)
 */
export class HybridLinUcb implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<HybridLinUcbOptions, "name">>>
  /** Per-arm ridge state: A_a⁻¹ and A_a⁻¹b_a (learned). */
  readonly model: RidgeArms
  /** Shared k: 2 + factors. */
  readonly sharedDimension: number
  /** β̂ = A₀⁻¹b₀ (learned). */
  readonly beta: Float64Array
  /** S_ua, n_ua per user × arm and the user factors p_u (learned from history and the run). */
  clicks: Float64Array
  shows: Float64Array
  userClicks: Float64Array
  userFactors: Float64Array
  /** The arm factors q_a (from the history's factorisation). */
  readonly armFactors: Float64Array
  private nUsers: number
  private readonly a0Inverse: Float64Array
  private readonly b0: Float64Array
  /** M_aᵀ = (A_a⁻¹B_a)ᵀ: k rows of d per arm, arm a at a·k·d. */
  private readonly mTransposed: Float64Array
  /**
   * Computes the M_aᵀx and p_a by WebAssembly SIMD, and holds M_aᵀ, A₀⁻¹, β̂, z, the widths and means
   * in its memory; null without WebAssembly ({@link pairedRowDots} and {@link hybridScores} then). A #
   * field, which saved states do not see: they carry the numbers through the views above.
   */
  readonly #kernel: HybridKernel | null
  private readonly armClicks: Float64Array
  private readonly armShows: Float64Array
  private readonly armRate: Float64Array
  private readonly widths: Float64Array
  private readonly means: Float64Array
  private readonly w: Float64Array
  private readonly z: Float64Array
  // Scratch of the JavaScript path; # fields, so saved states (equal with and without WebAssembly) leave them out.
  readonly #v: Float64Array
  readonly #u: Float64Array
  readonly #gram: Float64Array
  private readonly buffer: Float64Array

  /** The WebAssembly kernel, null where it is missing (for tests). @internal */
  get wasmKernel(): HybridKernel | null {
    return this.#kernel
  }

  constructor(options: HybridLinUcbOptions) {
    const who = "HybridLinUcb"
    const arms = checkArms(who, options.arms)
    const dimension = checkInteger(who, "dimension", options.dimension, 1)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { factors, alpha, lambda, smoothing } = checkOptions(who, hybridLinUcbOptions, options)
    this.nArms = arms
    this.config = { arms, dimension, users, factors, alpha, lambda, smoothing }
    this.name = options.name ?? `hybrid-linucb-${alpha}`
    const d = dimension
    const k = 2 + factors
    this.sharedDimension = k
    this.nUsers = users
    const kernel = HybridKernel.create(arms, d, k)
    this.#kernel = kernel
    this.model = new RidgeArms(arms, d, lambda, { kernel: kernel ? kernel.ridge : false })
    // z, w, the widths and means hold an even number of arms, as the kernel's do.
    const even = arms + (arms & 1)
    this.beta = kernel ? kernel.beta : new Float64Array(k)
    this.clicks = new Float64Array(users * arms)
    this.shows = new Float64Array(users * arms)
    this.userClicks = new Float64Array(users)
    this.userFactors = new Float64Array(users * factors)
    this.armFactors = new Float64Array(arms * factors)
    this.a0Inverse = kernel ? kernel.inverse : new Float64Array(k * k)
    this.b0 = kernel ? kernel.b0 : new Float64Array(k)
    this.mTransposed = kernel ? kernel.rows : new Float64Array(arms * k * d)
    if (kernel) kernel.alpha[0] = alpha
    this.armClicks = new Float64Array(arms)
    this.armShows = new Float64Array(arms)
    this.armRate = new Float64Array(arms)
    this.widths = kernel ? kernel.widths : new Float64Array(even)
    this.means = kernel ? kernel.means : new Float64Array(even)
    this.w = kernel ? kernel.w : new Float64Array(even * k)
    this.z = kernel ? kernel.z : new Float64Array(even * k)
    this.#v = new Float64Array(k)
    this.#u = new Float64Array(d)
    this.#gram = new Float64Array(k)
    this.buffer = new Float64Array(arms)
    this.reset()
  }

  /** Takes each user's logged clicks and showings per arm, and fits the user and arm factors to them. */
  warmStart(history: InteractionHistory, rng: Rng): void {
    checkHistory(this.name, history, this.nArms)
    const K = this.nArms
    const f = this.config.factors
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.clicks = new Float64Array(users * K)
      this.shows = new Float64Array(users * K)
      this.userClicks = new Float64Array(users)
      this.userFactors = new Float64Array(users * f)
    }
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let cell = 0; cell < clicks.length; cell++) {
      this.clicks[cell] += clicks[cell]
      this.shows[cell] += shows[cell]
      this.userClicks[(cell / K) | 0] += clicks[cell]
      this.armClicks[cell % K] += clicks[cell]
      this.armShows[cell % K] += shows[cell]
    }
    for (let a = 0; a < K; a++) this.refreshArmRate(a)
    if (f > 0) {
      const fit = fitUserArmFactors(clicks, shows, this.nUsers, K, f, 1, 10, rng)
      this.userFactors.set(fit.users)
      this.armFactors.set(fit.arms)
    }
  }

  /** Writes z_a of user u for the arms from..to−1 into `this.z` (arm a at a·k). */
  private sharedFeatures(u: number, from: number, to: number): void {
    const K = this.nArms
    const k = this.sharedDimension
    const f = this.config.factors
    const m = this.config.smoothing
    const row = u * K
    const share = K / (this.userClicks[u] + 1)
    const z = this.z
    const clicks = this.clicks
    const shows = this.shows
    const armRate = this.armRate
    const userFactors = this.userFactors
    const armFactors = this.armFactors
    const uf = u * f
    for (let a = from; a < to; a++) {
      const mu = armRate[a]
      const o = a * k
      const c = clicks[row + a]
      z[o] = (c + m * mu) / (shows[row + a] + m)
      z[o + 1] = share * (c + 1 / K)
      for (let i = 0; i < f; i++) z[o + 2 + i] = userFactors[uf + i] * armFactors[a * f + i]
    }
  }

  /** Every arm's upper confidence bound for `context` into `out`. */
  indices(context: VisitorContext, out: Float64Array): Float64Array {
    const x = this.featuresOf(context)
    const u = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    const k = this.sharedDimension
    const d = this.config.dimension
    const alpha = this.config.alpha
    this.sharedFeatures(u, 0, K)
    const kernel = this.#kernel
    if (kernel) {
      kernel.x.set(x)
      out.set(kernel.decide())
      return out
    }
    const model = this.model
    model.setPairs(x, 0)
    model.pairQuadraticForms(this.widths)
    model.means(x, 0, this.means)
    pairedRowDots(this.mTransposed, d, K * k, x, 0, this.w)
    return hybridScores(K, k, this.z, this.w, this.widths, this.means, this.beta, this.a0Inverse, alpha, this.#v, out)
  }

  private featuresOf(context: VisitorContext): Float64Array {
    const x = context?.features
    if (!(x instanceof Float64Array) || x.length !== this.config.dimension) {
      throw new Error(
        `${this.name}: context.features must be a Float64Array of length ${this.config.dimension}, got ${x instanceof Float64Array ? `length ${x.length}` : String(x)}`,
      )
    }
    return x
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

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    // Rewards are clicks: they are tallied into the click rates and shares of z_a (a reward below 0 can make S_u + 1 zero).
    checkUnitReward(this.name, reward)
    const x = this.featuresOf(context)
    const user = userOf(this.name, context, this.nUsers)
    this.sharedFeatures(user, arm, arm + 1)
    const kernel = this.#kernel
    if (kernel?.updates) {
      kernel.x.set(x)
      kernel.update(arm, reward)
    } else this.step(arm, reward, x)
    const cell = user * this.nArms + arm
    this.clicks[cell] += reward
    this.shows[cell] += 1
    this.userClicks[user] += reward
    this.armClicks[arm] += reward
    this.armShows[arm] += 1
    this.refreshArmRate(arm)
  }

  /** The numeric part of {@link HybridLinUcb.update} in JavaScript, z_a already written; {@link HybridKernel.update} does the same. */
  private step(arm: number, reward: number, x: Float64Array): void {
    const d = this.config.dimension
    const k = this.sharedDimension
    const zo = arm * k
    const z = this.z
    // u = A_a⁻¹x and q = xᵀA_a⁻¹x before the step, shared with the step of A_a⁻¹ below.
    const u = this.#u
    const q = this.model.inverseTimes(arm, x, 0, u)
    const g = 1 / (1 + q)
    // e = z_a − M_aᵀx; then M_a ← M_a + u eᵀ/(1 + q).
    const e = this.#v
    const Mt = this.mTransposed
    for (let j = 0, row = arm * k * d; j < k; j++, row += d) {
      let mx = 0
      for (let r = 0; r < d; r++) mx += Mt[row + r] * x[r]
      const ej = z[zo + j] - mx
      e[j] = ej
      const step = ej * g
      for (let r = 0; r < d; r++) Mt[row + r] += u[r] * step
    }
    // Lines 17–22 of algorithm 2 add B_aᵀA_a⁻¹B_a before the step, z zᵀ − B_aᵀA_a⁻¹B_a after it (and
    // alike for b₀); with the rank-one steps of A_a⁻¹ and M_a the sum is itself rank one:
    //   A₀ += e eᵀ/(1 + q),   b₀ += e (r − xᵀA_a⁻¹b_a)/(1 + q)   (A_a⁻¹b_a before the step),
    // so A₀⁻¹ takes a Sherman–Morrison step too.
    const residual = (reward - this.model.mean(arm, x, 0)) * g
    const b0 = this.b0
    for (let i = 0; i < k; i++) b0[i] += e[i] * residual
    const inv = this.a0Inverse
    const t = this.#gram
    let quad = 0
    for (let i = 0, row = 0; i < k; i++, row += k) {
      let s = 0
      for (let j = 0; j < k; j++) s += inv[row + j] * e[j]
      t[i] = s
      quad += e[i] * s
    }
    const shrink = g / (1 + g * quad)
    for (let i = 0, row = 0; i < k; i++, row += k) {
      const ti = shrink * t[i]
      for (let j = 0; j < k; j++) inv[row + j] -= ti * t[j]
    }
    const beta = this.beta
    for (let i = 0, row = 0; i < k; i++, row += k) {
      let s = 0
      for (let j = 0; j < k; j++) s += inv[row + j] * b0[j]
      beta[i] = s
    }
    this.model.updateWith(arm, x, 0, reward, u, q)
  }

  /** μ_a = (Σ_u S_ua + 1)/(Σ_u n_ua + 2), cached: it changes only when arm a is played. */
  private refreshArmRate(a: number): void {
    this.armRate[a] = (this.armClicks[a] + 1) / (this.armShows[a] + 2)
  }

  reset(): void {
    const k = this.sharedDimension
    this.model.reset()
    this.a0Inverse.fill(0)
    for (let i = 0; i < k; i++) this.a0Inverse[i * k + i] = 1 / this.config.lambda
    this.b0.fill(0)
    this.beta.fill(0)
    this.mTransposed.fill(0)
    this.clicks.fill(0)
    this.shows.fill(0)
    this.userClicks.fill(0)
    this.userFactors.fill(0)
    this.armFactors.fill(0)
    this.armClicks.fill(0)
    this.armShows.fill(0)
    for (let a = 0; a < this.nArms; a++) this.refreshArmRate(a)
  }

  /**
   * Why `arm` was played for `context`: its bound is the arm's own x·θ_a, plus the shared part
   * (z_a − M_aᵀx)·β̂, plus the width α·sqrt(s_a) (the bonus, the rest of {@link HybridLinUcb.indices});
   * "exploit" when `arm` also has the best mean x·θ_a + (z_a − M_aᵀx)·β̂.
   */
  explain(arm: number, context: VisitorContext): ReturnType<NonNullable<Policy<VisitorContext>["explain"]>> {
    checkArm(this.name, arm, this.nArms)
    const index = this.indices(context, new Float64Array(this.nArms))
    const x = this.featuresOf(context)
    const K = this.nArms
    const k = this.sharedDimension
    const d = this.config.dimension
    this.sharedFeatures(userOf(this.name, context, this.nUsers), 0, K)
    const own = new Float64Array(K)
    const shared = new Float64Array(K)
    for (let a = 0; a < K; a++) {
      own[a] = this.model.mean(a, x, 0)
      for (let i = 0; i < k; i++) {
        let mx = 0
        for (let r = 0; r < d; r++) mx += this.mTransposed[(a * k + i) * d + r] * x[r]
        shared[a] += (this.z[a * k + i] - mx) * this.beta[i]
      }
    }
    let best = 0
    for (let a = 1; a < K; a++) if (own[a] + shared[a] > own[best] + shared[best]) best = a
    const mean = own[arm] + shared[arm]
    const greedy = mean === own[best] + shared[best]
    const f = formatValue
    return {
      item: arm,
      score: index[arm],
      kind: greedy ? "exploit" : "explore",
      combine: "sum",
      contributions: [
        { label: "the arm's own x·θ", value: own[arm] },
        { label: "the shared part (z − Mᵀx)·β", value: shared[arm] },
        { label: "exploration bonus", value: index[arm] - mean },
      ],
      text: `Arm ${arm}: mean ${f(mean)} + bonus ${f(index[arm] - mean)} = index ${f(index[arm])}${greedy ? "; it also has the best mean: exploitation" : `; arm ${best} has the best mean (${f(own[best] + shared[best])}) but a smaller bonus: exploration`}`,
    }
  }
}

/** Registry entry of {@link HybridLinUcb} (needs context features and users). */
export const hybridLinUcbPolicy = definePolicy({
  type: "hybrid-linucb",
  description:
    "hybrid LinUCB: shared and per-arm ridge models on the visit features plus user × arm factors (Li et al. 2010, algorithm 2)",
  optionsSchema: hybridLinUcbOptions,
  savable: HybridLinUcb,
  create: (options, setting) =>
    new HybridLinUcb({
      ...options,
      arms: setting.arms,
      dimension: setting.features(),
      users: setting.users(),
    }) as Policy<unknown>,
})
