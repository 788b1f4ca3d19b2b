import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { formatRetailDay } from "../../src/data/online-retail"
import { monthlyPurchases } from "../../src/retail/monthly-purchases"
import { loadMonthlyPurchases, loadOnlineRetailCalibration } from "../../src/retail/online-retail-environment"

describe("monthlyPurchases", () => {
  it("reproduces the shipped monthly purchases exactly from the real data, and a row agrees with the raw invoice lines", async () => {
    const table = await loadOnlineRetail()
    const cal = loadOnlineRetailCalibration()
    const fresh = monthlyPurchases(table, cal)
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(loadMonthlyPurchases())
    // Independent check of one row with a bought arm: some raw line of that customer, month and stock code exists.
    let i = 0
    while (fresh.rows[i + 2] === 0) i += 3
    const [u, m, mask] = fresh.rows.slice(i, i + 3)
    const a = Math.clz32(mask & -mask) ^ 31
    let found = false
    for (let r = 0; r < table.length && !found; r++) {
      found =
        table.customer[r] === cal.customers[u] &&
        formatRetailDay(table.invoiceDate[r]).startsWith(cal.months[m]) &&
        table.stockCodes[table.stockCode[r]] === cal.arms[a].stockCode &&
        table.quantity[r] > 0
    }
    expect(found).toBe(true)
  })
})
