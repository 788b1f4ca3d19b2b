import { formatRetailDay, type OnlineRetailTable } from "../data/online-retail"
import type { OnlineRetailCalibration } from "./calibration"
import { cleanRetail, DEFAULT_CLEANING_RULES, nonProductStockCode } from "./cleaning"

/**
 * The real purchases of the calibrated customers, month by month, on the calibration's arms: one
 * row per active customer-month (a month in which the customer bought anything, as in the
 * calibration's monthly indicators y_uim), with the set of arms bought that month as a bit mask.
 * Shipped as data/online-retail/monthly-purchases.json so simulations need not parse the raw file.
 */
export interface MonthlyPurchases {
  readonly description: string
  /** `YYYY-MM`, the calibration's 12 months. */
  readonly months: string[]
  /** Real customer numbers, in the calibration's order (index = simulated customer). */
  readonly customers: number[]
  /** Stock codes of the arms, in the calibration's order (bit a of a mask = arm a). */
  readonly arms: string[]
  /** Flat triples (customer index, month index, arm mask), by month then customer. */
  readonly rows: number[]
}

/**
 * Derives {@link MonthlyPurchases} from the raw table with the calibration's cleaning (default
 * rules plus non-product codes), customers, arms and months. Deterministic.
 * @example const p = monthlyPurchases(await loadOnlineRetail(), loadOnlineRetailCalibration())
 */
export function monthlyPurchases(table: OnlineRetailTable, calibration: OnlineRetailCalibration): MonthlyPurchases {
  if (calibration.arms.length > 31)
    throw new Error(`monthlyPurchases: at most 31 arms fit a mask, the calibration has ${calibration.arms.length}`)
  const clean = cleanRetail(table, [...DEFAULT_CLEANING_RULES, nonProductStockCode])
  const customerIndex = new Map(calibration.customers.map((c, i) => [c, i]))
  const armIndex = new Map(calibration.arms.map((a, i) => [a.stockCode, i]))
  const monthIndex = new Map(calibration.months.map((m, i) => [m, i]))
  const masks = new Map<number, number>() // month · customers + customer → mask
  const n = calibration.customers.length
  for (const r of clean.rows) {
    const u = customerIndex.get(table.customer[r])
    if (u === undefined) continue
    const m = monthIndex.get(formatRetailDay(table.invoiceDate[r]).slice(0, 7))
    if (m === undefined) continue
    const key = m * n + u
    const a = armIndex.get(table.stockCodes[table.stockCode[r]])
    masks.set(key, (masks.get(key) ?? 0) | (a === undefined ? 0 : 1 << a))
  }
  const rows: number[] = []
  for (const key of [...masks.keys()].sort((x, y) => x - y)) rows.push(key % n, Math.floor(key / n), masks.get(key)!)
  return {
    description:
      "Active customer-months (any cleaned purchase) of the calibrated customers: (customer index, month index, bit mask of the arms bought that month).",
    months: calibration.months.slice(),
    customers: calibration.customers.slice(),
    arms: calibration.arms.map((a) => a.stockCode),
    rows,
  }
}
