import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { DuckDbEngine } from "../../src/evaluation/sql/duckdb-engine"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

// The CLI runs from the build (npm test builds first), as users run it.
const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
const dir = mkdtempSync(join(tmpdir(), "il-evaluate-sql-"))

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "evaluate", ...args, "--quiet"], { encoding: "utf8" })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface Summary {
  rows: number
  estimates: Record<string, { value: number; stderr: number }>
  recommendation: { estimator: string }
}

beforeAll(async () => {
  const rng = createRng(3)
  const problem = new SyntheticBanditProblem({ nActions: 4, nPositions: 2, nFeatures: 2 }, rng)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: 8 }, () => normal(rng, 0, 1)),
    4,
    2,
    { epsilon: 0.3 },
  )
  const log = problem.sampleLog(3000, logging, rng)
  const lines = ["action,position,reward,propensity,x0,x1"]
  for (let i = 0; i < log.length; i++)
    lines.push(
      [
        log.action[i],
        log.position[i],
        log.reward[i],
        log.propensity[i],
        log.context[2 * i],
        log.context[2 * i + 1],
      ].join(","),
    )
  writeFileSync(join(dir, "log.csv"), `${lines.join("\n")}\n`)
  writeFileSync(join(dir, "bad.csv"), "action,position,reward,propensity,x0,x1\n0,0,1,0.5,0,0\n1,1,0,1.5,0,0\n")
  const engine = await DuckDbEngine.open()
  await engine.run(
    `COPY (SELECT * FROM read_csv('${join(dir, "log.csv")}', header = true)) TO '${join(dir, "log.parquet")}' (FORMAT parquet)`,
  )
  await engine.run(
    `COPY (SELECT * FROM read_csv('${join(dir, "bad.csv")}', header = true)) TO '${join(dir, "bad.parquet")}' (FORMAT parquet)`,
  )
  await engine.close()
})

describe("interest-lab evaluate --log file.parquet (SQL on DuckDB)", () => {
  it("gives the in-memory estimates to 1e-12 and writes the compiled query", () => {
    const estimators = "ipw,snipw,dm,dr,sndr,switch-dr,ipw-clip,dros"
    const sql = run([
      "--log",
      join(dir, "log.parquet"),
      "--target",
      "uniform",
      "--estimators",
      estimators,
      "--out",
      join(dir, "sql"),
    ])
    expect(sql.stderr).toBe("")
    expect(sql.status).toBe(0)
    const memory = run([
      "--log",
      join(dir, "log.csv"),
      "--target",
      "uniform",
      "--estimators",
      estimators,
      "--bootstrap",
      "0",
      "--out",
      join(dir, "memory"),
    ])
    expect(memory.status).toBe(0)
    const a = JSON.parse(readFileSync(join(dir, "sql", "summary.json"), "utf8")) as Summary
    const b = JSON.parse(readFileSync(join(dir, "memory", "summary.json"), "utf8")) as Summary
    expect(a.rows).toBe(3000)
    for (const name of estimators.split(",")) {
      expect(Math.abs(a.estimates[name].value - b.estimates[name].value)).toBeLessThan(1e-12)
      expect(Math.abs(a.estimates[name].stderr - b.estimates[name].stderr)).toBeLessThan(1e-12)
    }
    expect(a.recommendation.estimator).toBe(b.recommendation.estimator)
    expect(readFileSync(join(dir, "sql", "query.sql"), "utf8")).toMatch(/^SELECT CAST\(count\(\*\) AS DOUBLE\)/)
    // the same CSV through DuckDB gives the same numbers
    expect(
      run([
        "--log",
        join(dir, "log.csv"),
        "--engine",
        "duckdb",
        "--target",
        "uniform",
        "--estimators",
        "ipw",
        "--out",
        join(dir, "csv-sql"),
      ]).status,
    ).toBe(0)
  })

  it("bad input: one line naming the log and the column, no output", () => {
    const r = run(["--log", join(dir, "bad.parquet"), "--target", "uniform", "--out", join(dir, "bad-out")])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe(
      `interest-lab: ${join(dir, "bad.parquet")}: column 'propensity': values outside (0, 1] (min 0.5, max 1.5); allowed: probabilities in (0, 1]`,
    )
    expect(existsSync(join(dir, "bad-out"))).toBe(false)
    const t = run(["--log", join(dir, "log.parquet"), "--target", "bts", "--out", join(dir, "bad-out")])
    expect(t.stderr.trim()).toBe(
      "interest-lab: --target: the SQL path evaluates 'uniform' or a target CSV file, got 'bts'",
    )
  })
})
