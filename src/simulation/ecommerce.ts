import type { Rng } from "../random/rng"
import { AliasTable } from "../random/categorical"
import { generateWorld, type World } from "../world/world"
import type { WorldConfig } from "../world/config"
import { DEVICES, REGIONS, type Context } from "../schema/world-types"
import { categoryDiversityFromCounts, noveltyFromCounts } from "../metrics/beyond-accuracy"
import type { Environment, StepOutcome } from "../schema/environment"
import type { SlateEnvironment } from "./slate-environment"
import type { InteractionHistory } from "../schema/interaction-history"
import { logHistory, type HistoryOptions } from "./logged-history"
import { UserDynamics, type ArrivalOptions, type LeavingOptions } from "./user-dynamics"
import { discoveryTime, retentionCurve } from "./personal-metrics"
import { worldFriendGraph, type FriendGraphModel, type FriendGraphOptions } from "../world/friend-graph"

/** Options of {@link EcommerceEnvironment}. */
export interface EcommerceOptions {
  /** World options (users, items, categories, days, drift, seed …); defaults as `defaultWorldConfig`. */
  world?: Partial<WorldConfig>
  /** What an arm is: a category (its best-selling item is shown) or an individual item; default "categories". */
  arms?: "categories" | "items"
  /** What the policy is rewarded for; default "click". */
  reward?: "click" | "purchase" | "revenue"
  /** The slot the recommendation occupies (position bias κ_p = (1 + p)^−η); default 0. */
  position?: number
  /** Simulation steps per world day (drift follows the world's clock); default 100. */
  stepsPerDay?: number
  /** How many of each user's true top categories count for interest discovery; default 3. */
  topInterests?: number
  /**
   * The users' logged history before the experiment, given to policies' `warmStart` (see `logHistory`):
   * defaults days 0 (an empty history), logging "popularity", epsilon 0.1.
   */
  history?: Partial<HistoryOptions>
  /** Users who leave when bored (see `LeavingOptions`; defaults boredom 0.2, delight 1, memory 0.9, leaveLogit −6, sensitivity 1); absent: nobody leaves. */
  leaving?: Partial<LeavingOptions>
  /** New users who arrive during the run (cold start); absent: everyone is there from the start. */
  arrivals?: ArrivalOptions
  /**
   * Per-user long-term metrics in `runMetrics` (clicks and visits per user, retention by day, visits
   * to discover the top interests, new users' regret over their first `firstVisits` visits, default 20);
   * absent: not computed.
   */
  userMetrics?: { firstVisits?: number }
  /**
   * A friend graph over the users with homophily in their interests (see `generateFriendGraph`),
   * drawn from a stream of its own: every other draw is as without it. Its friend lists (not how
   * they were drawn) reach policies with the logged history; absent: no graph.
   */
  friends?: FriendGraphOptions
}

/** Defaults of {@link EcommerceOptions.leaving}. */
export const DEFAULT_LEAVING: Readonly<LeavingOptions> = {
  boredom: 0.2,
  delight: 1,
  memory: 0.9,
  leaveLogit: -6,
  sensitivity: 1,
}

/**
 * The context of one e-commerce step: what a real system sees of a visit (who, when, where, on what
 * device), never a ground-truth trait of the user. The runner reuses one object: copy it to keep it.
 */
export interface EcommerceContext {
  /** The visiting user. */
  user: number
  /** [1, device one-hot (3), cos hour, sin hour, weekend, region one-hot (5)]: 12 features for linear policies. */
  features: Float64Array
  /** When, where, on what device. */
  situation: Context
}

export const ECOMMERCE_FEATURES = 1 + DEVICES.length + 3 + REGIONS.length

