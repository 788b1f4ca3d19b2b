import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import {
  DEFAULT_CLEANING_RULES,
  cleanRetail,
  isNonProductStockCode,
  nonProductStockCode,
} from "../../src/retail/cleaning"

describe("isNonProductStockCode", () => {
  it("flags postage, manual, discount, fees and vouchers but not products", () => {
    for (const c of ["POST", "DOT", "M", "D", "BANK CHARGES", "AMAZONFEE", "CRUK", "gift_0001_20"])
      expect(isNonProductStockCode(c)).toBe(true)
    for (const c of ["85123A", "22423", "DCGSSGIRL", "PADS"]) expect(isNonProductStockCode(c)).toBe(false)
  })
})

describe("cleanRetail on the real data", () => {
  const loaded = loadOnlineRetail()
  // Reference numbers from pandas 1.5.3 (run by hand: test/retail/reference/clean_rfm.py):
  // m1 = CustomerID.isna(); m2 = InvoiceNo.str.startswith("C"); m3 = Quantity <= 0; m4 = UnitPrice <= 0
  // matched 135080 9288 10624 2517; rows left after each rule in order 406829 397924 397924 397884;
  // cleaned: 4338 customers, 18532 invoices, 3665 stock codes; 1544 non-product rows among them.
  it("reports what each default rule matched and removed", async () => {
    const table = await loaded
    const clean = cleanRetail(table)
    expect(clean.steps.map((s) => s.rule)).toEqual(DEFAULT_CLEANING_RULES.map((r) => r.name))
    expect(clean.steps.map((s) => s.matched)).toEqual([135080, 9288, 10624, 2517])
    expect(clean.steps.map((s) => s.remaining)).toEqual([406829, 397924, 397924, 397884])
    expect(clean.steps.map((s) => s.removed)).toEqual([135080, 8905, 0, 40])
    expect(clean.rows.length).toBe(397884)
    expect(clean.nonProductRows).toBe(1544)
    const customers = new Set<number>()
    const invoices = new Set<number>()
    const codes = new Set<number>()
    for (const r of clean.rows) {
      customers.add(table.customer[r])
      invoices.add(table.invoice[r])
      codes.add(table.stockCode[r])
    }
    expect([customers.size, invoices.size, codes.size]).toEqual([4338, 18532, 3665])

    const strict = cleanRetail(table, [...DEFAULT_CLEANING_RULES, nonProductStockCode])
    expect(strict.steps[4].removed).toBe(1544)
    expect(strict.rows.length).toBe(397884 - 1544)
    expect(strict.nonProductRows).toBe(0)
  })

  it("refuses a rule listed twice", async () => {
    const table = await loaded
    expect(() => cleanRetail(table, [nonProductStockCode, nonProductStockCode])).toThrow("listed twice")
  })
})
