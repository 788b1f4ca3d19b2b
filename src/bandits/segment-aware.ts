import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import { KMeans } from "../behavior/kmeans"
import { fromRowMajor } from "../linalg/matrix"
import type { Policy } from "./policy"
import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkHistory, historyCounts, userOf, usersFor } from "./user-arm-table"
import { checkArm, checkArms, checkInteger, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { coinExplanation } from "./explain-pick"

/** The options of {@link SegmentEpsilonGreedy}; `priorStrengths`, when given, has one entry per segment. */
export const segmentEpsilonGreedyOptions = defineOptions(
  {
    epsilons: {
      kind: "numbers",
      item: { min: 0, max: 1 },
      required: true,
      doc: "one exploration rate per learned segment, from the most focused segment to the broadest",
    },
    priorStrengths: {
      kind: "numbers",
      item: { min: 0, open: "low" },
      doc: "prior strength w_s (pseudo-showings at the segment's mean) per segment; unset: 5 for every segment",
    },
  },
  ({ epsilons, priorStrengths }) =>
    priorStrengths !== null && priorStrengths.length !== epsilons.length
      ? { option: "priorStrengths", rule: `must have one entry per segment (${epsilons.length})` }
      : null,
)

/** Options of {@link SegmentEpsilonGreedy}. */
export interface SegmentEpsilonGreedyOptions extends OptionsOf<typeof segmentEpsilonGreedyOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  name?: string
}