/**
 * The synthetic e-commerce users of `src/world` as a bandit: each step a user (drawn by activity)
 * arrives in a sampled situation; the policy shows one category (its best seller) or item at
 * `position`; the world's ground-truth click model (interest, drift over days, fatigue from
 * earlier same-day exposures of the category, position bias) gives the click, then the purchase
 * model the purchase and its revenue. Two uniforms per step whatever the arm (common random numbers).
 *
 * Slates (`SlateEnvironment`): a top-k policy shows k arms at positions 0..k−1 in one step; under
 * the world's position-based model position p is examined with κ_p = world.examination(p) and an
 * examined item is clicked with its attraction, independently per position, so the expected clicks
 * of a slate are Σ_p κ_p·attraction(slate[p]) (Craswell, Zoeter, Taylor & Ramsey 2008). Fatigue counts
 * the exposures of earlier steps; all k items of a slate are exposed at once. 2k uniforms per step.
 *
 * Long-term options (all off by default, and then no extra draw): `history` (a logged history for
 * policies' warm start), `leaving` (bored users leave), `arrivals` (new users during the run). With
 * `leaving` or `arrivals` a step whose visitor is absent (left, or not arrived yet) shows nothing
 * (`present()` is false); every step then draws its uniforms in `context` (user, situation, click,
 * purchase, leave), so the draws stay aligned across policies whoever is present.
 * @example const env = new EcommerceEnvironment({ world: { users: 500, items: 200, seed: 1 } })
 */
export class EcommerceEnvironment implements Environment<EcommerceContext>, SlateEnvironment<EcommerceContext> {
  readonly name: string
  readonly nArms: number
  readonly dimension = ECOMMERCE_FEATURES
  readonly stationary = false
  /** Clicks and purchases are 0 or 1; revenue is unbounded above. */
  readonly rewardRange: readonly [number, number]
  readonly world: World
  readonly options: Readonly<
    Required<Pick<EcommerceOptions, "arms" | "reward" | "position" | "stepsPerDay" | "topInterests">>
  >
  /** The logged history's settings (days 0: empty). */
  readonly historyOptions: Readonly<HistoryOptions>
  /** Arrivals and departures (null: everyone stays, everyone there from the start). */
  readonly dynamics: UserDynamics | null
  /** Visits per user over which new users' regret is measured, or 0 when per-user metrics are off. */
  readonly firstVisits: number
  /** The item shown for each arm. */
  readonly armItem: Int32Array
  /** The friend graph and its model (ground truth: for metrics only), or null without `friends`. */
  readonly friendGraph: FriendGraphModel | null
  private readonly visits: AliasTable
  private readonly ctx: EcommerceContext
  private readonly nCat: number
  // Per-run history (cleared by reset).
  private readonly exposureDay: Int32Array
  private readonly exposureCount: Float64Array
  private readonly shows: Float64Array
  private readonly found: Uint8Array
  private readonly seen: Uint8Array
  private readonly itemShows: Float64Array
  /** The simulated day of the latest context: interests are judged as they are at the run's end. */
  private lastDay = 0
  private readonly outcome: StepOutcome = { click: 0, purchase: 0, revenue: 0 }
  // Pre-drawn uniforms of the step and whether its visitor is present (leaving or arrivals only).
  private u1 = 0
  private u2 = 0
  private u3 = 0
  private presentNow = true
  // Per-user metrics (userMetrics only).
  private readonly visitCount: Int32Array
  private readonly firstClick: Int32Array
  private totalClicks = 0
  private newUserRegret = 0
  private newUserVisits = 0
  // Scratch for slates.
  private readonly slateValues: Float64Array
  private readonly slateClickP: Float64Array
  private readonly slatePurchaseP: Float64Array

