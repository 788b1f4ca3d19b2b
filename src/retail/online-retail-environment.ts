import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { OnlineRetailCalibration } from "./calibration"
import type { Environment } from "../schema/environment"
import type { InteractionHistory } from "../schema/interaction-history"
import type { MonthlyPurchases } from "./monthly-purchases"

/** Where the calibration fitted on the real data is shipped (see `calibrateOnlineRetail`). */
export const ONLINE_RETAIL_CALIBRATION_PATH: string = join(
  __dirname,
  "..",
  "..",
  "data",
  "online-retail",
  "calibration.json",
)

/** Where the calibrated customers' real monthly purchases are shipped (see `monthlyPurchases`). */
export const ONLINE_RETAIL_PURCHASES_PATH: string = join(
  __dirname,
  "..",
  "..",
  "data",
  "online-retail",
  "monthly-purchases.json",
)

/** Reads the shipped monthly purchases of the calibrated customers. */
export function loadMonthlyPurchases(path: string = ONLINE_RETAIL_PURCHASES_PATH): MonthlyPurchases {
  return JSON.parse(readFileSync(path, "utf8")) as MonthlyPurchases
}

/** Reads the shipped calibration (synchronously: environments are built synchronously). */
export function loadOnlineRetailCalibration(path: string = ONLINE_RETAIL_CALIBRATION_PATH): OnlineRetailCalibration {
  return JSON.parse(readFileSync(path, "utf8")) as OnlineRetailCalibration
}

/** The config of a `simulate` environment of type `online-retail`. */
export const onlineRetailEnvironmentSpecSchema = lazyValue(() => {
  const z = loadZod()
  return z.strictObject({
    type: z.literal("online-retail"),
    /** Use the first n calibrated customers (default all 1000). */
    customers: z.number().int().min(1).optional(),
    /** Follow the real month-by-month changes (default true); false = the average month. */
    drift: z.boolean().optional(),
    /** Steps per simulated month when drifting (default 1000). */
    stepsPerMonth: z.number().int().min(1).optional(),
    /**
     * Each customer's real purchases in the first `months` months (2010-12 onwards) are their logged
     * history (policies' warm start), and the run starts in the month after: the split. Absent: no history.
     */
    history: z.strictObject({ months: z.number().int().min(1).max(11) }).optional(),
  })
})
export type OnlineRetailEnvironmentSpec = z.infer<typeof onlineRetailEnvironmentSpecSchema>

/** The context of one step: which real customer arrives, in which month. */
export interface OnlineRetailContext {
  customer: number
  /** The same as `customer`: the visitor's id, as personalised policies read it (`VisitorContext`). */
  user: number
  month: number
}

/**
 * Exploration on customers calibrated to Online Retail: each step a customer drawn uniformly
 * from the calibrated ones arrives in month ⌊t / stepsPerMonth⌋ mod 12, the policy shows one of
 * the 20 most popular products (the arms), and the customer buys it with the true probability
 *   p(u, i, m) = σ(intercept + slope · s_ui + shift_im)
 * of the calibration (implicit-ALS scores with a logistic link fitted on the real monthly
 * purchases, the intercept solved so random recommendations have the real purchase rate; see
 * `calibrateOnlineRetail`). Reward = purchase (0/1). Each step draws one integer (the customer)
 * and one uniform (the purchase), whatever the arm: common random numbers across policies.
 * `runMetrics().discovery`: the share of customers who were shown something that bought at
 * least once one of their three truly best products of that month.
 * With `history: { months: k }` the run starts in month k (after the split), and `loggedHistory`
 * holds each customer's real purchases of months 0..k−1: for every month in which the customer
 * bought anything, one impression per arm with reward 1 if they bought it that month, else 0, and
 * propensity 1 (the whole catalogue was on offer), as in the calibration's monthly indicators.
 * @example const env = new OnlineRetailEnvironment({ drift: true }); env.reset(rng)
 */
export class OnlineRetailEnvironment implements Environment<OnlineRetailContext> {
  readonly name = "online-retail"
  readonly nArms: number
  readonly stationary: boolean
  readonly rewardRange = [0, 1] as const
  readonly calibration: OnlineRetailCalibration
  readonly nCustomers: number
  readonly stepsPerMonth: number
  /** True purchase probabilities, [month][customer × arm] (month 0 only without drift). */
  private readonly p: Float64Array[]
  /** 1 where arm a is among the customer's 3 best in that month. */
  private readonly top3: Uint8Array[]
  private readonly context_: OnlineRetailContext = { customer: 0, user: 0, month: 0 }
  /** Months of real history before the run (0: none); the run starts in this month. */
  readonly historyMonths: number
  private readonly purchases: MonthlyPurchases | null
  private readonly served = new Uint8Array(0)
  private readonly discovered = new Uint8Array(0)

