import { describe, expect, it } from "vitest"
import { expectRefused, sandbox } from "./refusal-sandbox"

// Data that used to be read silently wrong is now read exactly or refused
// with one line; every case checks that nothing outside the new output folder changed.
const box = sandbox("il-silent-")
const H = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
const retail = (name: string, rows: string[]): string => box.file(name, `${[H, ...rows].join("\n")}\n`)

describe("customer ids above 2^31", () => {
  it("are kept exact: no row is counted as 'CustomerID is empty'", () => {
    const data = retail("big-ids.csv", [
      "1,A,ITEM A,1,2010-12-01 10:00:00,1.0,4294967297,UK",
      "2,A,ITEM A,2,2010-12-05 10:00:00,2.0,4294967298,UK",
      "3,B,ITEM B,3,2010-12-09 10:00:00,3.0,2147483648,UK",
      "4,B,ITEM B,3,2010-12-10 10:00:00,3.0,2147483648,UK",
    ])
    const before = box.hash()
    const r = box.run(["segments", "--data", data, "--k", "2", "--out", "seg"])
    expect(r.stderr).toMatch(/^segments: 2 segments of 3 customers → \S*seg\n$/)
    expect(r.status).toBe(0)
    expect(box.hash("seg")).toBe(before)
    const ids = box
      .read("seg/segments.csv")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0])
    expect(ids).toEqual(["2147483648", "4294967297", "4294967298"])
    const summary = JSON.parse(box.read("seg/summary.json")) as { cleaning: { rule: string; removed: number }[] }
    expect(summary.cleaning.find((s) => s.rule === "customer-missing")?.removed).toBe(0)
  })
})

describe("dates: only real calendar dates with four-digit years", () => {
  it("InvoiceDate 0011-01-05 is refused, not read as 1911", () => {
    const data = retail("year11.csv", ["536365,85123A,WHITE,6,0011-01-05 08:26:00,2.55,17850,United Kingdom"])
    const r = expectRefused(box, ["segments", "--data", data, "--out", "out"], "out")
    expect(r.stderr).toBe(
      "interest-lab: year11.csv:2:InvoiceDate: '0011-01-05 08:26:00' is not a date of the form YYYY-MM-DD HH:MM:SS (a real date, year 1000..9999)\n",
    )
    expect(r.status).toBe(2)
  })

  it.each(["2026-02-30", "2026-99-99"])("world startDate %s is refused", (date) => {
    const config = box.file("start.yaml", `users: 5\nitems: 10\nstartDate: "${date}"\n`)
    const r = expectRefused(box, ["world", "--config", config, "--out", "out"], "out")
    expect(r.stderr).toBe(
      `interest-lab: start.yaml: field 'startDate': expected a real calendar date YYYY-MM-DD with a year in 1000..9999, got '${date}'\n`,
    )
    expect(r.status).toBe(2)
  })

  it("benchmark --split 2011-02-30 is refused", () => {
    const r = expectRefused(
      box,
      ["benchmark", "--data", "online-retail", "--split", "2011-02-30", "--out", "out", "--quiet"],
      "out",
    )
    expect(r.stderr).toBe(
      "interest-lab: --split: split date '2011-02-30' is not a date of the form YYYY-MM-DD (a real date, year 1000..9999)\n",
    )
  })
})