  constructor(options: EcommerceOptions = {}) {
    const arms = options.arms ?? "categories"
    if (arms !== "categories" && arms !== "items")
      throw new Error(`EcommerceEnvironment: arms must be "categories" or "items", got ${String(arms)}`)
    const reward = options.reward ?? "click"
    if (reward !== "click" && reward !== "purchase" && reward !== "revenue") {
      throw new Error(`EcommerceEnvironment: reward must be "click", "purchase" or "revenue", got ${String(reward)}`)
    }
    const position = options.position ?? 0
    if (!Number.isInteger(position) || position < 0)
      throw new Error(`EcommerceEnvironment: position must be an integer >= 0, got ${position}`)
    const stepsPerDay = options.stepsPerDay ?? 100
    if (!(stepsPerDay > 0)) throw new Error(`EcommerceEnvironment: stepsPerDay must be > 0, got ${stepsPerDay}`)
    this.world = generateWorld(options.world ?? {})
    const topInterests = options.topInterests ?? 3
    if (!Number.isInteger(topInterests) || topInterests < 1 || topInterests > this.world.nCategories) {
      throw new Error(
        `EcommerceEnvironment: topInterests must be an integer in [1, ${this.world.nCategories}], got ${topInterests}`,
      )
    }
    this.options = { arms, reward, position, stepsPerDay, topInterests }
    const h = { days: 0, logging: "popularity" as const, epsilon: 0.1, ...options.history }
    if (!(h.days >= 0)) throw new Error(`EcommerceEnvironment: history.days must be >= 0, got ${h.days}`)
    if (h.logging !== "popularity" && h.logging !== "uniform")
      throw new Error(
        `EcommerceEnvironment: history.logging must be "popularity" or "uniform", got ${String(h.logging)}`,
      )
    if (!(h.epsilon > 0 && h.epsilon <= 1))
      throw new Error(`EcommerceEnvironment: history.epsilon must be in (0, 1], got ${h.epsilon}`)
    this.historyOptions = h
    this.rewardRange = reward === "revenue" ? [0, Infinity] : [0, 1]
    const w = this.world
    this.dynamics =
      options.leaving || options.arrivals
        ? new UserDynamics(
            w.nUsers,
            w.config.days,
            options.leaving ? { ...DEFAULT_LEAVING, ...options.leaving } : null,
            options.arrivals ?? null,
          )
        : null
    const firstVisits = options.userMetrics ? (options.userMetrics.firstVisits ?? 20) : 0
    if (options.userMetrics && !(Number.isInteger(firstVisits) && firstVisits >= 1)) {
      throw new Error(`EcommerceEnvironment: userMetrics.firstVisits must be a positive integer, got ${firstVisits}`)
    }
    this.firstVisits = firstVisits
    this.nCat = w.nCategories
    if (arms === "categories") {
      this.armItem = new Int32Array(w.nCategories)
      for (let c = 0; c < w.nCategories; c++) {
        const items = w.itemsByCategory[c]
        if (items.length === 0)
          throw new Error(`EcommerceEnvironment: category ${c} has no items; use more items or fewer categories`)
        let best = items[0]
        for (const i of items) if (w.catalog.popularity[i] > w.catalog.popularity[best]) best = i
        this.armItem[c] = best
      }
    } else {
      this.armItem = Int32Array.from({ length: w.nItems }, (_, i) => i)
    }
    this.nArms = this.armItem.length
    this.friendGraph = options.friends ? worldFriendGraph(w, options.friends) : null
    this.name = `ecommerce-${arms}-${reward}`
    this.visits = new AliasTable(w.users.activity)
    this.ctx = {
      user: 0,
      features: new Float64Array(ECOMMERCE_FEATURES),
      situation: { day: 0, hour: 0, weekday: 0, device: 0, region: 0 },
    }
    const cells = w.nUsers * this.nCat
    this.visitCount = new Int32Array(firstVisits > 0 ? w.nUsers : 0)
    this.firstClick = new Int32Array(firstVisits > 0 ? cells : 0)
    this.exposureDay = new Int32Array(cells)
    this.exposureCount = new Float64Array(cells)
    this.shows = new Float64Array(cells)
    this.found = new Uint8Array(cells)
    this.seen = new Uint8Array(w.nUsers)
    this.itemShows = new Float64Array(w.nItems)
    this.slateValues = new Float64Array(this.nArms)
    this.slateClickP = new Float64Array(this.nArms)
    this.slatePurchaseP = new Float64Array(this.nArms)
  }

  reset(rng?: Rng): void {
    if (this.dynamics) {
      if (!rng) throw new Error("EcommerceEnvironment: reset needs the run's generator when users arrive or leave")
      this.dynamics.reset(rng)
    }
    this.presentNow = true
    this.visitCount.fill(0)
    this.firstClick.fill(0)
    this.totalClicks = 0
    this.newUserRegret = 0
    this.newUserVisits = 0
    this.exposureDay.fill(-1)
    this.exposureCount.fill(0)
    this.shows.fill(0)
    this.found.fill(0)
    this.seen.fill(0)
    this.itemShows.fill(0)
    this.lastDay = 0
  }

