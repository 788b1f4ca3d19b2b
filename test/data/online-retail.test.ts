import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { formatRetailDay, loadOnlineRetail, parseRetailDate } from "../../src/data/online-retail"
import { tempDir } from "../temp-dir"

const dir = tempDir("online-retail-")
const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"

function file(name: string, lines: string[]): string {
  const path = join(dir, name)
  writeFileSync(path, `${lines.join("\n")}\n`)
  return path
}

describe("parseRetailDate", () => {
  it("reads the file's naive clock in minutes", () => {
    expect(parseRetailDate("2010-12-01 08:26:00")).toBe(Date.UTC(2010, 11, 1, 8, 26) / 60000)
    expect(formatRetailDay(parseRetailDate("2011-12-09 12:50:00"))).toBe("2011-12-09")
  })
  it("rejects malformed and impossible dates", () => {
    expect(parseRetailDate("12/01/2010 08:26")).toBeNaN()
    expect(parseRetailDate("2011-02-30 10:00:00")).toBeNaN()
    expect(parseRetailDate("2011-13-01 10:00:00")).toBeNaN()
    expect(parseRetailDate("0011-01-05 10:00:00")).toBeNaN() // Date.UTC would read year 11 as 1911
  })
  it("keeps customer numbers above 2^31 exact, and refuses those above 2^53", async () => {
    const path = file("big-ids.csv", [
      HEADER,
      "536365,85123A,A,6,2010-12-01 08:26:00,2.55,4294967297,UK",
      "536366,85123A,A,6,2010-12-01 08:26:00,2.55,2147483648,UK",
    ])
    expect(Array.from((await loadOnlineRetail(path)).customer)).toEqual([4294967297, 2147483648])
    const huge = file("huge-id.csv", [HEADER, "536365,85123A,A,6,2010-12-01 08:26:00,2.55,9007199254740993,UK"])
    await expect(loadOnlineRetail(huge)).rejects.toThrow(
      `${huge}:2:CustomerID: 9007199254740993 is out of range: must be an integer in 0..9007199254740991 (2^53 − 1) or empty`,
    )
  })
})

describe("loadOnlineRetail", () => {
  it("loads quoted fields, missing customers and faults as they are", async () => {
    const path = file("ok.csv", [
      HEADER,
      '536365,85123A,"WHITE HANGING HEART, T-LIGHT",6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
      "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,,United Kingdom",
    ])
    const t = await loadOnlineRetail(path)
    expect(t.length).toBe(2)
    expect(t.descriptions[t.description[0]]).toBe("WHITE HANGING HEART, T-LIGHT")
    expect(t.customer[0]).toBe(17850)
    expect(t.customer[1]).toBe(-1)
    expect(t.quantity[1]).toBe(-1)
    expect(t.invoices[t.invoice[1]]).toBe("C536379")
  })

  it("names file, row and column for a missing column", async () => {
    const path = file("missing.csv", [
      "InvoiceNo,StockCode,Description,Quantity,UnitPrice,CustomerID,Country",
      "1,2,x,1,1,1,UK",
    ])
    await expect(loadOnlineRetail(path)).rejects.toThrow(`${path}:1:InvoiceDate: missing column 'InvoiceDate'`)
  })

  it("names file, row and column for an unparsable date", async () => {
    const path = file("date.csv", [HEADER, "1,2,x,1,2010-12-01 08:26:00,1,1,UK", "1,2,x,1,01/12/2010 08:26,1,1,UK"])
    await expect(loadOnlineRetail(path)).rejects.toThrow(`${path}:3:InvoiceDate: '01/12/2010 08:26' is not a date`)
  })

  it("names file, row and column for an unparsable number", async () => {
    const path = file("number.csv", [HEADER, "1,2,x,six,2010-12-01 08:26:00,1,1,UK"])
    await expect(loadOnlineRetail(path)).rejects.toThrow(`${path}:2:Quantity: 'six' is not a number`)
    const path2 = file("customer.csv", [HEADER, "1,2,x,6,2010-12-01 08:26:00,1,17850.5,UK"])
    await expect(loadOnlineRetail(path2)).rejects.toThrow(`${path2}:2:CustomerID:`)
  })

  it("reads the shipped gzip: 541,909 rows, counts as in the dataset's README", async () => {
    const t = await loadOnlineRetail()
    expect(t.length).toBe(541909)
    expect(t.invoices.length).toBe(25900)
    expect(t.stockCodes.length).toBe(4070)
    const customers = new Set<number>()
    let missing = 0
    for (let r = 0; r < t.length; r++) {
      if (t.customer[r] < 0) missing++
      else customers.add(t.customer[r])
    }
    expect(customers.size).toBe(4372)
    expect(missing).toBe(135080)
    expect(t.countries.length).toBe(38)
  })
})
