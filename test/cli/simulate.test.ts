import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../temp-dir"

/** Runs the built CLI (`npm run build` first). */
function cli(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "bin", "interest-lab.js"), ...args], {
    encoding: "utf8",
  })
  return { status: r.status, stderr: r.stderr }
}

describe("interest-lab simulate", () => {
  const dir = tempDir("simulate-")

  it("writes report.html, summary.json, steps.csv and config.json", () => {
    const config = join(dir, "exp.yaml")
    writeFileSync(
      config,
      "environment: { type: bernoulli, probabilities: [0.5, 0.4, 0.4] }\npolicies:\n  - { type: thompson, name: ts }\n  - { type: epsilon-greedy, name: eps-0.1, epsilon: 0.1 }\nhorizon: 300\nruns: 8\nseed: 3\n",
    )
    const out = join(dir, "out")
    const r = cli(["simulate", "--config", config, "--out", out, "--runs", "6", "--workers", "2"])
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))
    expect(summary.runs).toBe(6)
    expect(summary.policies[0]).toMatchObject({ name: "ts", type: "thompson" })
    for (const key of ["finalMeanReward", "finalOptimalActionRate", "meanReward"])
      expect(typeof summary.policies[0][key]).toBe("number")
    expect(summary.policies[0].cumulativeRegret.ci95).toHaveLength(2)
    expect(readFileSync(join(out, "steps.csv"), "utf8").split("\n")[1]).toMatch(/^ts,1,/)
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).provenance.seed).toBe(3)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Lai–Robbins")
  })

  it("a bad config prints one line naming the field, exits 2 and leaves the old report", () => {
    const config = join(dir, "bad.yaml")
    writeFileSync(
      config,
      "environment: { type: bernoulli, probabilities: [0.5, 1.5] }\npolicies: [{ type: ucb1 }]\nhorizon: 10\n",
    )
    const out = join(dir, "out")
    const r = cli(["simulate", "--config", config, "--out", out])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toMatch(/field 'environment.probabilities\[1\]': a probability must be in \[0, 1\]/)
    expect(existsSync(join(out, "summary.json"))).toBe(true)
  })
})