  context(t: number, rng: Rng): EcommerceContext {
    const w = this.world
    const user = this.visits.sample(rng)
    const situation = w.sampleContext(user, t / this.options.stepsPerDay, rng)
    this.lastDay = situation.day
    const c = this.ctx
    c.user = user
    c.situation = situation
    const f = c.features
    f.fill(0)
    f[0] = 1
    f[1 + situation.device] = 1
    f[1 + DEVICES.length] = Math.cos((2 * Math.PI * situation.hour) / 24)
    f[2 + DEVICES.length] = Math.sin((2 * Math.PI * situation.hour) / 24)
    f[3 + DEVICES.length] = situation.weekday >= 5 ? 1 : 0
    f[4 + DEVICES.length + situation.region] = 1
    const d = this.dynamics
    if (d) {
      this.u1 = rng.next()
      this.u2 = rng.next()
      this.u3 = d.leaving ? rng.next() : 0
      this.presentNow = d.present(user, situation.day)
    }
    return c
  }

  /** Whether the latest context's visitor is there (false: left, or not arrived yet; the step shows nothing). */
  present(): boolean {
    return this.presentNow
  }

  /**
   * The users' logged history before the run (see `logHistory`), from `rng` (the runner gives every
   * policy of a run the same one). Users arriving during the run have no rows. With `friends`, the
   * history carries the users' friend lists.
   */
  loggedHistory(rng: Rng): InteractionHistory {
    const d = this.dynamics
    const presentAtStart = new Uint8Array(this.world.nUsers).fill(1)
    if (d) presentAtStart.fill(0, d.firstNewUser)
    const history = logHistory(
      {
        world: this.world,
        armItem: this.armItem,
        position: this.options.position,
        stepsPerDay: this.options.stepsPerDay,
        presentAtStart,
      },
      this.historyOptions,
      rng,
    )
    return this.friendGraph ? { ...history, friends: this.friendGraph.graph } : history
  }

  /** Whether `category` is among the user's true top-n on `day` (ties to the smaller id, as trueTopCategories): no allocation. */
  private isTopInterest(user: number, category: number, day: number): boolean {
    const w = this.world
    const theta = w.interestIn(user, category, day)
    let above = 0
    for (let k = 0; k < this.nCat; k++) {
      const x = w.interestIn(user, k, day)
      if (x > theta || (x === theta && k < category)) above++
    }
    return above < this.options.topInterests
  }

  private exposures(user: number, category: number, day: number): number {
    const cell = user * this.nCat + category
    return this.exposureDay[cell] === day ? this.exposureCount[cell] : 0
  }

  expectedReward(arm: number, context: EcommerceContext): number {
    const w = this.world
    const item = this.armItem[arm]
    const s = context.situation
    const e = this.exposures(context.user, w.catalog.category[item], Math.floor(s.day))
    const click = w.clickProbability(context.user, item, s, this.options.position, e)
    if (this.options.reward === "click") return click
    const purchase = click * w.purchaseProbability(context.user, item, s)
    return this.options.reward === "purchase" ? purchase : purchase * w.catalog.price[item]
  }

  expectedRewards(context: EcommerceContext, out: Float64Array): Float64Array {
    for (let a = 0; a < this.nArms; a++) out[a] = this.expectedReward(a, context)
    return out
  }

  reward(arm: number, context: EcommerceContext, rng: Rng): number {
    const w = this.world
    const item = this.armItem[arm]
    const s = context.situation
    const user = context.user
    const category = w.catalog.category[item]
    const day = Math.floor(s.day)
    const pClick = w.clickProbability(user, item, s, this.options.position, this.exposures(user, category, day))
    const d = this.dynamics
    const u1 = d ? this.u1 : rng.next()
    const u2 = d ? this.u2 : rng.next()
    const click = u1 < pClick ? 1 : 0
    const purchase = click && u2 < w.purchaseProbability(user, item, s) ? 1 : 0
    const o = this.outcome
    o.click = click
    o.purchase = purchase
    o.revenue = purchase ? w.catalog.price[item] : 0
    const discovered =
      click === 1 &&
      this.found[user * this.nCat + category] === 0 &&
      d?.leaving != null &&
      this.isTopInterest(user, category, s.day)
    if (this.firstVisits > 0) this.recordVisit(arm, context, category, click)
    this.record(user, category, item, day, click)
    d?.afterVisit(user, s.day, category, discovered, this.u3)
    return this.options.reward === "click" ? click : this.options.reward === "purchase" ? purchase : o.revenue
  }

  examination(position: number): number {
    return this.world.examination(position)
  }

