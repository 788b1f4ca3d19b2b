import type { OnlineRetailTable } from "../data/online-retail"
import { isNonProductStockCode } from "./cleaning"

/** A census of the real faults of the raw table, before any cleaning. */
export interface RetailFaults {
  rows: number
  missingCustomer: number
  missingDescription: number
  cancelledRows: number
  nonPositiveQuantity: number
  nonPositivePrice: number
  nonProductRows: number
  /** Stock codes written with more than one (trimmed, non-empty) description. */
  codesWithSeveralDescriptions: number
  /** The row (0-based) with the largest |quantity|, and that quantity. */
  largestQuantity: { row: number; quantity: number; invoice: string; description: string }
}

/**
 * Counts each kind of fault in the raw rows (a row may have several).
 * @example retailFaults(await loadOnlineRetail()).missingCustomer // 135080
 */
export function retailFaults(t: OnlineRetailTable): RetailFaults {
  const f: RetailFaults = {
    rows: t.length,
    missingCustomer: 0,
    missingDescription: 0,
    cancelledRows: 0,
    nonPositiveQuantity: 0,
    nonPositivePrice: 0,
    nonProductRows: 0,
    codesWithSeveralDescriptions: 0,
    largestQuantity: { row: -1, quantity: 0, invoice: "", description: "" },
  }
  const descriptionsOf = new Map<number, Set<string>>()
  for (let r = 0; r < t.length; r++) {
    if (t.customer[r] < 0) f.missingCustomer++
    const d = t.descriptions[t.description[r]].trim()
    if (d === "") f.missingDescription++
    else {
      let s = descriptionsOf.get(t.stockCode[r])
      if (!s) descriptionsOf.set(t.stockCode[r], (s = new Set()))
      s.add(d)
    }
    if (t.invoices[t.invoice[r]].startsWith("C")) f.cancelledRows++
    if (!(t.quantity[r] > 0)) f.nonPositiveQuantity++
    if (!(t.unitPrice[r] > 0)) f.nonPositivePrice++
    if (isNonProductStockCode(t.stockCodes[t.stockCode[r]])) f.nonProductRows++
    if (Math.abs(t.quantity[r]) > Math.abs(f.largestQuantity.quantity)) {
      f.largestQuantity = { row: r, quantity: t.quantity[r], invoice: t.invoices[t.invoice[r]], description: d }
    }
  }
  for (const s of descriptionsOf.values()) if (s.size > 1) f.codesWithSeveralDescriptions++
  return f
}
