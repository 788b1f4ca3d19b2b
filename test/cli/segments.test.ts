import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { dir, run } from "./retail-cli"

describe("interest-lab segments", () => {
  it("writes report.html, segments.csv and summary.json", () => {
    const out = join(dir, "seg")
    const r = run(["segments", "--data", "online-retail", "--k", "4", "--out", out])
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))
    expect(summary.customers).toBe(4338)
    expect(summary.k).toBe(4)
    expect(Math.abs(summary.inertia - 3924.39459383741)).toBeLessThan(1e-6)
    expect(summary.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(4338)
    const csv = readFileSync(join(out, "segments.csv"), "utf8").trim().split("\n")
    expect(csv[0]).toBe("customer,R,F,M,segment")
    expect(csv).toHaveLength(4339)
    expect(csv[1]).toMatch(/^12346,326,1,77183\.6,[0-3]$/)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Plotly.newPlot")
  })

  it("k <= 0: one error line, nothing written", () => {
    const out = join(dir, "seg-never")
    const r = run(["segments", "--data", "online-retail", "--k", "-2", "--out", out])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe("interest-lab: --k: expected a positive integer, got '-2'")
    expect(existsSync(out)).toBe(false)
  })
})