  /** The expected reward of `arm` once examined: attraction × (1, P(purchase) or P(purchase)·price). */
  private examinedValue(arm: number, context: EcommerceContext): number {
    const w = this.world
    const item = this.armItem[arm]
    const s = context.situation
    const attraction = w.attraction(
      context.user,
      item,
      s,
      this.exposures(context.user, w.catalog.category[item], Math.floor(s.day)),
    )
    if (this.options.reward === "click") return attraction
    const purchase = attraction * w.purchaseProbability(context.user, item, s)
    return this.options.reward === "purchase" ? purchase : purchase * w.catalog.price[item]
  }

  /** Σ_p κ_p·value(slate[p]) over positions 0..k−1 (value = attraction for click rewards). */
  expectedSlateReward(slate: Int32Array, k: number, context: EcommerceContext): number {
    let total = 0
    for (let p = 0; p < k; p++) total += this.world.examination(p) * this.examinedValue(slate[p], context)
    return total
  }

  /**
   * The best k-slate's expected reward: the k largest values, the largest at the most examined
   * position (κ_p non-increasing, so by the rearrangement inequality sorting both is optimal).
   */
  bestSlateReward(k: number, context: EcommerceContext): number {
    const v = this.slateValues
    for (let a = 0; a < this.nArms; a++) v[a] = this.examinedValue(a, context)
    let total = 0
    for (let p = 0; p < k; p++) {
      // Partial selection sort: the p-th largest value into v[p].
      let best = p
      for (let a = p + 1; a < this.nArms; a++) if (v[a] > v[best]) best = a
      const tmp = v[p]
      v[p] = v[best]
      v[best] = tmp
      total += this.world.examination(p) * v[p]
    }
    return total
  }

  slateReward(slate: Int32Array, k: number, context: EcommerceContext, rng: Rng, clicks: Uint8Array): number {
    if (this.dynamics || this.firstVisits > 0)
      throw new Error("EcommerceEnvironment: slates do not support leaving, arrivals or userMetrics")
    const w = this.world
    const s = context.situation
    const user = context.user
    const day = Math.floor(s.day)
    const clickP = this.slateClickP
    const purchaseP = this.slatePurchaseP
    // Probabilities first, from the exposures before this slate; then draws, then the exposures.
    for (let p = 0; p < k; p++) {
      const item = this.armItem[slate[p]]
      clickP[p] = w.clickProbability(user, item, s, p, this.exposures(user, w.catalog.category[item], day))
      purchaseP[p] = w.purchaseProbability(user, item, s)
    }
    const o = this.outcome
    o.click = 0
    o.purchase = 0
    o.revenue = 0
    for (let p = 0; p < k; p++) {
      const item = this.armItem[slate[p]]
      const u1 = rng.next()
      const u2 = rng.next()
      const click = u1 < clickP[p] ? 1 : 0
      const purchase = click && u2 < purchaseP[p] ? 1 : 0
      clicks[p] = click
      o.click += click
      o.purchase += purchase
      if (purchase) o.revenue += w.catalog.price[item]
      this.record(user, w.catalog.category[item], item, day, click)
    }
    return this.options.reward === "click" ? o.click : this.options.reward === "purchase" ? o.purchase : o.revenue
  }

  /** Per-user metrics of one visit (before its exposure is recorded: the regret is judged on what the user saw). */
  private recordVisit(arm: number, context: EcommerceContext, category: number, click: number): void {
    const user = context.user
    const visit = ++this.visitCount[user]
    this.totalClicks += click
    const cell = user * this.nCat + category
    if (click && this.firstClick[cell] === 0) this.firstClick[cell] = visit
    const d = this.dynamics
    if (d && user >= d.firstNewUser && visit <= this.firstVisits) {
      const v = this.slateValues
      this.expectedRewards(context, v)
      let best = -Infinity
      for (let a = 0; a < this.nArms; a++) if (v[a] > best) best = v[a]
      this.newUserRegret += best - v[arm]
      this.newUserVisits++
    }
  }

  /** Records one exposure of `item` (category `category`) to `user` on `day`, and whether it was clicked. */
  private record(user: number, category: number, item: number, day: number, click: number): void {
    const cell = user * this.nCat + category
    if (this.exposureDay[cell] !== day) {
      this.exposureDay[cell] = day
      this.exposureCount[cell] = 0
    }
    this.exposureCount[cell]++
    this.shows[cell]++
    this.itemShows[item]++
    this.seen[user] = 1
    if (click) this.found[cell] = 1
  }

