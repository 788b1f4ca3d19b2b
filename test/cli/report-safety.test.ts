import { describe, expect, it } from "vitest"
import { expectRefused, figureScripts, sandbox } from "./refusal-sandbox"

// Hostile text in the data stays text in reports, CSV exports and messages.
const box = sandbox("il-report-safety-")
const FORMULA = '=HYPERLINK("http://evil.example","click")'
const MARKUP = '<!--<script>alert(1)</script><a href="http://evil.example">x</a>'
const quoted = (s: string): string => `"${s.replace(/"/g, '""')}"`

/** Checks that no figure script of a report holds a character that could end or alter it, and no live link comes from the data. */
function expectSafeReport(html: string): void {
  const scripts = figureScripts(html)
  expect(scripts.length).toBeGreaterThan(0)
  for (const s of scripts) expect(s).not.toMatch(/[<>&\u2028\u2029]/)
  expect(html).not.toContain("<!--<script>")
  expect(html).not.toContain('<a href="http://evil.example"')
}

describe("basket: descriptions with a formula and with markup", () => {
  it("rules.csv neutralises the formula; report.html keeps the markup as text", () => {
    const rows = [1, 2, 3, 4].flatMap((i) => [
      `53636${i},A1,${quoted(FORMULA)},1,2010-12-0${i} 10:00:00,1.0,1785${i},UK`,
      `53636${i},B1,${quoted(MARKUP)},1,2010-12-0${i} 10:00:00,1.0,1785${i},UK`,
    ])
    const data = box.file(
      "hostile.csv",
      `${["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", ...rows].join("\n")}\n`,
    )
    const before = box.hash()
    const r = box.run(["basket", "--data", data, "--out", "basket"])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^basket: 4 baskets, 3 itemsets, 2 rules → \S*basket\n$/)
    expect(box.hash("basket")).toBe(before)
    const csv = box.read("basket/rules.csv").trim().split("\n")
    expect(csv.slice(1)).toEqual([
      `${quoted(MARKUP)},"'=HYPERLINK(""http://evil.example"",""click"")",1,1,1,0,Infinity`,
      `"'=HYPERLINK(""http://evil.example"",""click"")",${quoted(MARKUP)},1,1,1,0,Infinity`,
    ])
    expectSafeReport(box.read("basket/report.html"))
    expect(JSON.parse(box.read("basket/config.json")).config).toMatchObject({
      data: "hostile.csv",
      minSupport: 0.07,
      exclude: [],
    })
  })
})

describe("simulate: policy names with markup and a formula", () => {
  it("steps.csv neutralises the name; report.html keeps it as text", () => {
    const config = box.file(
      "names.yaml",
      `${[
        "environment: { type: bernoulli, probabilities: [0.2, 0.8] }",
        "policies:",
        `  - { type: ucb1, name: ${JSON.stringify(MARKUP)} }`,
        "  - { type: random, name: \"=cmd|' /C calc'!A0\" }",
        "horizon: 20",
        "runs: 2",
        "seed: 1",
      ].join("\n")}\n`,
    )
    const before = box.hash()
    const r = box.run(["simulate", "--config", config, "--out", "sim"])
    expect(r.status).toBe(0)
    expect(box.hash("sim")).toBe(before)
    const steps = box.read("sim/steps.csv").split("\n")
    expect(steps[1].startsWith(`${quoted(MARKUP)},1,`)).toBe(true)
    expect(steps[21].startsWith(`"'=cmd|' /C calc'!A0",1,`)).toBe(true)
    expectSafeReport(box.read("sim/report.html"))
  })
})

describe("terminal escapes in data quoted by a message", () => {
  it("are shown as visible escapes, never sent raw to the terminal", () => {
    const log = box.file("escape.csv", "action,\u001b[31mreward\u001b]0;pwned\u0007,propensity\n0,1,0.5\n")
    const r = expectRefused(box, ["evaluate", "--log", log, "--target", "uniform", "--quiet", "--out", "out"], "out")
    expect(r.stderr).toBe(
      "interest-lab: escape.csv:1:reward: missing column 'reward' or 'click' (the header has: action, \\x1b[31mreward\\x1b]0;pwned\\x07, propensity)\n",
    )
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
  })
})
