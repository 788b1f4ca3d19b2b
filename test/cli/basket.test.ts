import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { dir, run } from "./retail-cli"

describe("interest-lab basket", () => {
  it("writes report.html, rules.csv and summary.json for France", () => {
    const out = join(dir, "basket")
    const r = run([
      "basket",
      "--data",
      "online-retail",
      "--country",
      "France",
      "--min-support",
      "0.07",
      "--exclude",
      "POSTAGE",
      "--out",
      out,
    ])
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))
    expect([summary.baskets, summary.frequentItemsets, summary.rules.length]).toEqual([384, 61, 32])
    expect(summary.rules[0]).toMatchObject({
      antecedent: ["ALARM CLOCK BAKELIKE RED"],
      consequent: ["ALARM CLOCK BAKELIKE GREEN"],
    })
    const csv = readFileSync(join(out, "rules.csv"), "utf8").trim().split("\n")
    expect(csv).toHaveLength(33)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Plotly.newPlot")
  })

  it.each([
    [["--min-support", "0"], "--min-support: expected a number in (0, 1], got '0'"],
    [["--min-support", "1.2"], "--min-support: expected a number in (0, 1], got '1.2'"],
    [["--country", "Atlantis"], "country 'Atlantis' is not in the data"],
  ])("bad flags %j: one error line, nothing written", (flags, message) => {
    const out = join(dir, "basket-never")
    const r = run(["basket", "--data", "online-retail", ...flags, "--out", out])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toContain(message)
    expect(existsSync(out)).toBe(false)
  })
})
