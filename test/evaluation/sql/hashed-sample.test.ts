import { describe, expect, it } from "vitest"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import { evaluateOffPolicySql } from "../../../src/evaluation/sql/evaluate-sql"
import { ContextFreeTarget } from "../../../src/evaluation/context-free-target"

// 25,000 rows of only 42 distinct contents: the hashed sample keeps or drops each content whole.
const FEW_CONTENTS =
  "SELECT CAST(i % 3 AS INTEGER) AS action, CAST(i % 2 AS DOUBLE) AS reward, CASE WHEN i % 3 = 0 THEN 0.5 ELSE 0.25 END AS propensity, CAST(i % 7 AS DOUBLE) AS x0 FROM range(25000) AS t(i)"

describe("hashedSample", () => {
  it("a log of few distinct rows still gives n rows: the n of smallest hash, the same for the same seed", async () => {
    const engine = await DuckDbEngine.open(undefined, { threads: 1 })
    try {
      await engine.run(`CREATE TABLE log AS ${FEW_CONTENTS}`)
      const rate = await engine.queryRows(
        `SELECT count(*) FROM log WHERE hash(action, reward, x0, 1) % 1000000 < ${Math.ceil((500 / 25_000) * 1e6)}`,
      )
      // the hashed rate alone keeps far fewer than n/2 = 250 rows here (whole contents of ≈ 595 rows, or none)
      expect(rate[0][0] < 250 || rate[0][0] > 500).toBe(true)
      const sample = await engine.sampleRows("log", ["action", "reward", "x0"], 500, 1, 25_000)
      expect(sample.length).toBe(500)
      expect(sample.every(([a, r, x]) => a >= 0 && a < 3 && (r === 0 || r === 1) && x >= 0 && x < 7)).toBe(true)
      expect(await engine.sampleRows("log", ["action", "reward", "x0"], 500, 1, 25_000)).toEqual(sample)
      // on distinct rows the hashed rate is kept (its count is binomial around n, never below n/2)
      await engine.run("CREATE TABLE ids AS SELECT i AS id FROM range(25000) AS t(i)")
      const ids = await engine.sampleRows("ids", ["id"], 500, 1, 25_000)
      const expected = await engine.queryRows(
        `SELECT CAST(id AS DOUBLE) FROM ids WHERE hash(id, 1) % 1000000 < 20000 LIMIT 500`,
      )
      expect(ids).toEqual(expected)
    } finally {
      await engine.close()
    }
  })

  it("doubly robust estimation on such a log fits its reward model instead of failing on an empty sample", async () => {
    const engine = await DuckDbEngine.open(undefined, { threads: 1 })
    try {
      await engine.run(`CREATE TABLE log AS ${FEW_CONTENTS}`)
      const t = new ContextFreeTarget("t", 3, 1, Float64Array.of(0.2, 0.3, 0.5))
      const result = await evaluateOffPolicySql(engine, "log", t, { estimators: ["dr"], sampleSize: 500, where: "log" })
      expect(Number.isFinite(result.estimates.dr.value)).toBe(true)
      expect(result.weightSample?.length).toBe(500)
    } finally {
      await engine.close()
    }
  })
})
