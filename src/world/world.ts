import { CALENDAR_DATE_RULE, parseCalendarDate } from "../io/calendar-date"
import type { Rng } from "../random/rng"
import { categorical } from "../random/categorical"
import { normal } from "../random/normal"
import { createRng } from "../random/rng"
import { randomInt } from "../random/uniform"
import { validate } from "../config/load-config"
import { generateCatalog, type Catalog } from "./catalog"
import { generateCommunities, type Communities } from "./communities"
import { CATEGORY_SPECS } from "./categories"
import { worldConfigSchema, type WorldConfig } from "./config"
import { logInterest, sigmoid } from "./math"
import { DEVICES, REGIONS, type Category, type Context } from "../schema/world-types"
import { generateUsers, type Users } from "./users"

/** Share of sessions by hour of day (a typical e-commerce day: small morning peak, evening peak). */
export const HOURLY_TRAFFIC: readonly number[] = [
  1.2, 0.7, 0.4, 0.3, 0.3, 0.5, 1.0, 1.8, 2.6, 3.2, 3.6, 4.0, 4.6, 4.2, 4.0, 4.0, 4.2, 4.6, 5.2, 6.2, 7.2, 7.8, 6.6,
  3.4,
]

/** The fixed coefficients of the click and purchase models (documented, not learned). */
export const CLICK_MODEL = {
  intercept: -3.0,
  interest: 0.9,
  popularity: 0.25,
  hour: 0.35,
  device: [0.1, 0, -0.1],
  purchaseIntercept: -2.6,
  purchaseInterest: 0.5,
  purchaseQuality: 0.8,
  purchaseDevice: [0, 0.3, 0.1],
} as const

/**
 * The synthetic e-commerce world: a catalogue, users with latent drifting interests, and the
 * ground-truth behaviour model. Everything a simulator or evaluator needs to know the truth:
 *
 *   attraction(u, i, x) = σ( β₀ + β_I·ln(C·θ_u,c(t) + 0.05) + q_i + β_P·(½ − ν_u)·ln(N·π_i)
 *                           + β_H·cos(2π(h − h_c)/24) + w_c·[weekend] + ρ_{r,c} + δ_d − φ_u·e )
 *   P(click | u, i, x, position p) = (1 + p)^(−η) · attraction          (position-based model)
 *   P(purchase | click) = σ( γ₀ + γ_I·ln(C·θ_u,c(t) + 0.05) + γ_q·q_i − s_u·ln(price_i / median_c) + γ_d )
 *
 * with θ_u(t) = (1 − w_u(t))·θ_u^start + w_u(t)·θ_u^end, w_u(t) = drift_u · min(1, t / days);
 * c the item's category, N the catalogue size, π_i its popularity, ν_u novelty seeking,
 * e earlier views of the category in the session (fatigue), ρ region affinities, δ device effects.
 */
export class World {
  readonly config: WorldConfig
  readonly nUsers: number
  readonly nItems: number
  readonly nCategories: number
  readonly categories: Category[]
  readonly catalog: Catalog
  readonly users: Users
  /** Taste communities (ground truth), or null when the world has none. */
  readonly communities: Communities | null
  /** Region × category logit offsets (row-major REGIONS × categories). */
  readonly regionAffinity: Float64Array
  /** Items of each category, for sampling within a category. */
  readonly itemsByCategory: Int32Array[]
  private readonly medianPrice: Float64Array
  private readonly peakHour: Float64Array
  private readonly weekendLift: Float64Array
  private readonly scratch: Float64Array

  constructor(config: WorldConfig) {
    this.config = config
    this.nUsers = config.users
    this.nItems = config.items
    this.nCategories = config.categories
    const specs = CATEGORY_SPECS.slice(0, config.categories)
    this.categories = specs.map((s) => ({ id: s.id, en: s.en, zh: s.zh }))
    this.medianPrice = Float64Array.from(specs, (s) => s.medianPrice)
    this.peakHour = Float64Array.from(specs, (s) => s.peakHour)
    this.weekendLift = Float64Array.from(specs, (s) => s.weekendLift)
    // Separate streams: changing the number of users does not change the catalogue.
    this.catalog = generateCatalog(config, createRng(config.seed, 1))
    // Communities from a stream of their own: users' other traits are the same with or without them.
    this.communities = config.communities
      ? generateCommunities(config.communities, this.catalog.marketShare, config.users, createRng(config.seed, 4))
      : null
    const communityRng = createRng(config.seed, 5)
    this.users = generateUsers(
      config,
      this.catalog.marketShare,
      createRng(config.seed, 2),
      this.communities ? { ...this.communities, rng: communityRng } : undefined,
    )
    const rng = createRng(config.seed, 3)
    this.regionAffinity = new Float64Array(REGIONS.length * this.nCategories)
    for (let k = 0; k < this.regionAffinity.length; k++) this.regionAffinity[k] = normal(rng, 0, 0.25)
    const lists: number[][] = specs.map(() => [])
    for (let i = 0; i < this.nItems; i++) lists[this.catalog.category[i]].push(i)
    this.itemsByCategory = lists.map((l) => Int32Array.from(l))
    this.scratch = new Float64Array(this.nCategories)
  }

  private checkUser(user: number): void {
    if (!(Number.isInteger(user) && user >= 0 && user < this.nUsers)) {
      throw new Error(`world: user ${user} is outside [0, ${this.nUsers})`)
    }
  }

