import { formatRetailDay } from "../data/online-retail"
import { shuffle } from "../random/uniform"
import { createRng } from "../random/rng"
import { ImplicitAls } from "../recommenders/implicit-als"
import { interactionsFromTriples } from "../schema/interactions"
import { LogisticRegression } from "../text/logistic-regression"
import { fromRowMajor } from "../linalg/matrix"
import { cleanRetail, DEFAULT_CLEANING_RULES, nonProductStockCode } from "./cleaning"
import type { OnlineRetailTable } from "../data/online-retail"

/**
 * Simulated customers calibrated to Online Retail: the true purchase probability of customer u
 * shown arm (product) i in month m is
 *   p(u, i, m) = σ(intercept + slope · s_ui + shift_im)
 * where s_ui is the implicit-ALS score (Hu, Koren & Volinsky 2008) fitted on every cleaned
 * purchase, `slope` comes from a logistic regression of the real monthly purchase indicators
 * y_uim = [u bought i in month m] (over months in which u bought anything) on s_ui, `shift_im`
 * = logit(rate_im) − logit(rate_i) carries the real month-by-month change of each product's
 * purchase rate (Laplace-smoothed), and `intercept` is then solved by bisection so that showing
 * uniformly random arms to the simulated customers in uniformly random months has the real
 * purchase rate `realRate`.
 */
export interface OnlineRetailCalibration {
  readonly description: string
  /** Months `YYYY-MM`, the 12 full months of the data. */
  readonly months: string[]
  readonly arms: { stockCode: string; description: string }[]
  readonly customers: number[]
  /** ALS scores, customers × arms row-major (rounded to 1e-5). */
  readonly score: number[]
  readonly slope: number
  readonly intercept: number
  /** Month shifts, arms × months row-major (rounded to 1e-5). */
  readonly shift: number[]
  /** Real rate of y_uim over active customer-months and arms. */
  readonly realRate: number
  readonly settings: {
    arms: number
    customers: number
    factors: number
    iterations: number
    alpha: number
    regularization: number
    seed: number
  }
}

export interface CalibrationOptions {
  /** Arms = the most popular products (distinct customers) (default 20). */
  arms?: number
  /** Simulated customers, drawn without replacement from the real ones (default 1000). */
  customers?: number
  seed?: number
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))
const logit = (p: number): number => Math.log(p / (1 - p))
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5

/** Month index `YYYY-MM` of a date in minutes. */
function monthOf(minutes: number): string {
  return formatRetailDay(minutes).slice(0, 7)
}

/**
 * Fits the calibration from the raw table (cleaned here with the default rules plus the
 * non-product rule). Deterministic for a given seed.
 * @example const cal = calibrateOnlineRetail(await loadOnlineRetail())
 */
