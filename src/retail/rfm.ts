import { retailDay } from "../data/online-retail"
import type { CleanedRetail } from "./cleaning"

/**
 * Recency, frequency and monetary value per customer (Chen, Sain & Guo 2012), ascending by
 * customer number.
 * - recency = reference day − day of the customer's last invoice, where the reference day is
 *   the calendar day after the last invoice in the data (so R ≥ 1 whole days);
 * - frequency = the number of distinct invoices;
 * - monetary = Σ quantity × unit price over the customer's rows.
 */
export interface RfmTable {
  readonly customers: Float64Array
  readonly recency: Float64Array
  readonly frequency: Float64Array
  readonly monetary: Float64Array
  /** The reference day, in days since the epoch of the file's clock. */
  readonly referenceDay: number
}

/**
 * Computes RFM on cleaned rows (every kept row must have a customer).
 * @throws if a kept row has no customer (clean with the `customer-missing` rule first)
 * @example const rfm = computeRfm(cleanRetail(await loadOnlineRetail()))
 */
export function computeRfm(clean: CleanedRetail): RfmTable {
  const t = clean.table
  let lastDay = -Infinity
  const index = new Map<number, number>()
  const ids: number[] = []
  for (const r of clean.rows) {
    const c = t.customer[r]
    if (c < 0) throw new Error(`computeRfm: row ${r + 2} has no customer; clean with the 'customer-missing' rule first`)
    if (!index.has(c)) {
      index.set(c, ids.length)
      ids.push(c)
    }
    lastDay = Math.max(lastDay, retailDay(t.invoiceDate[r]))
  }
  const order = ids.map((_, j) => j).sort((a, b) => ids[a] - ids[b])
  const position = new Int32Array(ids.length)
  order.forEach((j, p) => (position[j] = p))
  const n = ids.length
  const customers = Float64Array.from(order, (j) => ids[j])
  const last = new Float64Array(n).fill(-Infinity)
  const frequency = new Float64Array(n)
  const monetary = new Float64Array(n)
  const seen = new Set<number>() // invoice × customer pairs counted, as invoice * n + customer
  for (const r of clean.rows) {
    const p = position[index.get(t.customer[r])!]
    last[p] = Math.max(last[p], retailDay(t.invoiceDate[r]))
    monetary[p] += t.quantity[r] * t.unitPrice[r]
    const key = t.invoice[r] * n + p
    if (!seen.has(key)) {
      seen.add(key)
      frequency[p]++
    }
  }
  const referenceDay = lastDay + 1
  const recency = Float64Array.from(last, (d) => referenceDay - d)
  return { customers, recency, frequency, monetary, referenceDay }
}

/** Standardised features with the means and population standard deviations used. */
export interface RfmFeatures {
  /** n × 3, row-major: z-scores of log1p(R), log1p(F), log1p(M). */
  readonly data: Float64Array
  readonly n: number
  readonly mean: [number, number, number]
  readonly std: [number, number, number]
}

/**
 * z = (log1p(x) − mean) / std per column, with the population standard deviation (ddof 0, as
 * scikit-learn's StandardScaler). The log tames the heavy right tails of F and M.
 * @throws if monetary is ≤ −1 somewhere (log1p undefined) or a column is constant
 */
export function rfmFeatures(rfm: RfmTable): RfmFeatures {
  const n = rfm.customers.length
  const columns = [rfm.recency, rfm.frequency, rfm.monetary]
  const names = ["recency", "frequency", "monetary"]
  const data = new Float64Array(n * 3)
  const mean: [number, number, number] = [0, 0, 0]
  const std: [number, number, number] = [0, 0, 0]
  for (let j = 0; j < 3; j++) {
    const x = columns[j]
    let s = 0
    for (let i = 0; i < n; i++) {
      if (!(x[i] > -1))
        throw new Error(`rfmFeatures: ${names[j]} of customer ${rfm.customers[i]} is ${x[i]}; log1p needs values > −1`)
      const v = Math.log1p(x[i])
      data[i * 3 + j] = v
      s += v
    }
    const m = s / n
    let ss = 0
    for (let i = 0; i < n; i++) ss += (data[i * 3 + j] - m) ** 2
    const sd = Math.sqrt(ss / n)
    if (!(sd > 0)) {
      const who =
        n === 1 ? "there is only 1 customer" : `all ${n} customers have the same ${names[j]} (${columns[j][0]})`
      throw new Error(`${who}: segments need customers that differ in recency, frequency and monetary value`)
    }
    for (let i = 0; i < n; i++) data[i * 3 + j] = (data[i * 3 + j] - m) / sd
    mean[j] = m
    std[j] = sd
  }
  return { data, n, mean, std }
}

/** One row of the segment profile table. */
export interface SegmentProfile {
  segment: number
  customers: number
  share: number
  meanRecency: number
  meanFrequency: number
  meanMonetary: number
  medianRecency: number
  medianFrequency: number
  medianMonetary: number
  revenueShare: number
}

function median(values: number[]): number {
  if (values.length === 0) return NaN
  const s = values.slice().sort((a, b) => a - b)
  const h = s.length >> 1
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2
}

/**
 * The profile of each segment: size, share of customers, mean and median R, F, M, and share of
 * revenue. Segments are 0..k−1; an empty segment gets zero counts and NaN medians.
 */
export function segmentProfiles(rfm: RfmTable, labels: ArrayLike<number>, k: number): SegmentProfile[] {
  const n = rfm.customers.length
  if (labels.length !== n) throw new Error(`segmentProfiles: ${labels.length} labels for ${n} customers`)
  let revenue = 0
  for (let i = 0; i < n; i++) revenue += rfm.monetary[i]
  const groups = Array.from({ length: k }, () => ({ r: [] as number[], f: [] as number[], m: [] as number[] }))
  for (let i = 0; i < n; i++) {
    const s = labels[i]
    if (!(Number.isInteger(s) && s >= 0 && s < k))
      throw new Error(`segmentProfiles: label ${s} of customer ${rfm.customers[i]} is outside 0..${k - 1}`)
    groups[s].r.push(rfm.recency[i])
    groups[s].f.push(rfm.frequency[i])
    groups[s].m.push(rfm.monetary[i])
  }
  const mean = (v: number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN)
  return groups.map((g, segment) => ({
    segment,
    customers: g.r.length,
    share: g.r.length / n,
    meanRecency: mean(g.r),
    meanFrequency: mean(g.f),
    meanMonetary: mean(g.m),
    medianRecency: median(g.r),
    medianFrequency: median(g.f),
    medianMonetary: median(g.m),
    revenueShare: g.m.reduce((a, b) => a + b, 0) / revenue,
  }))
}
