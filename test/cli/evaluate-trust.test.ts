import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

// The CLI runs from the build (npm test builds first), as users run it.
const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
const dir = mkdtempSync(join(tmpdir(), "il-evaluate-trust-"))

function run(args: string[], quiet = true): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "evaluate", ...args, ...(quiet ? ["--quiet"] : [])], { encoding: "utf8" })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface Summary {
  estimates: Record<string, { value: number; stderr: number }>
  recommendation: { estimator: string; reason: string }
  rewardModelFit: { skill: number }
  flags: { estimator: string; reason: string }[]
  propensityCalibration: { expectedCalibrationError: number } | null
}

describe("interest-lab evaluate: which estimate to trust", () => {
  it("recommends one estimator by SLOPE, says why, and explains every estimator's assumption", () => {
    const out = join(dir, "men")
    const all = "ipw,snipw,dm,dr,sndr,switch-dr,ipw-clip,ipw-sg,dr-clip,dros,dr-sg"
    const r = run([
      "--log",
      "data/open-bandit-dataset",
      "--campaign",
      "men",
      "--target",
      "bts",
      "--estimators",
      all,
      "--clip",
      "5",
      "--cross-fit",
      "2",
      "--bootstrap",
      "0",
      "--out",
      out,
    ])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary
    expect(Object.keys(summary.estimates)).toEqual(all.split(","))
    expect(all.split(",")).toContain(summary.recommendation.estimator)
    expect(summary.recommendation.reason).toContain(summary.recommendation.estimator)
    // clicks are rare (0.46%): out of fold, the logistic model explains none of their variance, so DM is
    // flagged and SLOPE chooses among the others
    expect(summary.rewardModelFit.skill).toBeLessThan(0)
    expect(summary.flags.some((f) => f.estimator === "dm" && /explains 0\.0%/.test(f.reason))).toBe(true)
    expect(summary.recommendation.estimator).not.toBe("dm")
    expect(summary.recommendation.reason).toContain("flagged estimates were not candidates")
    const html = readFileSync(join(out, "report.html"), "utf8")
    expect(html).toContain("Which estimate to trust")
    expect(html).toContain("optimistic shrinkage")
  })

  it("fits a behaviour policy for a log without propensities, warns, and shows its calibration", () => {
    const K = 4
    const D = 3
    const rng = createRng(40)
    const problem = new SyntheticBanditProblem({ nActions: K, nPositions: 1, nFeatures: D }, rng)
    const logging = new LinearSoftmaxPolicy(
      "logging",
      Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
      K,
      D,
      { epsilon: 0.1 },
    )
    const log = problem.sampleLog(4000, logging, rng)
    const lines = ["action,reward,x0,x1,x2"]
    const withPropensity = ["action,reward,propensity,x0,x1,x2"]
    for (let i = 0; i < log.length; i++) {
      const x = Array.from(log.context.subarray(i * D, i * D + D)).join(",")
      lines.push(`${log.action[i]},${log.reward[i]},${x}`)
      withPropensity.push(`${log.action[i]},${log.reward[i]},${log.propensity[i]},${x}`)
    }
    writeFileSync(join(dir, "no-propensity.csv"), `${lines.join("\n")}\n`)
    writeFileSync(join(dir, "with-propensity.csv"), `${withPropensity.join("\n")}\n`)
    const out = join(dir, "estimated")
    const r = run(
      [
        "--log",
        join(dir, "no-propensity.csv"),
        "--target",
        "uniform",
        "--estimators",
        "snipw",
        "--bootstrap",
        "0",
        "--out",
        out,
      ],
      false,
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toMatch(
      /warning: .*no-propensity\.csv has no propensity column; propensities come from a fitted behaviour policy/,
    )
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary
    expect(summary.propensityCalibration?.expectedCalibrationError).toBeLessThan(0.02)
    expect(summary.flags.some((f) => f.estimator === "snipw" && /propensities were estimated/.test(f.reason))).toBe(
      true,
    )
    const truth = run([
      "--log",
      join(dir, "with-propensity.csv"),
      "--target",
      "uniform",
      "--estimators",
      "snipw",
      "--bootstrap",
      "0",
      "--out",
      join(dir, "true"),
    ])
    expect(truth.status).toBe(0)
    const trueSummary = JSON.parse(readFileSync(join(dir, "true", "summary.json"), "utf8")) as Summary
    // the fitted propensities move SNIPW by less than its own 95% half-width
    expect(Math.abs(summary.estimates.snipw.value - trueSummary.estimates.snipw.value)).toBeLessThan(
      1.96 * trueSummary.estimates.snipw.stderr,
    )
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Estimated propensities")
  })

  it("--target learned --learner ipw learns OBP's IPW learner on the first half and evaluates it on the second", () => {
    const out = join(dir, "learned-ipw")
    const r = run([
      "--log",
      "data/open-bandit-dataset",
      "--target",
      "learned",
      "--learner",
      "ipw",
      "--estimators",
      "ipw,snipw",
      "--bootstrap",
      "0",
      "--out",
      out,
    ])
    expect(r.status).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary & {
      target: string
      rows: number
    }
    expect(summary.target).toMatch(/^IPW learner/)
    expect(summary.rows).toBe(5000)
    const bad = run([
      "--log",
      "data/open-bandit-dataset",
      "--target",
      "learned",
      "--learner",
      "dqn",
      "--out",
      join(dir, "bad-learner"),
    ])
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim()).toBe("interest-lab: --learner: expected q, ipw or mlp, got 'dqn'")
  })

  it("--behavior random+bts pools both loggers with balanced propensities: the report says so and IPW's interval holds BTS's on-policy CTR", () => {
    const out = join(dir, "pooled")
    const r = run([
      "--log",
      "data/open-bandit-dataset",
      "--behavior",
      "random+bts",
      "--target",
      "bts",
      "--estimators",
      "ipw,snipw",
      "--bootstrap",
      "0",
      "--out",
      out,
      "--quiet",
    ])
    expect(r.status, r.stderr).toBe(0)
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary & {
      rows: number
      onPolicyValue: number
      loggers: { shares: number[] }
    }
    expect(summary.rows).toBe(20000)
    expect(summary.loggers.shares).toEqual([0.5, 0.5])
    const ipw = summary.estimates.ipw as unknown as { ci95: [number, number]; stderr: number }
    expect(ipw.ci95[0]).toBeLessThan(summary.onPolicyValue)
    expect(ipw.ci95[1]).toBeGreaterThan(summary.onPolicyValue)
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Pooled loggers: balanced propensities")
    // docs/commands/evaluate.md quotes both standard errors: pooling halves the random log's alone
    expect(ipw.stderr).toBeCloseTo(0.00068, 5)
    const alone = join(dir, "random-alone")
    expect(
      run([
        "--log",
        "data/open-bandit-dataset",
        "--behavior",
        "random",
        "--target",
        "bts",
        "--estimators",
        "ipw",
        "--bootstrap",
        "0",
        "--out",
        alone,
        "--quiet",
      ]).status,
    ).toBe(0)
    expect((JSON.parse(readFileSync(join(alone, "summary.json"), "utf8")) as Summary).estimates.ipw.stderr).toBeCloseTo(
      0.0014,
      4,
    )
  })

  it("--target learned --learner mlp trains the seeded MLP policy (TensorFlow.js) on the first half: same --seed, same summary", () => {
    const summaries = ["mlp-a", "mlp-b"].map((name) => {
      const out = join(dir, name)
      const r = run([
        "--log",
        "data/open-bandit-dataset",
        "--target",
        "learned",
        "--learner",
        "mlp",
        "--seed",
        "5",
        "--estimators",
        "ipw,snipw",
        "--bootstrap",
        "0",
        "--out",
        out,
        "--quiet",
      ])
      expect(r.status, r.stderr).toBe(0)
      return JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary & { target: string; rows: number }
    })
    expect(summaries[0].target).toMatch(/^MLP policy 32-K/)
    expect(summaries[0].rows).toBe(5000)
    expect(Number.isFinite(summaries[0].estimates.ipw.value)).toBe(true)
    expect(summaries[1].estimates).toEqual(summaries[0].estimates)
  }, 120_000)
})
