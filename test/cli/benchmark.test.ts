import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { dir, retailCsv, run } from "./retail-cli"

describe("interest-lab benchmark", () => {
  it("writes report, summary and config for the popularity baseline", () => {
    const out = join(dir, "bench")
    const r = run([
      "benchmark",
      "--data",
      "online-retail",
      "--split",
      "2011-09-01",
      "--models",
      "popularity",
      "--k",
      "10",
      "--out",
      out,
      "--quiet",
    ])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))
    expect(summary.evaluatedUsers).toBe(1880)
    expect(summary.catalogue).toBe(3394)
    expect(summary.models.popularity["ndcg@10"]).toBeCloseTo(0.05217119218341923, 12)
    expect(Object.keys(summary.models.popularity)).toEqual(
      expect.arrayContaining(["precision@10", "recall@10", "map@10", "hitRate@10", "coverage"]),
    )
    expect(JSON.stringify(summary)).not.toContain("Seconds")
    const timings = JSON.parse(readFileSync(join(out, "timings.json"), "utf8"))
    expect(timings.models.popularity.trainSeconds).toBeGreaterThanOrEqual(0)
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"))
    expect(config.provenance.node).toBe(process.version)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Plotly.newPlot")
  })

  it.each([
    [["--models", "popularity,svd"], "--models: unknown model 'svd' (allowed: popularity, itemknn, als, bpr, ease)"],
    [["--models", "als,popularity,als"], "--models: model 'als' is listed twice"],
    [["--k", "0"], "--k: expected a positive integer, got '0'"],
    [["--split", "2012-03-01"], "--split: split date 2012-03-01 is outside the data's range"],
    [["--split", "01/09/2011"], "--split: split date '01/09/2011' is not a date of the form YYYY-MM-DD"],
  ])("bad flags %j: one error line, nothing written", (flags, message) => {
    const out = join(dir, "never")
    const r = run(["benchmark", "--data", "online-retail", "--models", "popularity", ...flags, "--out", out, "--quiet"])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toContain(message)
    expect(existsSync(out)).toBe(false)
  })

  it("names file, row and column of a bad data file", () => {
    const noDate = retailCsv(
      "no-date.csv",
      ["536365,85123A,X,6,2.55,17850,United Kingdom"],
      "InvoiceNo,StockCode,Description,Quantity,UnitPrice,CustomerID,Country",
    )
    const r = run(["benchmark", "--data", noDate, "--out", join(dir, "never2")])
    expect(r.stderr.trim()).toBe(
      `interest-lab: ${noDate}:1:InvoiceDate: missing column 'InvoiceDate' (the header has: InvoiceNo, StockCode, Description, Quantity, UnitPrice, CustomerID, Country)`,
    )
    const badDate = retailCsv("bad-date.csv", [
      "536365,85123A,X,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
      "536366,85123A,X,6,yesterday,2.55,17850,United Kingdom",
    ])
    const r2 = run(["benchmark", "--data", badDate, "--out", join(dir, "never2")])
    expect(r2.stderr.trim()).toBe(
      `interest-lab: ${badDate}:3:InvoiceDate: 'yesterday' is not a date of the form YYYY-MM-DD HH:MM:SS (a real date, year 1000..9999)`,
    )
    expect(existsSync(join(dir, "never2"))).toBe(false)
  })
})