export function calibrateOnlineRetail(
  table: OnlineRetailTable,
  options: CalibrationOptions = {},
): OnlineRetailCalibration {
  const nArms = options.arms ?? 20
  const nSim = options.customers ?? 1000
  const seed = options.seed ?? 0
  const factors = 16
  const iterations = 10
  const alpha = 10
  const regularization = 0.1
  if (!(Number.isInteger(nArms) && nArms >= 2))
    throw new Error(`calibrateOnlineRetail: arms must be an integer >= 2, got ${nArms}`)
  if (!(Number.isInteger(nSim) && nSim >= 1))
    throw new Error(`calibrateOnlineRetail: customers must be a positive integer, got ${nSim}`)
  const clean = cleanRetail(table, [...DEFAULT_CLEANING_RULES, nonProductStockCode])
  const t = table

  // Customers and items as dense indices (ascending customer number, ascending stock code).
  const customerIds = [...new Set(Array.from(clean.rows, (r) => t.customer[r]))].sort((a, b) => a - b)
  const userOf = new Map(customerIds.map((c, u) => [c, u]))
  const codeIds = [...new Set(Array.from(clean.rows, (r) => t.stockCode[r]))].sort((a, b) =>
    t.stockCodes[a] < t.stockCodes[b] ? -1 : 1,
  )
  const itemOf = new Map(codeIds.map((c, i) => [c, i]))
  const allMonths = [...new Set(Array.from(clean.rows, (r) => monthOf(t.invoiceDate[r])))].sort()
  const months = allMonths.slice(0, 12) // the 13th (2011-12) is a partial month
  const monthIndex = new Map(months.map((m, k) => [m, k]))

  // Strength = distinct invoices per (customer, item); popularity = distinct customers.
  const pairInvoices = new Map<number, Set<number>>()
  for (const r of clean.rows) {
    const key = userOf.get(t.customer[r])! * codeIds.length + itemOf.get(t.stockCode[r])!
    let s = pairInvoices.get(key)
    if (!s) pairInvoices.set(key, (s = new Set()))
    s.add(t.invoice[r])
  }
  const users: number[] = []
  const items: number[] = []
  const values: number[] = []
  const popularity = new Float64Array(codeIds.length)
  for (const [key, s] of pairInvoices) {
    const i = key % codeIds.length
    users.push(Math.floor(key / codeIds.length))
    items.push(i)
    values.push(s.size)
    popularity[i]++
  }
  const train = interactionsFromTriples(customerIds.length, codeIds.length, users, items, values)
  const als = new ImplicitAls({ factors, iterations, alpha, regularization, seed }).fit(train, createRng(seed, 1))
  const armItems = Array.from(popularity.keys())
    .sort((a, b) => popularity[b] - popularity[a] || a - b)
    .slice(0, nArms)
  const armOf = new Map(armItems.map((i, a) => [i, a]))
  const descriptionOf = new Map<number, string>()
  for (const r of clean.rows)
    if (!descriptionOf.has(t.stockCode[r])) descriptionOf.set(t.stockCode[r], t.descriptions[t.description[r]].trim())

  // Monthly indicators: which arms each customer bought in each month they bought anything.
  const boughtIn = new Map<number, Set<number>>() // (u * 12 + m) → arms
  for (const r of clean.rows) {
    const m = monthIndex.get(monthOf(t.invoiceDate[r]))
    if (m === undefined) continue
    const key = userOf.get(t.customer[r])! * 12 + m
    let s = boughtIn.get(key)
    if (!s) boughtIn.set(key, (s = new Set()))
    const a = armOf.get(itemOf.get(t.stockCode[r])!)
    if (a !== undefined) s.add(a)
  }
  const allScores = new Float64Array(customerIds.length * nArms)
  for (let u = 0; u < customerIds.length; u++) {
    const s = als.score(u)
    for (let a = 0; a < nArms; a++) allScores[u * nArms + a] = s[armItems[a]]
  }
  const active = new Float64Array(12)
  const boughtArmMonth = new Float64Array(nArms * 12)
  const X: number[] = []
  const y: number[] = []
  let positives = 0
  for (const [key, set] of boughtIn) {
    const u = Math.floor(key / 12)
    const m = key % 12
    active[m]++
    for (let a = 0; a < nArms; a++) {
      const hit = set.has(a) ? 1 : 0
      X.push(allScores[u * nArms + a])
      y.push(hit)
      positives += hit
      boughtArmMonth[a * 12 + m] += hit
    }
  }
  const realRate = positives / y.length
  const lr = new LogisticRegression({ C: 1e6 }).fit(fromRowMajor(X, X.length, 1), y)
  const slope = lr.coef.data[0]
  const totalActive = active.reduce((s, v) => s + v, 0)
  const shift = new Float64Array(nArms * 12)
  for (let a = 0; a < nArms; a++) {
    let bought = 0
    for (let m = 0; m < 12; m++) bought += boughtArmMonth[a * 12 + m]
    const overall = logit((bought + 1) / (totalActive + 2))
    for (let m = 0; m < 12; m++)
      shift[a * 12 + m] = round5(logit((boughtArmMonth[a * 12 + m] + 1) / (active[m] + 2)) - overall)
  }

  const order = Array.from(customerIds.keys())
  shuffle(createRng(seed, 2), order)
  const chosen = order.slice(0, Math.min(nSim, order.length)).sort((a, b) => a - b)
  const score = chosen.flatMap((u) => Array.from(allScores.subarray(u * nArms, (u + 1) * nArms), round5))
  const simulatedRate = (b0: number): number => {
    let s = 0
    for (let c = 0; c < chosen.length; c++) {
      for (let a = 0; a < nArms; a++)
        for (let m = 0; m < 12; m++) s += sigmoid(b0 + slope * score[c * nArms + a] + shift[a * 12 + m])
    }
    return s / (chosen.length * nArms * 12)
  }
  let lo = -30
  let hi = 30
  for (let it = 0; it < 100; it++) {
    const mid = (lo + hi) / 2
    if (simulatedRate(mid) < realRate) lo = mid
    else hi = mid
  }
  return {
    description:
      "p(u, i, m) = sigmoid(intercept + slope * score[u, i] + shift[i, m]); score = implicit-ALS (all cleaned purchases, strength = distinct invoices); slope = logistic regression of monthly purchase indicators on score; shift = month effect of each product (Laplace-smoothed logits); intercept solved so that uniformly random arms have the real monthly purchase rate.",
    months,
    arms: armItems.map((i) => ({
      stockCode: t.stockCodes[codeIds[i]],
      description: descriptionOf.get(codeIds[i]) ?? "",
    })),
    customers: chosen.map((u) => customerIds[u]),
    score,
    slope: round5(slope),
    intercept: round5((lo + hi) / 2),
    shift: Array.from(shift),
    realRate,
    settings: { arms: nArms, customers: chosen.length, factors, iterations, alpha, regularization, seed },
  }
}
