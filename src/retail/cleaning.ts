import type { OnlineRetailTable } from "../data/online-retail"

/**
 * Stock codes that are not merchandise: postage and carriage, manual adjustments, discounts,
 * samples, bad-debt adjustments, fees and commissions, and gift vouchers (`gift_0001_*`).
 * Found by listing every code that is not 5 digits with an optional letter suffix and
 * reading its description; the party bags `DCGS…` and `PADS` are products and stay.
 */
export const NON_PRODUCT_STOCK_CODES: readonly string[] = [
  "POST",
  "DOT",
  "C2",
  "M",
  "m",
  "D",
  "S",
  "B",
  "BANK CHARGES",
  "AMAZONFEE",
  "CRUK",
]

const NON_PRODUCT = new Set(NON_PRODUCT_STOCK_CODES)

/** True for postage, manual, discount, fee… codes and gift vouchers (see `NON_PRODUCT_STOCK_CODES`). */
export function isNonProductStockCode(code: string): boolean {
  return NON_PRODUCT.has(code) || code.startsWith("gift_")
}

/** One named cleaning rule: `removes(table, row)` says whether the rule drops that row. */
export interface RetailCleaningRule {
  readonly name: string
  readonly description: string
  removes(table: OnlineRetailTable, row: number): boolean
}

/** Rows without a customer number (they cannot be attributed to anyone). */
export const customerMissing: RetailCleaningRule = {
  name: "customer-missing",
  description: "CustomerID is empty",
  removes: (t, r) => t.customer[r] < 0,
}

/** Rows of cancelled invoices (InvoiceNo starting with C). */
export const cancelledInvoice: RetailCleaningRule = {
  name: "cancelled-invoice",
  description: "InvoiceNo starts with 'C' (a cancellation)",
  removes: (t, r) => t.invoices[t.invoice[r]].charCodeAt(0) === 0x43,
}

/** Rows whose quantity is zero or negative (returns, stock adjustments). */
export const nonPositiveQuantity: RetailCleaningRule = {
  name: "quantity-not-positive",
  description: "Quantity <= 0",
  removes: (t, r) => !(t.quantity[r] > 0),
}

/** Rows whose unit price is zero or negative (free samples, bad-debt adjustments). */
export const nonPositivePrice: RetailCleaningRule = {
  name: "price-not-positive",
  description: "UnitPrice <= 0",
  removes: (t, r) => !(t.unitPrice[r] > 0),
}

/** Rows of non-product stock codes (postage, manual, discount, fees, vouchers). */
export const nonProductStockCode: RetailCleaningRule = {
  name: "non-product-code",
  description: `StockCode is not merchandise (${NON_PRODUCT_STOCK_CODES.join(", ")}, gift_*)`,
  removes: (t, r) => isNonProductStockCode(t.stockCodes[t.stockCode[r]]),
}

/** The default rules, in the order they are applied. */
export const DEFAULT_CLEANING_RULES: readonly RetailCleaningRule[] = [
  customerMissing,
  cancelledInvoice,
  nonPositiveQuantity,
  nonPositivePrice,
]

/** What one rule did: `removed` counts rows it dropped that no earlier rule had dropped. */
export interface RetailCleaningStep {
  rule: string
  description: string
  /** Rows in the raw table the rule matches, whatever the other rules say. */
  matched: number
  /** Rows it removed, applied in order after the earlier rules. */
  removed: number
  /** Rows left after this step. */
  remaining: number
}

/** A cleaned view of a table: the kept row indices (ascending) and what each rule removed. */
export interface CleanedRetail {
  readonly table: OnlineRetailTable
  readonly rows: Int32Array
  readonly steps: RetailCleaningStep[]
  /** How many kept rows carry a non-product stock code (flagged, not removed unless a rule says so). */
  readonly nonProductRows: number
}

/**
 * Applies cleaning rules in order and reports, for each, how many rows it matched in the raw
 * data and how many it removed after the earlier rules. The table is not copied: the result
 * lists the kept row indices.
 * @example const clean = cleanRetail(table); clean.steps.map((s) => `${s.rule}: −${s.removed}`)
 */
export function cleanRetail(
  table: OnlineRetailTable,
  rules: readonly RetailCleaningRule[] = DEFAULT_CLEANING_RULES,
): CleanedRetail {
  const names = new Set<string>()
  for (const rule of rules) {
    if (names.has(rule.name)) throw new Error(`cleanRetail: rule '${rule.name}' is listed twice`)
    names.add(rule.name)
  }
  const n = table.length
  const removedBy = new Int32Array(n).fill(-1)
  const matched = new Array<number>(rules.length).fill(0)
  const removed = new Array<number>(rules.length).fill(0)
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < rules.length; k++) {
      if (rules[k].removes(table, r)) {
        matched[k]++
        if (removedBy[r] < 0) {
          removedBy[r] = k
          removed[k]++
        }
      }
    }
  }
  let remaining = n
  const steps = rules.map((rule, k) => {
    remaining -= removed[k]
    return { rule: rule.name, description: rule.description, matched: matched[k], removed: removed[k], remaining }
  })
  const rows = new Int32Array(remaining)
  let w = 0
  let nonProductRows = 0
  for (let r = 0; r < n; r++) {
    if (removedBy[r] >= 0) continue
    rows[w++] = r
    if (isNonProductStockCode(table.stockCodes[table.stockCode[r]])) nonProductRows++
  }
  return { table, rows, steps, nonProductRows }
}