/**
 * Segment-aware ε-greedy with segments learned from behaviour (seed 000 §2: explore more for
 * broad-interest users, exploit for focused ones), never from a ground-truth label:
 * - behaviour features of user u: the smoothed click shares over the K arms,
 *   φ_ua = (S_ua + 1/K)/(S_u + 1) (S_u = Σ_a S_ua);
 * - `warmStart` clusters the users with at least one logged click by k-means (k = epsilons.length,
 *   k-means++ seeding, 10 restarts, {@link KMeans}) and orders the segments by the entropy
 *   −Σ_a c_sa ln c_sa of their centres, so segment 0 is the most focused and gets epsilons[0];
 * - every user, those without history and new arrivals included, belongs to the segment whose
 *   centre is nearest to their current φ_u, re-evaluated after each of their clicks (O(kK));
 *   before any history is fitted, everyone is in the broadest segment (the last);
 * - user u's estimate of arm a shrinks toward their segment's mean with the segment's prior width:
 *   Q_ua = (S_ua + w_s m_sa)/(n_ua + w_s),  m_sa = (S_sa + 1)/(N_sa + 2) pooled over the segment;
 * - a visit by u in segment s explores uniformly with probability ε_s and otherwise plays
 *   argmax_a Q_ua (ties uniform). Propensities: ε_s/K + (1 − ε_s)/m on the m maximisers.
 * Sources: seed 000 §2; MacQueen (1967) / Lloyd (1982) k-means; Sutton & Barto (2018) §2.2 for ε-greedy.
 * @example
 * const p = new SegmentEpsilonGreedy({ arms: 12, epsilons: [0.02, 0.2], users: 100 })
 * p.warmStart(history, rng)
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class SegmentEpsilonGreedy implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{
    arms: number
    users: number
    epsilons: readonly number[]
    priorStrengths: readonly number[]
  }>
  /** S_ua, n_ua per user × arm and each user's segment (learned state). */
  clicks: Float64Array
  shows: Float64Array
  segment: Int32Array
  /** Segment centres in click-share space, segment s at s·K (learned from the history). */
  readonly centres: Float64Array
  /** S_sa and N_sa pooled per segment × arm. */
  readonly segmentClicks: Float64Array
  readonly segmentShows: Float64Array
  private userClicks: Float64Array
  private nUsers: number
  private fitted = false
  private readonly buffer: Float64Array
  /** Whether the last `select`'s ε-coin fired (for `explain`; not state: never saved). */
  #explored = false

  constructor(options: SegmentEpsilonGreedyOptions) {
    const who = "SegmentEpsilonGreedy"
    const arms = checkArms(who, options.arms)
    const checked = checkOptions(who, segmentEpsilonGreedyOptions, options)
    const epsilons = [...checked.epsilons]
    const priorStrengths = checked.priorStrengths === null ? epsilons.map(() => 5) : [...checked.priorStrengths]
    const k = epsilons.length
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    this.nArms = arms
    this.config = { arms, users, epsilons, priorStrengths }
    this.name = options.name ?? `segment-eps-${epsilons.join("/")}`
    this.nUsers = users
    this.clicks = new Float64Array(users * arms)
    this.shows = new Float64Array(users * arms)
    this.userClicks = new Float64Array(users)
    this.segment = new Int32Array(users)
    this.centres = new Float64Array(k * arms)
    this.segmentClicks = new Float64Array(k * arms)
    this.segmentShows = new Float64Array(k * arms)
    this.buffer = new Float64Array(arms)
    this.reset()
  }

  /** Clusters the history's users by their click shares and assigns every user to a segment. */
  warmStart(history: InteractionHistory, rng: Rng): void {
    checkHistory(this.name, history, this.nArms)
    const K = this.nArms
    const k = this.config.epsilons.length
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.nUsers = users
      this.clicks = new Float64Array(users * K)
      this.shows = new Float64Array(users * K)
      this.userClicks = new Float64Array(users)
      this.segment = new Int32Array(users)
      this.reset()
    }
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let cell = 0; cell < clicks.length; cell++) {
      this.clicks[cell] += clicks[cell]
      this.shows[cell] += shows[cell]
      this.userClicks[(cell / K) | 0] += clicks[cell]
    }
    const active: number[] = []
    for (let u = 0; u < this.nUsers; u++) if (this.userClicks[u] > 0) active.push(u)
    if (active.length >= k) {
      const X = new Float64Array(active.length * K)
      active.forEach((u, i) => this.sharesOf(u, X.subarray(i * K, (i + 1) * K)))
      const km = new KMeans({ k }).fit(fromRowMajor(X, active.length, K), rng)
      const centres = km.centers.data
      const entropy = (s: number) => {
        let h = 0
        for (let a = 0; a < K; a++) {
          const c = centres[s * K + a]
          if (c > 0) h -= c * Math.log(c)
        }
        return h
      }
      const order = Array.from({ length: k }, (_, s) => s).sort((x, y) => entropy(x) - entropy(y) || x - y)
      order.forEach((s, rank) => this.centres.set(centres.subarray(s * K, (s + 1) * K), rank * K))
      this.fitted = true
    }
    this.segmentClicks.fill(0)
    this.segmentShows.fill(0)
    for (let u = 0; u < this.nUsers; u++) {
      const s = this.nearest(u)
      this.segment[u] = s
      this.pool(u, s, 1)
    }
  }

  /** φ_u into `out`. */
  private sharesOf(u: number, out: Float64Array): Float64Array {
    const K = this.nArms
    const total = this.userClicks[u] + 1
    for (let a = 0; a < K; a++) out[a] = (this.clicks[u * K + a] + 1 / K) / total
    return out
  }

  /** The segment whose centre is nearest to φ_u (the broadest before any fit). */
  private nearest(u: number): number {
    const k = this.config.epsilons.length
    if (!this.fitted) return k - 1
    const K = this.nArms
    const phi = this.sharesOf(u, this.buffer)
    let best = 0
    let bestDistance = Infinity
    for (let s = 0; s < k; s++) {
      let dist = 0
      for (let a = 0; a < K; a++) {
        const e = phi[a] - this.centres[s * K + a]
        dist += e * e
      }
      if (dist < bestDistance) {
        bestDistance = dist
        best = s
      }
    }
    return best
  }

  /** Adds (sign 1) or removes (−1) user u's counts to or from segment s's pooled counts. */
  private pool(u: number, s: number, sign: number): void {
    const K = this.nArms
    for (let a = 0; a < K; a++) {
      this.segmentClicks[s * K + a] += sign * this.clicks[u * K + a]
      this.segmentShows[s * K + a] += sign * this.shows[u * K + a]
    }
  }

  /** Q_ua of every arm for `context`'s user into `out`; returns the user's segment. */
  private estimates(u: number, out: Float64Array): number {
    const K = this.nArms
    const s = this.segment[u]
    const w = this.config.priorStrengths[s]
    for (let a = 0; a < K; a++) {
      const m = (this.segmentClicks[s * K + a] + 1) / (this.segmentShows[s * K + a] + 2)
      out[a] = (this.clicks[u * K + a] + w * m) / (this.shows[u * K + a] + w)
    }
    return s
  }

  probabilities(context: VisitorContext): Float64Array {
    const u = userOf(this.name, context, this.nUsers)
    const q = new Float64Array(this.nArms)
    const eps = this.config.epsilons[this.estimates(u, q)]
    return addArgmaxMass(q, this.nArms, 1 - eps, new Float64Array(this.nArms).fill(eps / this.nArms))
  }

  select(context: VisitorContext, rng: Rng): number {
    const u = userOf(this.name, context, this.nUsers)
    const eps = this.config.epsilons[this.segment[u]]
    this.#explored = eps > 0 && rng.next() < eps
    if (this.#explored) return randomInt(rng, this.nArms)
    this.estimates(u, this.buffer)
    return argmaxRandomTie(this.buffer, this.nArms, rng)
  }

  /** Why `arm` was played for the context's user: whether the ε-coin of the user's segment fired, and the user's estimates. */
  explain(arm: number, context: VisitorContext): Explanation {
    const u = userOf(this.name, context, this.nUsers)
    const q = new Float64Array(this.nArms)
    const eps = this.config.epsilons[this.estimates(u, q)]
    return coinExplanation(this.name, arm, this.#explored, eps, q)
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const u = userOf(this.name, context, this.nUsers)
    const cell = u * this.nArms + arm
    const s = this.segment[u]
    this.clicks[cell] += reward
    this.shows[cell] += 1
    this.userClicks[u] += reward
    this.segmentClicks[s * this.nArms + arm] += reward
    this.segmentShows[s * this.nArms + arm] += 1
    if (reward !== 0 && this.fitted) {
      const next = this.nearest(u)
      if (next !== s) {
        this.pool(u, s, -1)
        this.pool(u, next, 1)
        this.segment[u] = next
      }
    }
  }

  reset(): void {
    this.clicks.fill(0)
    this.shows.fill(0)
    this.userClicks.fill(0)
    this.segment.fill(this.config.epsilons.length - 1)
    this.centres.fill(0)
    this.segmentClicks.fill(0)
    this.segmentShows.fill(0)
    this.fitted = false
  }
}

/** Registry entry of {@link SegmentEpsilonGreedy} (needs users in the context). */
export const segmentEpsilonGreedyPolicy = definePolicy({
  type: "segment-epsilon-greedy",
  description: "segment-aware ε-greedy: users clustered by their history, one ε and one shrinkage prior per segment",
  optionsSchema: segmentEpsilonGreedyOptions,
  savable: SegmentEpsilonGreedy,
  create: (options, setting) =>
    new SegmentEpsilonGreedy({ ...options, arms: setting.arms, users: setting.users() }) as Policy<unknown>,
})
