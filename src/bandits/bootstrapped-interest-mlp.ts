import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { fastNormal } from "../random/fast-random"
import { checkHistory, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkUnitReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { sampleExplanation } from "./explain-pick"

/** The options of {@link BootstrappedInterestMlp}. */
export const bootstrappedInterestMlpOptions = defineOptions({
  hidden: { kind: "number", integer: true, min: 1, default: 64, doc: "width of the shared hidden layer" },
  heads: { kind: "number", integer: true, min: 1, default: 5, doc: "number of bootstrapped heads H" },
  learningRate: { kind: "number", min: 0, open: "low", default: 0.5, doc: "SGD step" },
  batch: { kind: "number", integer: true, min: 1, default: 32, doc: "observations per training step (a mini-batch)" },
  epochs: { kind: "number", integer: true, min: 0, default: 5, doc: "passes over the history at warm start" },
})

/** Options of {@link BootstrappedInterestMlp}. */
export interface BootstrappedInterestMlpOptions extends OptionsOf<typeof bootstrappedInterestMlpOptions.fields> {
  arms: number
  /** Dimension d of the visit features `context.features` (0: none are read); default 0. */
  dimension?: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the policy's own generator (initial weights, bootstrap masks); default 0. */
  seed?: number
  name?: string
}

/**
 * The seeds' interest model (seed 000 §1: an MLP scoring p(click)) exploring under its own
 * uncertainty by bootstrapped heads (Osband, Blundell, Pritzel & Van Roy 2016, "Deep exploration via
 * bootstrapped DQN", NIPS): a shared hidden layer h = relu(W₁ s_u + b₁) over the user's input
 * s_u = [φ_u, x] (φ_ua = (S_ua + 1/K)/(S_u + 1), the smoothed click shares from history and run,
 * and the visit features x), and H heads p^h_a = σ(w^h_aᵀh + c^h_a), one output per arm. Each
 * head starts from its own random weights and learns only from the observations its bootstrap mask
 * m^h ~ Bernoulli(1/2) keeps (binary cross-entropy on the played arm's output); the heads then
 * disagree where data are thin, which is what Thompson sampling's posterior draws do. A visit draws
 * a head uniformly and plays argmax_a p^h_a (ties uniform); propensities are exact:
 * (1/H)·Σ_h [a maximises head h]/ties. Training is by mini-batches: observations (with their input
 * s_u at the time) are kept in a preallocated buffer and one SGD step is taken every `batch`
 * observations, so updates cost O(hidden·(K + d)) per observation amortised and nothing is allocated
 * per step. Small by design (one hidden layer of 64) so a run of 20,000 steps takes about a second.
 * @example
 * const p = new BootstrappedInterestMlp({ arms: 12, users: 100 })
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class BootstrappedInterestMlp implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<Required<Omit<BootstrappedInterestMlpOptions, "name">>>
  /** W₁ (hidden × inputs), b₁; heads' W₂ (H·K × hidden), c (H·K) (learned). */
  readonly w1: Float64Array
  readonly b1: Float64Array
  readonly w2: Float64Array
  readonly c2: Float64Array
  clicks: Float64Array
  userClicks: Float64Array
  private nUsers: number
  private readonly inputs: number
  private rng: Rng
  private readonly input: Float64Array
  private readonly h: Float64Array
  private readonly pre: Float64Array
  private readonly scores: Float64Array
  private readonly batchInput: Float64Array
  private readonly batchArm: Int32Array
  private readonly batchReward: Float64Array
  private readonly batchMask: Uint8Array
  private filled = 0
  private readonly gw1: Float64Array
  private readonly gb1: Float64Array
  private readonly gw2: Float64Array
  private readonly gc2: Float64Array
  private readonly dh: Float64Array
  /** The head the last `select` drew (for `explain`; not state: never saved). */
  #head = 0

  constructor(options: BootstrappedInterestMlpOptions) {
    const who = "BootstrappedInterestMlp"
    const arms = checkArms(who, options.arms)
    const dimension = checkInteger(who, "dimension", options.dimension ?? 0, 0)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { hidden, heads, learningRate, batch, epochs } = checkOptions(who, bootstrappedInterestMlpOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, dimension, users, hidden, heads, learningRate, batch, epochs, seed }
    this.name = options.name ?? `bootstrapped-mlp-${heads}`
    this.nUsers = users
    const n = arms + dimension
    this.inputs = n
    this.w1 = new Float64Array(hidden * n)
    this.b1 = new Float64Array(hidden)
    this.w2 = new Float64Array(heads * arms * hidden)
    this.c2 = new Float64Array(heads * arms)
    this.clicks = new Float64Array(users * arms)
    this.userClicks = new Float64Array(users)
    this.rng = createRng(seed, 0)
    this.input = new Float64Array(n)
    this.h = new Float64Array(hidden)
    this.pre = new Float64Array(hidden)
    this.scores = new Float64Array(arms)
    this.batchInput = new Float64Array(batch * n)
    this.batchArm = new Int32Array(batch)
    this.batchReward = new Float64Array(batch)
    this.batchMask = new Uint8Array(batch * heads)
    this.gw1 = new Float64Array(hidden * n)
    this.gb1 = new Float64Array(hidden)
    this.gw2 = new Float64Array(heads * arms * hidden)
    this.gc2 = new Float64Array(heads * arms)
    this.dh = new Float64Array(hidden)
    this.reset()
  }

  /** s_u = [φ_u, x] into `out`. */
  private inputOf(u: number, context: VisitorContext | null, out: Float64Array, offset: number): void {
    const K = this.nArms
    const d = this.config.dimension
    const total = this.userClicks[u] + 1
    for (let a = 0; a < K; a++) out[offset + a] = (this.clicks[u * K + a] + 1 / K) / total
    if (d === 0) return
    const x = context?.features
    if (context && !(x instanceof Float64Array && x.length === d)) {
      throw new Error(
        `${this.name}: context.features must be a Float64Array of length ${d}, got ${x instanceof Float64Array ? `length ${x.length}` : String(x)}`,
      )
    }
    for (let i = 0; i < d; i++) out[offset + K + i] = x ? x[i] : 0
  }

  /** h = relu(W₁ s + b₁) for the input at `input[offset..]`, pre-activations kept in `pre`. */
  private trunk(input: Float64Array, offset: number): void {
    const n = this.inputs
    for (let j = 0; j < this.config.hidden; j++) {
      let s = this.b1[j]
      for (let i = 0; i < n; i++) s += this.w1[j * n + i] * input[offset + i]
      this.pre[j] = s
      this.h[j] = s > 0 ? s : 0
    }
  }

  /** Head `head`'s logits w^h_aᵀh + c^h_a for every arm into `out` (after {@link trunk}). */
  private logits(head: number, out: Float64Array): Float64Array {
    const K = this.nArms
    const H = this.config.hidden
    for (let a = 0; a < K; a++) {
      const o = (head * K + a) * H
      let s = this.c2[head * K + a]
      for (let j = 0; j < H; j++) s += this.w2[o + j] * this.h[j]
      out[a] = s
    }
    return out
  }

  probabilities(context: VisitorContext): Float64Array {
    const u = userOf(this.name, context, this.nUsers)
    this.inputOf(u, context, this.input, 0)
    this.trunk(this.input, 0)
    const heads = this.config.heads
    const out = new Float64Array(this.nArms)
    const logits = new Float64Array(this.nArms)
    for (let head = 0; head < heads; head++) addArgmaxMass(this.logits(head, logits), this.nArms, 1 / heads, out)
    return out
  }

  select(context: VisitorContext, rng: Rng): number {
    const u = userOf(this.name, context, this.nUsers)
    this.inputOf(u, context, this.input, 0)
    this.trunk(this.input, 0)
    this.#head = randomInt(rng, this.config.heads)
    return argmaxRandomTie(this.logits(this.#head, this.scores), this.nArms, rng)
  }

  /** Why `arm` was played for the context's user: the drawn head's logit against the heads' mean logits. */
  explain(arm: number, context: VisitorContext): Explanation {
    const u = userOf(this.name, context, this.nUsers)
    this.inputOf(u, context, this.input, 0)
    this.trunk(this.input, 0)
    const heads = this.config.heads
    const logits = new Float64Array(this.nArms)
    const means = new Float64Array(this.nArms)
    for (let head = 0; head < heads; head++) {
      this.logits(head, logits)
      for (let a = 0; a < this.nArms; a++) means[a] += logits[a] / heads
    }
    return sampleExplanation(this.name, arm, this.logits(this.#head, logits)[arm], means, "mean logit of the heads")
  }

  /** Queues (s_u, arm, reward) with fresh bootstrap masks; trains when the batch is full. */
  private observe(u: number, context: VisitorContext | null, arm: number, reward: number): void {
    const b = this.filled
    this.inputOf(u, context, this.batchInput, b * this.inputs)
    this.batchArm[b] = arm
    this.batchReward[b] = reward
    const heads = this.config.heads
    for (let head = 0; head < heads; head++) this.batchMask[b * heads + head] = this.rng.nextUint32() & 1
    this.filled++
    if (this.filled === this.config.batch) this.train()
  }

  /** One SGD step on the mean masked binary cross-entropy of the queued observations. */
  train(): void {
    const { hidden: H, heads, learningRate } = this.config
    const K = this.nArms
    const n = this.inputs
    const count = this.filled
    if (count === 0) return
    this.gw1.fill(0)
    this.gb1.fill(0)
    this.gw2.fill(0)
    this.gc2.fill(0)
    for (let b = 0; b < count; b++) {
      const off = b * n
      this.trunk(this.batchInput, off)
      const a = this.batchArm[b]
      const r = this.batchReward[b]
      this.dh.fill(0)
      for (let head = 0; head < heads; head++) {
        if (!this.batchMask[b * heads + head]) continue
        const o = (head * K + a) * H
        let z = this.c2[head * K + a]
        for (let j = 0; j < H; j++) z += this.w2[o + j] * this.h[j]
        const g = 1 / (1 + Math.exp(-z)) - r
        this.gc2[head * K + a] += g
        for (let j = 0; j < H; j++) {
          this.gw2[o + j] += g * this.h[j]
          this.dh[j] += g * this.w2[o + j]
        }
      }
      for (let j = 0; j < H; j++) {
        if (this.pre[j] <= 0) continue
        const g = this.dh[j]
        this.gb1[j] += g
        for (let i = 0; i < n; i++) this.gw1[j * n + i] += g * this.batchInput[off + i]
      }
    }
    const step = learningRate / count
    for (let i = 0; i < this.w1.length; i++) this.w1[i] -= step * this.gw1[i]
    for (let i = 0; i < this.b1.length; i++) this.b1[i] -= step * this.gb1[i]
    for (let i = 0; i < this.w2.length; i++) this.w2[i] -= step * this.gw2[i]
    for (let i = 0; i < this.c2.length; i++) this.c2[i] -= step * this.gc2[i]
    this.filled = 0
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkUnitReward(this.name, reward)
    const u = userOf(this.name, context, this.nUsers)
    this.observe(u, context, arm, reward)
    this.clicks[u * this.nArms + arm] += reward
    this.userClicks[u] += reward
  }

  /** Takes the history's clicks as the users' click shares and trains `epochs` shuffled passes on its rows (no visit features). */
  warmStart(history: InteractionHistory, rng: Rng): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.clicks = new Float64Array(users * this.nArms)
      this.userClicks = new Float64Array(users)
    }
    const rows = history.user.length
    for (let i = 0; i < rows; i++) {
      this.clicks[history.user[i] * this.nArms + history.arm[i]] += history.reward[i]
      this.userClicks[history.user[i]] += history.reward[i]
    }
    const order = Int32Array.from({ length: rows }, (_, i) => i)
    for (let e = 0; e < this.config.epochs; e++) {
      for (let i = rows - 1; i > 0; i--) {
        const j = randomInt(rng, i + 1)
        const t = order[i]
        order[i] = order[j]
        order[j] = t
      }
      for (let i = 0; i < rows; i++)
        this.observe(history.user[order[i]], null, history.arm[order[i]], history.reward[order[i]])
    }
    this.train()
  }

  /** Restarts the policy's generator: the same initial weights (He-scaled normals) again. */
  reset(): void {
    this.rng = createRng(this.config.seed, 0)
    const n = this.inputs
    const H = this.config.hidden
    for (let i = 0; i < this.w1.length; i++) this.w1[i] = Math.sqrt(2 / n) * fastNormal(this.rng)
    for (let i = 0; i < this.w2.length; i++) this.w2[i] = Math.sqrt(1 / H) * fastNormal(this.rng)
    this.b1.fill(0)
    this.c2.fill(0)
    this.clicks.fill(0)
    this.userClicks.fill(0)
    this.filled = 0
  }
}

/** The options of a `bootstrapped-mlp` config entry: `features` says whether to read the context features. */
export const bootstrappedInterestMlpConfigOptions = defineOptions({
  features: {
    kind: "boolean",
    default: false,
    doc: "also read the visit features of the context (needs features), else user and arm only",
  },
  ...bootstrappedInterestMlpOptions.fields,
})

/** Registry entry of {@link BootstrappedInterestMlp} (needs users). */
export const bootstrappedInterestMlpPolicy = definePolicy({
  type: "bootstrapped-mlp",
  description:
    "bootstrapped neural bandit: a small MLP with H bootstrapped heads, one drawn per step (Osband et al. 2016)",
  optionsSchema: bootstrappedInterestMlpConfigOptions,
  savable: BootstrappedInterestMlp,
  create: ({ features, ...options }, setting) => {
    const dimension = checkOptions("BootstrappedInterestMlp", bootstrappedInterestMlpConfigOptions, { features })
      .features
      ? setting.features()
      : 0
    return new BootstrappedInterestMlp({
      ...options,
      arms: setting.arms,
      dimension,
      users: setting.users(),
      seed: setting.seed,
    }) as Policy<unknown>
  },
})