  private checkItem(item: number): void {
    if (!(Number.isInteger(item) && item >= 0 && item < this.nItems)) {
      throw new Error(`world: item ${item} is outside [0, ${this.nItems})`)
    }
  }

  /** The weight w_u(t) of the end interests at time `day`. */
  driftWeight(user: number, day: number): number {
    return this.users.drift[user] * Math.min(1, Math.max(0, day / this.config.days))
  }

  /**
   * The user's true interest over categories at time `day` (sums to 1).
   * @example world.interestAt(0, 0) // the interests user 0 starts with
   */
  interestAt(user: number, day: number, out: Float64Array = new Float64Array(this.nCategories)): Float64Array {
    this.checkUser(user)
    const w = this.driftWeight(user, day)
    const nc = this.nCategories
    const a = this.users.interestStart
    const b = this.users.interestEnd
    for (let k = 0; k < nc; k++) out[k] = (1 - w) * a[user * nc + k] + w * b[user * nc + k]
    return out
  }

  /** The user's true interest in one category at time `day`. */
  interestIn(user: number, category: number, day: number): number {
    const w = this.driftWeight(user, day)
    const at = user * this.nCategories + category
    return (1 - w) * this.users.interestStart[at] + w * this.users.interestEnd[at]
  }

  /** The user's n most interesting categories at time `day`, best first (ties to the smaller id). */
  trueTopCategories(user: number, n: number, day: number): number[] {
    const x = this.interestAt(user, day, this.scratch)
    return Array.from({ length: this.nCategories }, (_, k) => k)
      .sort((a, b) => x[b] - x[a] || a - b)
      .slice(0, n)
  }

  /** The probability that a user examines position p (0-based): (1 + p)^(−η). */
  examination(position: number): number {
    return Math.pow(1 + position, -this.config.positionBias)
  }

  /** P(click | examined): the item's attraction for the user in this context (see the class comment). */
  attraction(user: number, item: number, context: Context, exposures = 0): number {
    this.checkUser(user)
    this.checkItem(item)
    const c = this.catalog.category[item]
    const theta = this.interestIn(user, c, context.day)
    const m = CLICK_MODEL
    const logit =
      m.intercept +
      m.interest * logInterest(theta, this.nCategories) +
      this.catalog.quality[item] +
      m.popularity * (0.5 - this.users.noveltySeeking[user]) * Math.log(this.nItems * this.catalog.popularity[item]) +
      m.hour * Math.cos((2 * Math.PI * (context.hour - this.peakHour[c])) / 24) +
      (context.weekday >= 5 ? this.weekendLift[c] : 0) +
      this.regionAffinity[context.region * this.nCategories + c] +
      m.device[context.device] -
      this.users.fatigue[user] * exposures
    return sigmoid(logit)
  }

  /** P(click) of showing `item` at `position`: examination × attraction. */
  clickProbability(user: number, item: number, context: Context, position: number, exposures = 0): number {
    return this.examination(position) * this.attraction(user, item, context, exposures)
  }

  /** P(purchase | click) (see the class comment). */
  purchaseProbability(user: number, item: number, context: Context): number {
    this.checkUser(user)
    this.checkItem(item)
    const c = this.catalog.category[item]
    const m = CLICK_MODEL
    const theta = this.interestIn(user, c, context.day)
    return sigmoid(
      m.purchaseIntercept +
        m.purchaseInterest * logInterest(theta, this.nCategories) +
        m.purchaseQuality * this.catalog.quality[item] -
        this.users.priceSensitivity[user] * Math.log(this.catalog.price[item] / this.medianPrice[c]) +
        m.purchaseDevice[context.device],
    )
  }

  /** Expected revenue of showing `item` at `position`: P(click)·P(purchase | click)·price. */
  expectedRevenue(user: number, item: number, context: Context, position = 0, exposures = 0): number {
    return (
      this.clickProbability(user, item, context, position, exposures) *
      this.purchaseProbability(user, item, context) *
      this.catalog.price[item]
    )
  }

  /**
   * A context for a session of `user` on `day`: hour from the daily traffic curve, the user's
   * preferred device 80% of the time, the user's region. `day` is the session's day index.
   */
  sampleContext(user: number, day: number, rng: Rng): Context {
    this.checkUser(user)
    const hour = categorical(rng, HOURLY_TRAFFIC)
    const device = rng.next() < 0.8 ? this.users.device[user] : randomInt(rng, DEVICES.length)
    const whole = Math.floor(day)
    return {
      day: whole + (hour + rng.next()) / 24,
      hour,
      weekday: (this.startWeekday() + whole) % 7,
      device,
      region: this.users.region[user],
    }
  }

  /** The weekday (0 = Monday) of day 0; 1970-01-01 was a Thursday (3). */
  startWeekday(): number {
    const day = parseCalendarDate(this.config.startDate)
    if (Number.isNaN(day)) throw new Error(`World: startDate '${this.config.startDate}' is not ${CALENDAR_DATE_RULE}`)
    return (((day + 3) % 7) + 7) % 7
  }
}

/**
 * Builds a world from a (partial) configuration; missing fields take their defaults, invalid
 * ones throw an error naming the field.
 * @example const world = generateWorld({ users: 1000, items: 300, seed: 7 })
 */
export function generateWorld(config: Partial<WorldConfig> = {}): World {
  return new World(validate(worldConfigSchema, config, "world config"))
}