  lastOutcome(): StepOutcome {
    return this.outcome
  }

  /**
   * Metrics of the finished run, over the users who visited at least once:
   * - interestDiscovery: the mean share of each user's true top-n categories (n = `topInterests`, the
   *   world's ground truth at the run's last simulated day, after drift) that the policy has shown to
   *   that user AND got a click on, i.e. interests the system has positive evidence of, not merely
   *   displayed. Greedy policies find few; broad exploration finds many at a cost in CTR.
   * - interestExposure: the same share counting a category once it was shown, clicked or not
   *   (an upper bound on discovery: exposure without a click is not evidence of interest).
   * - diversity: mean intra-list diversity (different category = 1) of each user's recommendations;
   * - novelty: mean self-information of the shown items; itemCoverage: share of the catalogue ever shown.
   */
  runMetrics(): Record<string, number> {
    const w = this.world
    const n = this.options.topInterests
    let users = 0
    let discovery = 0
    let exposure = 0
    let diverseUsers = 0
    let diversity = 0
    for (let u = 0; u < w.nUsers; u++) {
      if (!this.seen[u]) continue
      users++
      let found = 0
      let shown = 0
      for (const c of w.trueTopCategories(u, n, this.lastDay)) {
        found += this.found[u * this.nCat + c]
        if (this.shows[u * this.nCat + c] > 0) shown++
      }
      discovery += found / n
      exposure += shown / n
      const row = this.shows.subarray(u * this.nCat, (u + 1) * this.nCat)
      let total = 0
      for (let c = 0; c < this.nCat; c++) total += row[c]
      if (total >= 2) {
        diverseUsers++
        diversity += categoryDiversityFromCounts(row)
      }
    }
    let shownItems = 0
    for (let i = 0; i < w.nItems; i++) if (this.itemShows[i] > 0) shownItems++
    const metrics: Record<string, number> = {
      interestDiscovery: users > 0 ? discovery / users : 0,
      interestExposure: users > 0 ? exposure / users : 0,
      diversity: diverseUsers > 0 ? diversity / diverseUsers : 0,
      novelty: noveltyFromCounts(this.itemShows, w.catalog.popularity),
      itemCoverage: shownItems / w.nItems,
    }
    if (this.firstVisits > 0) Object.assign(metrics, this.userMetrics(users))
    return metrics
  }

  /**
   * Per-user long-term metrics of the run: users (arrived by the last day), usersVisited, clicksPerUser and
   * visitsPerUser (per arrived user), discoveryTime (visits to the first click on each top-n interest,
   * censored at visits + 1; see `discoveryTime`), retentionDay1..D (see `retentionCurve`), and with
   * arrivals newUserRegret (mean pseudo-regret per visit over new users' first `firstVisits` visits).
   */
  private userMetrics(usersVisited: number): Record<string, number> {
    const w = this.world
    const n = this.options.topInterests
    const d = this.dynamics
    const days = w.config.days
    const arrival = d ? d.arrivalDay : new Float64Array(w.nUsers)
    const left = d ? d.leftDay : new Float64Array(w.nUsers).fill(Infinity)
    let arrived = 0
    let visits = 0
    for (let u = 0; u < w.nUsers; u++) {
      if (arrival[u] <= this.lastDay) arrived++
      visits += this.visitCount[u]
    }
    const top = new Int32Array(w.nUsers * n)
    for (let u = 0; u < w.nUsers; u++) top.set(w.trueTopCategories(u, n, this.lastDay), u * n)
    const out: Record<string, number> = {
      users: arrived,
      usersVisited,
      clicksPerUser: arrived > 0 ? this.totalClicks / arrived : 0,
      visitsPerUser: arrived > 0 ? visits / arrived : 0,
      discoveryTime: discoveryTime(this.firstClick, this.visitCount, top, n, this.nCat),
    }
    retentionCurve(arrival, left, days).forEach((r, i) => (out[`retentionDay${i + 1}`] = r))
    if (d && d.firstNewUser < w.nUsers)
      out.newUserRegret = this.newUserVisits > 0 ? this.newUserRegret / this.newUserVisits : 0
    return out
  }
}
