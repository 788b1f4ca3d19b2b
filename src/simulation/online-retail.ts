import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { OnlineRetailCalibration } from "../retail/calibration"
import type { Environment } from "./environment"

/** Where the calibration fitted on the real data is shipped (see `calibrateOnlineRetail`). */
export const ONLINE_RETAIL_CALIBRATION_PATH: string = join(__dirname, "..", "..", "data", "online-retail", "calibration.json")

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
  })
})
export type OnlineRetailEnvironmentSpec = z.infer<typeof onlineRetailEnvironmentSpecSchema>

/** The context of one step: which real customer arrives, in which month. */
export interface OnlineRetailContext {
  customer: number
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
 * @example const env = new OnlineRetailEnvironment({ drift: true }); env.reset(rng)
 */
export class OnlineRetailEnvironment implements Environment<OnlineRetailContext> {
  readonly name = "online-retail"
  readonly nArms: number
  readonly stationary: boolean
  readonly calibration: OnlineRetailCalibration
  readonly nCustomers: number
  readonly stepsPerMonth: number
  /** True purchase probabilities, [month][customer × arm] (month 0 only without drift). */
  private readonly p: Float64Array[]
  /** 1 where arm a is among the customer's 3 best in that month. */
  private readonly top3: Uint8Array[]
  private readonly context_: OnlineRetailContext = { customer: 0, month: 0 }
  private readonly served = new Uint8Array(0)
  private readonly discovered = new Uint8Array(0)

  constructor(options: Omit<OnlineRetailEnvironmentSpec, "type"> & { calibration?: OnlineRetailCalibration } = {}) {
    const cal = options.calibration ?? loadOnlineRetailCalibration()
    const all = cal.customers.length
    const n = options.customers ?? all
    if (!(Number.isInteger(n) && n >= 1 && n <= all)) throw new Error(`online-retail: customers must be an integer in [1, ${all}], got ${n}`)
    this.calibration = cal
    this.nCustomers = n
    this.nArms = cal.arms.length
    const drift = options.drift ?? true
    this.stationary = !drift
    this.stepsPerMonth = options.stepsPerMonth ?? 1000
    if (!(Number.isInteger(this.stepsPerMonth) && this.stepsPerMonth >= 1)) throw new Error(`online-retail: stepsPerMonth must be a positive integer, got ${this.stepsPerMonth}`)
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
          else for (let mm = 0; mm < cal.months.length; mm++) shift += cal.shift[a * cal.months.length + mm] / cal.months.length
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
    this.context_.customer = randomInt(rng, this.nCustomers)
    this.context_.month = this.stationary ? 0 : Math.floor(t / this.stepsPerMonth) % this.p.length
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
