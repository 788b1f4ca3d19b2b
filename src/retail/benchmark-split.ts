import { parseCalendarDate } from "../io/calendar-date"
import { formatRetailDay } from "../data/online-retail"
import { interactionsFromTriples, type Interactions } from "../schema/interactions"
import type { CleanedRetail } from "./cleaning"

/**
 * The benchmark's data, built by the protocol below (docs/commands/benchmark.md) so anyone can reproduce the numbers:
 * - train = cleaned rows dated before the split day, test = cleaned rows on or after it;
 * - users = customers with a train purchase (ascending customer number); catalogue = stock codes
 *   in train, in ascending code-unit order (so "ties to the smaller index" = "ties to the smaller
 *   stock code");
 * - strength of (user, item) = the number of distinct train invoices in which the user bought it;
 * - relevant items of a user = catalogue items bought in test and never in train; users with
 *   none are not evaluated.
 */
export interface RetailBenchmarkData {
  readonly split: string
  readonly train: Interactions
  /** Customer number of each user row. */
  readonly customers: Float64Array
  /** Stock code of each item column. */
  readonly stockCodes: string[]
  /** The users evaluated (ascending), and for each its relevant items (ascending). */
  readonly evaluatedUsers: Int32Array
  readonly relevant: Int32Array[]
  readonly trainRows: number
  readonly testRows: number
  /** The first and last day of the cleaned data, `YYYY-MM-DD`. */
  readonly firstDay: string
  readonly lastDay: string
}

/**
 * Parses a split date `YYYY-MM-DD` into minutes (the file's clock) at 00:00 of that day.
 * @throws if the text is not such a date
 */
export function parseSplitDate(split: string): number {
  const day = parseCalendarDate(split)
  if (Number.isNaN(day))
    throw new Error(`split date '${split}' is not a date of the form YYYY-MM-DD (a real date, year 1000..9999)`)
  return day * 1440
}

/**
 * Splits cleaned rows at `split` (`YYYY-MM-DD`, the first test day) by the benchmark protocol.
 * @throws if the date is malformed or outside the data (both sides must hold rows)
 * @example const data = retailBenchmarkData(cleanRetail(table), "2011-09-01")
 */
export function retailBenchmarkData(clean: CleanedRetail, split: string): RetailBenchmarkData {
  const t = clean.table
  const at = parseSplitDate(split)
  let first = Infinity
  let last = -Infinity
  for (const r of clean.rows) {
    first = Math.min(first, t.invoiceDate[r])
    last = Math.max(last, t.invoiceDate[r])
  }
  const firstDay = formatRetailDay(first)
  const lastDay = formatRetailDay(last)
  if (!(at > first && at <= last)) {
    throw new Error(
      `split date ${split} is outside the data's range: it must be after ${firstDay} and no later than ${lastDay}, so that train and test both hold purchases`,
    )
  }

  const customerSet = new Set<number>()
  const codeSet = new Set<number>()
  let trainRows = 0
  for (const r of clean.rows) {
    if (t.invoiceDate[r] < at) {
      customerSet.add(t.customer[r])
      codeSet.add(t.stockCode[r])
      trainRows++
    }
  }
  const customers = Float64Array.from(customerSet).sort()
  const codes = [...codeSet].sort((a, b) =>
    t.stockCodes[a] < t.stockCodes[b] ? -1 : t.stockCodes[a] > t.stockCodes[b] ? 1 : 0,
  )
  const userOf = new Map<number, number>()
  customers.forEach((c, u) => userOf.set(c, u))
  const itemOf = new Int32Array(t.stockCodes.length).fill(-1)
  codes.forEach((code, i) => (itemOf[code] = i))
  const nItems = codes.length

  // Distinct (user, item, invoice) triples give the strength; (user, item) keys are u * nItems + i.
  const invoicesOf = new Map<number, Set<number>>()
  const testBought = new Map<number, Set<number>>()
  for (const r of clean.rows) {
    const u = userOf.get(t.customer[r])
    if (u === undefined) continue
    const i = itemOf[t.stockCode[r]]
    if (i < 0) continue
    const key = u * nItems + i
    if (t.invoiceDate[r] < at) {
      let s = invoicesOf.get(key)
      if (!s) invoicesOf.set(key, (s = new Set()))
      s.add(t.invoice[r])
    } else {
      let s = testBought.get(u)
      if (!s) testBought.set(u, (s = new Set()))
      s.add(i)
    }
  }
  const users = new Int32Array(invoicesOf.size)
  const items = new Int32Array(invoicesOf.size)
  const values = new Float64Array(invoicesOf.size)
  let p = 0
  for (const [key, s] of invoicesOf) {
    users[p] = Math.floor(key / nItems)
    items[p] = key % nItems
    values[p] = s.size
    p++
  }
  const train = interactionsFromTriples(customers.length, nItems, users, items, values)

  const evaluated: number[] = []
  const relevant: Int32Array[] = []
  for (let u = 0; u < customers.length; u++) {
    const bought = testBought.get(u)
    if (!bought) continue
    const rel = [...bought].filter((i) => !invoicesOf.has(u * nItems + i)).sort((a, b) => a - b)
    if (rel.length === 0) continue
    evaluated.push(u)
    relevant.push(Int32Array.from(rel))
  }
  if (evaluated.length === 0) {
    throw new Error(
      `no customer is on both sides of split date ${split}: nobody who bought before it bought a new item on or after it, so there is nothing to evaluate`,
    )
  }
  let testRows = 0
  for (const r of clean.rows) if (t.invoiceDate[r] >= at) testRows++
  return {
    split,
    train,
    customers,
    stockCodes: codes.map((c) => t.stockCodes[c]),
    evaluatedUsers: Int32Array.from(evaluated),
    relevant,
    trainRows,
    testRows,
    firstDay,
    lastDay,
  }
}
