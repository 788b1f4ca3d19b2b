import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { retailBenchmarkData } from "../../src/retail/benchmark-split"
import { cleanRetail, type CleanedRetail } from "../../src/retail/cleaning"

// Reference: pandas 1.5.3 by hand (test/retail/reference/bench.py): default cleaning; train = InvoiceDate < 2011-09-01;
// users = sorted train customers; catalogue = sorted train stock codes; strength = nunique(InvoiceNo) per (customer, code);
// relevant = test codes in the catalogue minus the user's train codes.
describe("retailBenchmarkData", () => {
  let clean: CleanedRetail
  beforeAll(async () => {
    clean = cleanRetail(await loadOnlineRetail())
  })

  it("follows the protocol, as pandas computes it", () => {
    const d = retailBenchmarkData(clean, "2011-09-01")
    expect([d.trainRows, d.testRows]).toEqual([226467, 171417])
    expect([d.train.nUsers, d.train.nItems, d.train.items.length]).toEqual([3317, 3394, 162825])
    expect(d.train.values.reduce((a, b) => a + b, 0)).toBe(221968)
    expect(d.train.values.reduce((a, b) => Math.max(a, b), 0)).toBe(48)
    expect(d.evaluatedUsers.length).toBe(1880)
    expect(d.relevant.reduce((a, r) => a + r.length, 0)).toBe(56884)
    expect(d.stockCodes.slice().sort()).toEqual(d.stockCodes)
    expect([d.firstDay, d.lastDay]).toEqual(["2010-12-01", "2011-12-09"])
  })

  it("never counts a train item as relevant", () => {
    const d = retailBenchmarkData(clean, "2011-09-01")
    d.evaluatedUsers.forEach((u, j) => {
      const train = new Set(d.train.items.subarray(d.train.indptr[u], d.train.indptr[u + 1]))
      for (const i of d.relevant[j]) expect(train.has(i)).toBe(false)
    })
  })

  it("rejects split dates that are malformed or outside the data", () => {
    expect(() => retailBenchmarkData(clean, "2011-9-1")).toThrow(
      "split date '2011-9-1' is not a date of the form YYYY-MM-DD",
    )
    expect(() => retailBenchmarkData(clean, "2012-01-01")).toThrow(
      "split date 2012-01-01 is outside the data's range: it must be after 2010-12-01 and no later than 2011-12-09",
    )
    expect(() => retailBenchmarkData(clean, "2010-12-01")).toThrow("outside the data's range")
  })
})
