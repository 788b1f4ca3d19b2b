import { createRng } from "../random/rng"
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

/** The options of {@link Club}. */
export const clubOptions = defineOptions({
  alpha: { kind: "number", min: 0, default: 0.2, doc: "width α of the cluster's confidence bound" },
  alpha2: { kind: "number", min: 0, default: 1, doc: "scale α₂ of the edge-deletion threshold" },
  edgeProbability: {
    kind: "number",
    min: 0,
    max: 1,
    doc: "probability p of each edge of the initial Erdős–Rényi user graph; unset: min(1, 3 ln n / n)",
  },
})

/** Options of {@link Club}. */
export interface ClubOptions extends OptionsOf<typeof clubOptions.fields> {
  arms: number
  /** User rows to hold (ids 0..users−1); a warm-start history with more users enlarges it; default 1. */
  users?: number
  /** Seed of the generator drawing the initial graph; default 0. */
  seed?: number
  name?: string
}

/**
 * CLUB, online clustering of bandits (Gentile, Li & Zappella 2014, "Online clustering of bandits",
 * ICML), with one-hot arm features (arms are categories): every user i keeps a ridge estimate
 * w_i = M_i⁻¹b_i, here w_ia = S_ia/(1 + n_ia); users are the nodes of a graph that starts as a random
 * Erdős–Rényi graph (the paper's initialisation, p = 3 ln n / n) and loses the edge (i, ℓ) when
 * their estimates differ by more than their confidence widths. The paper's test,
 * ‖w_i − w_ℓ‖ > α₂(CB_i + CB_ℓ) with CB_j = sqrt((1 + ln(1 + T_j))/(1 + T_j)), assumes that
 * λ_min(M_j) grows like T_j; with one-hot features λ_min(M_j) = 1 + min_a n_ja, so the test is
 * taken arm by arm with each arm's own count: the edge goes when for some arm a
 *   |w_ia − w_ℓa| > α₂ (c(n_ia) + c(n_ℓa)),   c(n) = sqrt((1 + ln(1 + n))/(1 + n)),
 * checked for the neighbours of the user just updated. (The paper's form split users of one true
 * group apart on arms they had tried once.) The
 * clusters are the connected components; a visit by i plays, with its cluster's pooled estimate
 * M̄ = I + Σ_ℓ (M_ℓ − I), b̄ = Σ_ℓ b_ℓ, the upper confidence bound
 *   w̄_a + α sqrt(xᵀM̄⁻¹x · ln(t + 1)) = S̄_a/(1 + N̄_a) + α sqrt(ln(t + 1)/(1 + N̄_a))
 * (ties uniform). When an edge goes, only the components of its two ends are searched again
 * (breadth-first, on preallocated arrays) and the pooled counts of a split are rebuilt; nothing is
 * allocated per step. `warmStart` adds the history's counts, prunes every edge once, and clusters.
 * State: S, n per user × arm, pooled S̄, N̄ per cluster × arm, the graph's edges.
 * @example
 * const p = new Club({ arms: 12, users: 100 })
 * p.update(p.select({ user: 7 }, rng), 1, { user: 7 })
 */