describe("off-policy logs", () => {
  it("a tiny propensity gives a warning naming the weight and the clipping flag; --clip-weights clips", () => {
    const log = box.file("tiny.csv", "action,reward,propensity\n0,1,0.5\n1,0,1e-300\n0,0,0.5\n1,1,0.5\n")
    const before = box.hash()
    const r = box.run([
      "evaluate",
      "--log",
      log,
      "--target",
      "uniform",
      "--estimators",
      "ipw",
      "--bootstrap",
      "0",
      "--quiet",
      "--out",
      "tiny",
    ])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe(
      "interest-lab: warning: tiny.csv: an importance weight π/p reaches 5.00e+299 (tiny propensities); a few rounds dominate the estimates: consider --clip-weights 10000\n",
    )
    expect(box.hash("tiny")).toBe(before)
    const clipped = box.run([
      "evaluate",
      "--log",
      log,
      "--target",
      "uniform",
      "--estimators",
      "ipw",
      "--bootstrap",
      "0",
      "--quiet",
      "--clip-weights",
      "100",
      "--out",
      "clipped",
    ])
    expect(clipped.stderr).toBe("")
    const summary = JSON.parse(box.read("clipped/summary.json")) as {
      estimates: { ipw: { value: number } }
      weights: { maxWeight: number }
    }
    expect(summary.weights.maxWeight).toBeCloseTo(100, 12)
    expect(summary.estimates.ipw.value).toBeCloseTo((1 + 0 + 0 + 1) / 4, 12) // weights 1, 100, 1, 1; the clipped round has reward 0
  })

  it("a denormal propensity is refused with file, row and column", () => {
    const log = box.file("denormal.csv", "action,reward,propensity\n0,1,0.5\n1,0,5e-324\n")
    const r = expectRefused(box, ["evaluate", "--log", log, "--target", "uniform", "--quiet", "--out", "out"], "out")
    expect(r.stderr).toBe(
      "interest-lab: denormal.csv:3:propensity: propensity '5e-324' is below 2.2250738585072014e-308 (a denormal number): its importance weight 1/p is not finite\n",
    )
    expect(r.status).toBe(2)
  })

  it("a huge action id is mapped densely instead of allocating 2e9 actions", () => {
    const log = box.file(
      "huge-action.csv",
      "action,reward,propensity\n0,1,0.5\n2000000000,0,0.5\n0,0,0.5\n2000000000,1,0.5\n",
    )
    const r = box.run([
      "evaluate",
      "--log",
      log,
      "--target",
      "uniform",
      "--estimators",
      "ipw",
      "--bootstrap",
      "0",
      "--quiet",
      "--out",
      "huge",
    ])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    const summary = JSON.parse(box.read("huge/summary.json")) as { rows: number; estimates: { ipw: { value: number } } }
    expect([summary.rows, summary.estimates.ipw.value]).toEqual([4, 0.5])
  })
})

describe("edge data: what is missing, in the user's words", () => {
  it.each([
    [
      ["536365,85123A,WHITE,6,2010-12-01 08:26:00,2.55,,United Kingdom"],
      "nocustomer.csv: no rows left after cleaning: rule 'customer-missing' (CustomerID is empty) removed the last 1 of 1 rows",
    ],
    [[], "nocustomer.csv: the file has a header but no data rows"],
  ])("segments on %j", (rows, message) => {
    const data = retail("nocustomer.csv", rows)
    const r = expectRefused(box, ["segments", "--data", data, "--out", "out"], "out")
    expect(r.stderr).toBe(`interest-lab: ${message}\n`)
  })

  it("benchmark with no customer on both sides of the split", () => {
    const data = retail("split.csv", [
      "1,A,ITEM A,1,2010-12-01 10:00:00,1.0,17850,UK",
      "2,B,ITEM B,1,2010-12-05 10:00:00,1.0,17851,UK",
    ])
    const r = expectRefused(
      box,
      ["benchmark", "--data", data, "--split", "2010-12-03", "--models", "popularity", "--quiet", "--out", "out"],
      "out",
    )
    expect(r.stderr).toBe(
      "interest-lab: --split: no customer is on both sides of split date 2010-12-03: nobody who bought before it bought a new item on or after it, so there is nothing to evaluate\n",
    )
  })

  it("segments of customers that do not differ", () => {
    const data = retail("same.csv", ["1,A,ITEM A,1,2010-12-01 10:00:00,1.0,17850,UK"])
    const r = expectRefused(box, ["segments", "--data", data, "--k", "1", "--out", "out"], "out")
    expect(r.stderr).toBe(
      "interest-lab: there is only 1 customer: segments need customers that differ in recency, frequency and monetary value\n",
    )
  })
})