  constructor(
    options: Omit<OnlineRetailEnvironmentSpec, "type"> & {
      calibration?: OnlineRetailCalibration
      purchases?: MonthlyPurchases
    } = {},
  ) {
    const cal = options.calibration ?? loadOnlineRetailCalibration()
    this.historyMonths = options.history?.months ?? 0
    if (!(Number.isInteger(this.historyMonths) && this.historyMonths >= 0 && this.historyMonths < cal.months.length)) {
      throw new Error(
        `online-retail: history.months must be an integer in [1, ${cal.months.length - 1}], got ${this.historyMonths}`,
      )
    }
    this.purchases = this.historyMonths > 0 ? (options.purchases ?? loadMonthlyPurchases()) : null
    if (
      this.purchases &&
      (this.purchases.customers.join() !== cal.customers.join() ||
        this.purchases.arms.join() !== cal.arms.map((a) => a.stockCode).join())
    ) {
      throw new Error(
        "online-retail: the monthly purchases do not match the calibration's customers and arms; regenerate them with monthlyPurchases",
      )
    }
    const all = cal.customers.length
    const n = options.customers ?? all
    if (!(Number.isInteger(n) && n >= 1 && n <= all))
      throw new Error(`online-retail: customers must be an integer in [1, ${all}], got ${n}`)
    this.calibration = cal
    this.nCustomers = n
    this.nArms = cal.arms.length
    const drift = options.drift ?? true
    this.stationary = !drift
    this.stepsPerMonth = options.stepsPerMonth ?? 1000
    if (!(Number.isInteger(this.stepsPerMonth) && this.stepsPerMonth >= 1))
      throw new Error(`online-retail: stepsPerMonth must be a positive integer, got ${this.stepsPerMonth}`)
    const k = this.nArms
    const months = drift ? cal.months.length : 1
    this.p = []
    this.top3 = []
    for (let m = 0; m < months; m++) {
      const p = new Float64Array(n * k)
      const top = new Uint8Array(n * k)
      for (let u = 0; u < n; u++) {
        for (let a = 0; a < k; a++) {
          let shift = 0
          if (drift) shift = cal.shift[a * cal.months.length + m]
          else
            for (let mm = 0; mm < cal.months.length; mm++)
              shift += cal.shift[a * cal.months.length + mm] / cal.months.length
          p[u * k + a] = 1 / (1 + Math.exp(-(cal.intercept + cal.slope * cal.score[u * k + a] + shift)))
        }
        const order = Array.from({ length: k }, (_, a) => a).sort((x, y) => p[u * k + y] - p[u * k + x] || x - y)
        for (const a of order.slice(0, 3)) top[u * k + a] = 1
      }
      this.p.push(p)
      this.top3.push(top)
    }
    this.served = new Uint8Array(n)
    this.discovered = new Uint8Array(n)
  }

  /** The true purchase probabilities of month m (customers × arms, row-major). */
  probabilities(month: number): Float64Array {
    return this.p[this.stationary ? 0 : month % this.p.length]
  }

  reset(): void {
    this.served.fill(0)
    this.discovered.fill(0)
  }

  context(t: number, rng: Rng): OnlineRetailContext {
    const customer = randomInt(rng, this.nCustomers)
    this.context_.customer = customer
    this.context_.user = customer
    this.context_.month = this.stationary
      ? 0
      : (this.historyMonths + Math.floor(t / this.stepsPerMonth)) % this.p.length
    return this.context_
  }

  expectedReward(arm: number, context: OnlineRetailContext): number {
    return this.p[context.month][context.customer * this.nArms + arm]
  }

  expectedRewards(context: OnlineRetailContext, out: Float64Array): Float64Array {
    const base = context.customer * this.nArms
    out.set(this.p[context.month].subarray(base, base + this.nArms))
    return out
  }

  reward(arm: number, context: OnlineRetailContext, rng: Rng): number {
    const i = context.customer * this.nArms + arm
    const bought = rng.next() < this.p[context.month][i] ? 1 : 0
    this.served[context.customer] = 1
    if (bought && this.top3[context.month][i]) this.discovered[context.customer] = 1
    return bought
  }

  /** The customers' real purchases before the split (see the class comment); empty without `history`. Deterministic: `_rng` is not used. */
  loggedHistory(_rng: Rng): InteractionHistory {
    const K = this.nArms
    const user: number[] = []
    const arm: number[] = []
    const reward: number[] = []
    const rows = this.purchases?.rows ?? []
    for (let i = 0; i < rows.length; i += 3) {
      const [u, m, mask] = [rows[i], rows[i + 1], rows[i + 2]]
      if (m >= this.historyMonths || u >= this.nCustomers) continue
      for (let a = 0; a < K; a++) {
        user.push(u)
        arm.push(a)
        reward.push((mask >>> a) & 1)
      }
    }
    return {
      nUsers: this.nCustomers,
      nArms: K,
      user: Int32Array.from(user),
      arm: Int32Array.from(arm),
      reward: Float64Array.from(reward),
      propensity: new Float64Array(user.length).fill(1),
    }
  }

  runMetrics(): Record<string, number> {
    let served = 0
    let discovered = 0
    for (let u = 0; u < this.nCustomers; u++) {
      served += this.served[u]
      discovered += this.discovered[u]
    }
    return { discovery: served > 0 ? discovered / served : 0 }
  }
}

/** Builds the environment from a validated spec (the `simulate` factory's entry point). */
export function createOnlineRetailEnvironment(spec: OnlineRetailEnvironmentSpec): OnlineRetailEnvironment {
  const { type: _type, ...options } = spec
  return new OnlineRetailEnvironment(options)
}