export class Club implements Policy<VisitorContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{
    arms: number
    users: number
    alpha: number
    alpha2: number
    edgeProbability: number | null
    seed: number
  }>
  /** S_ia, n_ia per user × arm; each user's cluster; pooled S̄, N̄ per cluster id × arm (learned state). */
  clicks!: Float64Array
  shows!: Float64Array
  cluster!: Int32Array
  clusterClicks!: Float64Array
  clusterShows!: Float64Array
  private nUsers: number
  private steps = 0
  /** The graph: node i's edge slots are offsets[i]..offsets[i + 1]; `twin` is the same edge seen from the other end. */
  private offsets!: Int32Array
  private targets!: Int32Array
  private twin!: Int32Array
  private alive!: Uint8Array
  private queue!: Int32Array
  private seen!: Int32Array
  private clusterSize!: Int32Array
  private epoch = 0
  private readonly buffer: Float64Array

  constructor(options: ClubOptions) {
    const who = "Club"
    const arms = checkArms(who, options.arms)
    const users = checkInteger(who, "users", options.users ?? 1, 1)
    const { alpha, alpha2, edgeProbability } = checkOptions(who, clubOptions, options)
    const seed = checkInteger(who, "seed", options.seed ?? 0, 0)
    this.nArms = arms
    this.config = { arms, users, alpha, alpha2, edgeProbability, seed }
    this.name = options.name ?? `club-${alpha}`
    this.nUsers = users
    this.buffer = new Float64Array(arms)
    this.allocate(users)
    this.reset()
  }

  private allocate(users: number): void {
    const K = this.nArms
    this.nUsers = users
    this.clicks = new Float64Array(users * K)
    this.shows = new Float64Array(users * K)
    this.cluster = new Int32Array(users)
    this.clusterClicks = new Float64Array(users * K)
    this.clusterShows = new Float64Array(users * K)
    this.clusterSize = new Int32Array(users)
    this.queue = new Int32Array(users)
    this.seen = new Int32Array(users)
  }

  /** Draws the initial Erdős–Rényi graph from the policy's own generator. */
  private drawGraph(): void {
    const n = this.nUsers
    const p = this.config.edgeProbability ?? Math.min(1, n > 1 ? (3 * Math.log(n)) / n : 1)
    const rng = createRng(this.config.seed, 0)
    const degree = new Int32Array(n)
    const from: number[] = []
    const to: number[] = []
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (p < 1 && rng.next() >= p) continue
        from.push(i)
        to.push(j)
        degree[i]++
        degree[j]++
      }
    }
    this.offsets = new Int32Array(n + 1)
    for (let i = 0; i < n; i++) this.offsets[i + 1] = this.offsets[i] + degree[i]
    const fill = this.offsets.slice(0, n)
    this.targets = new Int32Array(2 * from.length)
    this.twin = new Int32Array(2 * from.length)
    this.alive = new Uint8Array(2 * from.length).fill(1)
    for (let e = 0; e < from.length; e++) {
      const a = fill[from[e]]++
      const b = fill[to[e]]++
      this.targets[a] = to[e]
      this.targets[b] = from[e]
      this.twin[a] = b
      this.twin[b] = a
    }
  }

  /** Adds the history's counts, prunes every edge once and forms the clusters. */
  warmStart(history: InteractionHistory): void {
    checkHistory(this.name, history, this.nArms)
    const users = usersFor(this.nUsers, history)
    if (users > this.nUsers) {
      this.allocate(users)
      this.reset()
    }
    const { clicks, shows } = historyCounts(history, this.nUsers)
    for (let cell = 0; cell < clicks.length; cell++) {
      this.clicks[cell] += clicks[cell]
      this.shows[cell] += shows[cell]
    }
    for (let i = 0; i < this.nUsers; i++) this.prune(i)
    this.clusterAll()
  }

  /** Deletes the edges of user i that fail the test; returns whether any went. */
  private prune(i: number): boolean {
    const K = this.nArms
    const alpha2 = this.config.alpha2
    let removed = false
    for (let e = this.offsets[i]; e < this.offsets[i + 1]; e++) {
      if (!this.alive[e]) continue
      const l = this.targets[e]
      for (let a = 0; a < K; a++) {
        const ni = this.shows[i * K + a]
        const nl = this.shows[l * K + a]
        const gap = Math.abs(this.clicks[i * K + a] / (1 + ni) - this.clicks[l * K + a] / (1 + nl))
        if (gap > alpha2 * (width(ni) + width(nl))) {
          this.alive[e] = 0
          this.alive[this.twin[e]] = 0
          removed = true
          break
        }
      }
    }
    return removed
  }

  /** Labels the component of `start` with `id` by breadth-first search; returns its size. */
  private label(start: number, id: number): number {
    this.epoch++
    let head = 0
    let tail = 0
    this.queue[tail++] = start
    this.seen[start] = this.epoch
    while (head < tail) {
      const i = this.queue[head++]
      this.cluster[i] = id
      for (let e = this.offsets[i]; e < this.offsets[i + 1]; e++) {
        const l = this.targets[e]
        if (this.alive[e] && this.seen[l] !== this.epoch) {
          this.seen[l] = this.epoch
          this.queue[tail++] = l
        }
      }
    }
    this.clusterSize[id] = tail
    this.pool(id, tail)
    return tail
  }

  /** Rebuilds cluster id's pooled counts from its members, the first `size` entries of the queue. */
  private pool(id: number, size: number): void {
    const K = this.nArms
    this.clusterClicks.fill(0, id * K, (id + 1) * K)
    this.clusterShows.fill(0, id * K, (id + 1) * K)
    for (let q = 0; q < size; q++) {
      const i = this.queue[q]
      for (let a = 0; a < K; a++) {
        this.clusterClicks[id * K + a] += this.clicks[i * K + a]
        this.clusterShows[id * K + a] += this.shows[i * K + a]
      }
    }
  }

  /** Every component labelled afresh, ids from 0. */
  private clusterAll(): void {
    this.cluster.fill(-1)
    this.clusterSize.fill(0)
    let id = 0
    for (let i = 0; i < this.nUsers; i++) if (this.cluster[i] === -1) this.label(i, id++)
  }

  /** After edges of user i went: i's component keeps its id, each part cut off gets an unused one. */
  private split(i: number): void {
    const old = this.cluster[i]
    const size = this.clusterSize[old]
    this.label(i, old)
    if (this.clusterSize[old] === size) return
    const mark = this.epoch
    // Every cut-off part holds a neighbour of i (the component was connected through i's edges).
    for (let e = this.offsets[i]; e < this.offsets[i + 1]; e++) {
      const l = this.targets[e]
      if (this.cluster[l] !== old || this.seen[l] === mark) continue
      let id = 0
      while (this.clusterSize[id] > 0) id++
      this.label(l, id)
    }
  }

  /** The cluster's upper confidence bounds into `out`. */
  indices(context: VisitorContext, out: Float64Array): Float64Array {
    const u = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    const c = this.cluster[u] * K
    const logT = Math.log(this.steps + 1)
    for (let a = 0; a < K; a++) {
      const n = 1 + this.clusterShows[c + a]
      out[a] = this.clusterClicks[c + a] / n + this.config.alpha * Math.sqrt(logT / n)
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

  /** Why `arm` was played for the context's user: the cluster's mean S̄/(1 + N̄) plus the bonus; "exploit" when it is the cluster's best mean. */
  explain(arm: number, context: VisitorContext): Explanation {
    const c = this.cluster[userOf(this.name, context, this.nUsers)] * this.nArms
    const means = new Float64Array(this.nArms)
    for (let a = 0; a < this.nArms; a++) means[a] = this.clusterClicks[c + a] / (1 + this.clusterShows[c + a])
    const index = this.indices(context, new Float64Array(this.nArms))[arm]
    return indexExplanation(this.name, arm, index, means, "your cluster's mean")
  }

  update(arm: number, reward: number, context: VisitorContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const u = userOf(this.name, context, this.nUsers)
    const K = this.nArms
    this.clicks[u * K + arm] += reward
    this.shows[u * K + arm] += 1
    this.steps++
    const c = this.cluster[u] * K + arm
    this.clusterClicks[c] += reward
    this.clusterShows[c] += 1
    if (this.prune(u)) this.split(u)
  }

  reset(): void {
    this.clicks.fill(0)
    this.shows.fill(0)
    this.steps = 0
    this.drawGraph()
    this.clusterAll()
  }
}

/** The deletion test's width for n observations: sqrt((1 + ln(1 + n))/(1 + n)). */
function width(n: number): number {
  return Math.sqrt((1 + Math.log(1 + n)) / (1 + n))
}

/** Registry entry of {@link Club} (needs users in the context). */
export const clubPolicy = definePolicy({
  type: "club",
  description:
    "CLUB: online clustering of users on a graph whose edges are cut when their estimates differ (Gentile, Li & Zappella 2014)",
  optionsSchema: clubOptions,
  savable: Club,
  create: (options, setting) =>
    new Club({ ...options, arms: setting.arms, users: setting.users(), seed: setting.seed }) as Policy<unknown>,
})
