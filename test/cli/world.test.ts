import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../temp-dir"

// The CLI runs from the build (npm test builds first), exactly as users run it.
const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
const dir = tempDir("il-cli-")

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("interest-lab world", () => {
  it("writes the CSVs, summary, config with provenance and a self-contained report", () => {
    const config = join(dir, "w.yaml")
    writeFileSync(config, "users: 150\nitems: 80\ndays: 7\nseed: 4\n")
    const out = join(dir, "out")
    const r = run(["world", "--config", config, "--out", out, "--quiet"])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    for (const f of [
      "events.csv",
      "items.csv",
      "users.csv",
      "reviews.csv",
      "categories.csv",
      "summary.json",
      "config.json",
      "report.html",
    ]) {
      expect(existsSync(join(out, f))).toBe(true)
    }
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
      users: number
      events: { view: number }
    }
    expect(summary.users).toBe(150)
    expect(summary.events.view).toBeGreaterThan(0)
    const cfg = JSON.parse(readFileSync(join(out, "config.json"), "utf8")) as {
      config: { seed: number }
      provenance: { version: string; node: string }
    }
    expect(cfg.config.seed).toBe(4)
    expect(cfg.provenance.node).toBe(process.version)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Plotly.newPlot")
  })

  it("prints one clear error line for a malformed config and leaves the previous output untouched", () => {
    const out = join(dir, "keep")
    const good = join(dir, "good.yaml")
    writeFileSync(good, "users: 50\nitems: 30\ndays: 3\n")
    expect(run(["world", "--config", good, "--out", out, "--quiet"]).status).toBe(0)
    const before = readFileSync(join(out, "events.csv"))
    const bad = join(dir, "bad.yaml")
    writeFileSync(bad, "users: 50\nslateSize: 0\ncolour: red\n")
    const r = run(["world", "--config", bad, "--out", out, "--quiet"])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toMatch(/bad\.yaml: .*unknown field colour \(allowed: seed, users, items,/)
    expect(r.stderr).toMatch(/field 'slateSize': Too small: expected number to be >=1/)
    expect(readFileSync(join(out, "events.csv")).equals(before)).toBe(true)
  })

  it("has --help for the program and the command", () => {
    expect(execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" })).toMatch(/world/)
    expect(execFileSync(process.execPath, [bin, "world", "--help"], { encoding: "utf8" })).toMatch(/--config <file>/)
  })
})
