import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { loadBanditCsv } from "../../../src/data/bandit-log-csv"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../../src/data/bandit-log-synthetic"
import { openSqlLog } from "../../../src/evaluation/sql/log-source"
import { ContextFreeTarget } from "../../../src/evaluation/context-free-target"
import { evaluateOffPolicy } from "../../../src/evaluation/off-policy-evaluation"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import { SQL_ESTIMATORS } from "../../../src/evaluation/sql/estimator-sql"
import { evaluateOffPolicySql } from "../../../src/evaluation/sql/evaluate-sql"
import { normal } from "../../../src/random/normal"
import { createRng } from "../../../src/random/rng"

const dir = mkdtempSync(join(tmpdir(), "il-sql-"))
const csv = join(dir, "log.csv")
const K = 5
const P = 2
const D = 3
const hyper = { switchThreshold: 3, clip: 4, shrinkage: 5, subGaussian: 0.2 }

/** A 6,000-round log of a softmax logger on the synthetic contextual problem, as CSV, Parquet and a DuckDB database. */
beforeAll(async () => {
  const rng = createRng(77)
  const problem = new SyntheticBanditProblem({ nActions: K, nPositions: P, nFeatures: D }, rng)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
    K,
    D,
    { epsilon: 0.2 },
  )
  const log = problem.sampleLog(6000, logging, rng)
  const lines = ["action,position,reward,propensity,x0,x1,x2"]
  for (let i = 0; i < log.length; i++)
    lines.push(
      [log.action[i], log.position[i], log.reward[i], log.propensity[i], ...log.context.subarray(i * D, i * D + D)]
        .map(String)
        .join(","),
    )
  writeFileSync(csv, `${lines.join("\n")}\n`)
  const engine = await DuckDbEngine.open()
  await engine.run(
    `COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${join(dir, "log.parquet")}' (FORMAT parquet)`,
  )
  await engine.run(`ATTACH '${join(dir, "log.duckdb")}' AS db`)
  await engine.run(`CREATE TABLE db.log AS SELECT * FROM read_csv('${csv}', header = true)`)
  await engine.run("DETACH db")
  await engine.close()
})

const targets = (): (ContextFreeTarget | "uniform")[] => {
  const rng = createRng(5)
  const probabilities = new Float64Array(P * K)
  for (let p = 0; p < P; p++) {
    let sum = 0
    for (let a = 0; a < K; a++) sum += probabilities[p * K + a] = rng.next() + 0.05
    for (let a = 0; a < K; a++) probabilities[p * K + a] /= sum
  }
  return ["uniform", new ContextFreeTarget("file target", K, P, probabilities)]
}

describe("estimators compiled to SQL on DuckDB", () => {
  const opened: { close(): Promise<void> }[] = []
  afterAll(async () => {
    for (const e of opened) await e.close()
  })

  for (const file of ["log.parquet", "log.csv", "log.duckdb"]) {
    for (const kind of ["logistic", "ridge"] as const) {
      it(`${file}, ${kind} reward model: every estimate and standard error equals the in-memory path to 1e-12`, async () => {
        const memoryLog = await loadBanditCsv(csv, { positions: P })
        const { engine, table } = await openSqlLog(join(dir, file))
        opened.push(engine)
        for (const target of targets()) {
          const sql = await evaluateOffPolicySql(engine, table, target, {
            estimators: SQL_ESTIMATORS,
            hyperParameters: hyper,
            rewardModel: kind,
            where: file,
          })
          const policy =
            target === "uniform" ? new ContextFreeTarget("uniform", K, P, new Float64Array(K * P).fill(1 / K)) : target
          const memory = evaluateOffPolicy(memoryLog, policy, {
            estimators: SQL_ESTIMATORS,
            rng: createRng(1),
            resamples: 0,
            rewardModel: kind,
            switchThreshold: hyper.switchThreshold,
            hyperParameters: hyper,
          })
          expect(sql.rows).toBe(6000)
          for (const name of SQL_ESTIMATORS) {
            expect(Math.abs(sql.estimates[name].value - memory.estimates[name].value)).toBeLessThan(1e-12)
            expect(Math.abs(sql.estimates[name].stderr - memory.estimates[name].stderr)).toBeLessThan(1e-12)
          }
          expect(sql.weights.effectiveSampleSize).toBeCloseTo(memory.weights.effectiveSampleSize, 8)
          expect(sql.weights.maxWeight).toBeCloseTo(memory.weights.maxWeight, 12)
          expect(sql.loggedValue.value).toBeCloseTo(memory.loggedValue.value, 14)
        }
      })
    }
  }

  it("a log without a position column is one position, as in memory", async () => {
    const noPosition = join(dir, "no-position.csv")
    const memoryLog = await loadBanditCsv(csv, { positions: P })
    const lines = ["action,reward,propensity,x0,x1,x2"]
    for (let i = 0; i < memoryLog.length; i++)
      lines.push(
        [
          memoryLog.action[i],
          memoryLog.reward[i],
          memoryLog.propensity[i],
          ...memoryLog.context.subarray(i * D, i * D + D),
        ]
          .map(String)
          .join(","),
      )
    writeFileSync(noPosition, `${lines.join("\n")}\n`)
    const { engine, table } = await openSqlLog(noPosition)
    opened.push(engine)
    const sql = await evaluateOffPolicySql(engine, table, "uniform", {
      estimators: ["ipw", "dr"],
      rewardModel: "ridge",
      where: "no-position.csv",
    })
    const memory = evaluateOffPolicy(
      await loadBanditCsv(noPosition),
      new ContextFreeTarget("uniform", K, 1, new Float64Array(K).fill(1 / K)),
      { estimators: ["ipw", "dr"], rng: createRng(1), resamples: 0, rewardModel: "ridge" },
    )
    for (const name of ["ipw", "dr"])
      expect(Math.abs(sql.estimates[name].value - memory.estimates[name].value)).toBeLessThan(1e-12)
  })

  it("bad input is one line naming the log and the column", async () => {
    const bad = join(dir, "bad.csv")
    writeFileSync(bad, "action,position,reward,propensity,x0\n0,0,1,0.5,0.1\n1,0,0,0,0.2\n")
    const { engine, table } = await openSqlLog(bad)
    opened.push(engine)
    await expect(
      evaluateOffPolicySql(engine, table, "uniform", { estimators: ["ipw"], where: "bad.csv" }),
    ).rejects.toThrow(
      "bad.csv: column 'propensity': values outside (0, 1] (min 0, max 0.5); allowed: probabilities in (0, 1]",
    )
    const missing = join(dir, "missing.csv")
    writeFileSync(missing, "action,reward,x0\n0,1,0.1\n")
    const m = await openSqlLog(missing)
    opened.push(m.engine)
    await expect(
      evaluateOffPolicySql(m.engine, m.table, "uniform", { estimators: ["ipw"], where: "missing.csv" }),
    ).rejects.toThrow("missing.csv: missing column 'propensity' (the table has: action, reward, x0)")
    await expect(
      evaluateOffPolicySql(m.engine, m.table, "uniform", { estimators: ["replay"], where: "missing.csv" }),
    ).rejects.toThrow(/'replay' does not run in SQL/)
    await expect(openSqlLog(join(dir, "log.txt"))).rejects.toThrow(/not a log the SQL path reads/)
  })
})
