import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../temp-dir"

// The CLI runs from the build (npm test builds first), as users run it.
const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
const dir = tempDir("il-evaluate-")

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "evaluate", ...args, "--quiet"], { encoding: "utf8" })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface Summary {
  rows: number
  onPolicyValue: number | null
  estimates: Record<
    string,
    { value: number; ci95: [number, number]; stderr: number; bootstrapCi95: [number, number] | null }
  >
  weights: { effectiveSampleSize: number }
}

describe("interest-lab evaluate", () => {
  it("runs the Open Bandit benchmark case: BTS from the random log, with the on-policy CTR", () => {
    const out = join(dir, "men")
    const r = run([
      "--log",
      "data/open-bandit-dataset",
      "--campaign",
      "men",
      "--behavior",
      "random",
      "--target",
      "bts",
      "--estimators",
      "ipw,snipw,replay",
      "--bootstrap",
      "50",
      "--out",
      out,
    ])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary
    expect(summary.rows).toBe(10000)
    expect(summary.onPolicyValue).toBeCloseTo(0.0069, 12)
    expect(summary.estimates.ipw.value).toBeCloseTo(0.0056562667008354705, 12) // numpy, see test/evaluation/off-policy.test.ts
    expect(summary.estimates.ipw.ci95[0]).toBeLessThan(summary.estimates.ipw.value)
    expect(summary.estimates.snipw.bootstrapCi95).not.toBeNull()
    expect(Object.keys(summary.estimates)).toEqual(["ipw", "snipw", "replay"])
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8")) as {
      config: { target: string }
      provenance: { node: string }
    }
    expect(config.config.target).toBe("bts")
    expect(config.provenance.node).toBe(process.version)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Importance-weight diagnostics")
  })

  it("evaluates a target CSV on a generic CSV log, and a learned policy on the second half", () => {
    const log = join(dir, "log.csv")
    const lines = ["action,position,click,propensity,x"]
    for (let i = 0; i < 400; i++)
      lines.push(`${i % 4},${i % 2},${i % 4 === 1 && i % 3 === 0 ? 1 : 0},0.25,${(i % 7) - 3}`)
    writeFileSync(log, `${lines.join("\n")}\n`)
    const target = join(dir, "target.csv")
    writeFileSync(target, "item_id,position,probability\n1,0,1\n1,1,0.5\n2,1,0.5\n")
    const out = join(dir, "csv")
    const r = run([
      "--log",
      log,
      "--target",
      target,
      "--estimators",
      "ipw,snipw,dr,replay",
      "--positions",
      "2",
      "--bootstrap",
      "0",
      "--out",
      out,
    ])
    expect(r.stderr).toBe("")
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary
    expect(summary.onPolicyValue).toBeNull()
    // hand: w = 4 for action 1 at position 0, 2 for actions 1, 2 at position 1; clicks only on action 1
    // rounds with action 1 are odd → position 1 → w = 2; clicks at i ≡ 9 (mod 12): 33 of 400
    expect(summary.estimates.ipw.value).toBeCloseTo((2 * 33) / 400, 12)
    expect(summary.estimates.snipw.bootstrapCi95).toBeNull()
    const learned = run([
      "--log",
      log,
      "--target",
      "learned",
      "--estimators",
      "ipw,dr",
      "--positions",
      "2",
      "--out",
      join(dir, "learned"),
      "--bootstrap",
      "0",
    ])
    expect(learned.status).toBe(0)
    expect((JSON.parse(readFileSync(join(dir, "learned", "summary.json"), "utf8")) as Summary).rows).toBe(200)
  })

  it("prints one clear line for bad input and leaves no output", () => {
    const bad = run([
      "--log",
      "data/open-bandit-dataset",
      "--target",
      "bts",
      "--estimators",
      "ipw,ips",
      "--out",
      join(dir, "bad"),
    ])
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim()).toBe(
      "interest-lab: --estimators: unknown estimator 'ips' (allowed: replay, ipw, snipw, dm, dr, sndr, switch-dr, ipw-clip, ipw-sg, dr-clip, dros, dr-sg)",
    )
    const replay = run([
      "--log",
      "data/open-bandit-dataset",
      "--behavior",
      "bts",
      "--target",
      "uniform",
      "--estimators",
      "replay",
      "--out",
      join(dir, "bad"),
    ])
    expect(replay.status).toBe(2)
    expect(replay.stderr).toContain("replay needs a uniformly random logging policy")
    const target = join(dir, "t.csv")
    writeFileSync(target, "item_id,position,probability\n0,0,0.5\n")
    const sums = run(["--log", "data/open-bandit-dataset", "--target", target, "--out", join(dir, "bad")])
    expect(sums.stderr.trim()).toBe(
      `interest-lab: ${target}:2:probability: probabilities at position 0 sum to 0.5, must sum to 1 over items`,
    )
    expect(existsSync(join(dir, "bad"))).toBe(false)
  })
})
