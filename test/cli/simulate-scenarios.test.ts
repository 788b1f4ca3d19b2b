import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

/** Runs the built CLI (`npm run build` first). */
function cli(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "bin", "interest-lab.js"), ...args], {
    encoding: "utf8",
  })
  return { status: r.status, stderr: r.stderr }
}

const CONFIG = `environment:
  type: ecommerce
  world: { users: 30, items: 100, categories: 5, days: 4, seed: 2 }
  stepsPerDay: 50
  history: { days: 3 }
  userMetrics: { firstVisits: 5 }
scenarios:
  - name: "stay"
  - name: "leave, arrive"
    environment: { leaving: { leaveLogit: -4 }, arrivals: { share: 0.2 } }
policies:
  - { type: random, name: random }
  - { type: greedy, name: greedy }
  - { type: hierarchical-thompson, name: hier }
horizon: 200
runs: 3
seed: 5
workers: 2
`

describe("interest-lab simulate with scenarios", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenarios-"))

  it("writes one report comparing the scenarios: findings, per-scenario tables, steps.csv with a scenario column", () => {
    const config = join(dir, "exp.yaml")
    writeFileSync(config, CONFIG)
    const out = join(dir, "out")
    const r = cli(["simulate", "--config", config, "--out", out])
    expect(r.status, r.stderr).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))
    expect(summary.scenarios.map((s: { name: string }) => s.name)).toEqual(["stay", "leave, arrive"])
    expect(
      summary.findings.some((f: string) => f.startsWith("In «stay», the best personalised policy, hier, closes")),
    ).toBe(true)
    expect(
      summary.findings.some((f: string) => /^In «leave, arrive», pure exploitation (wins|does not win)/.test(f)),
    ).toBe(true)
    const steps = readFileSync(join(out, "steps.csv"), "utf8").split("\n")
    expect(steps[0]).toBe(
      "scenario,policy,step,meanReward,rewardLower,rewardUpper,optimalActionRate,cumulativeRegret,regretLower,regretUpper,laiRobbins",
    )
    expect(steps[1]).toMatch(/^stay,random,1,/)
    expect(steps.filter((l) => l.startsWith('"leave, arrive",hier,')).length).toBe(200)
    const html = readFileSync(join(out, "report.html"), "utf8")
    expect(html).toContain("Frontier: short-term CTR vs interest discovery")
    expect(html).toContain("Frontier: short-term CTR vs retention to the last day")
  })

  it("a bad scenario field is one line naming the scenario and the field", () => {
    const config = join(dir, "bad.yaml")
    writeFileSync(config, CONFIG.replace("leaveLogit: -4", "memory: 3"))
    const r = cli(["simulate", "--config", config, "--out", join(dir, "bad")])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toMatch(/scenarios\[1\] \(leave, arrive\)\.environment.*leaving\.memory/)
  })
})
