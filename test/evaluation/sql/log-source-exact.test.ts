import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import { isSqlLog, openSqlLog } from "../../../src/evaluation/sql/log-source"

const CSV = "action,reward,propensity,x0\n2,1,0.5,0.25\n0,0,0.25,-1.5\n"

describe("isSqlLog", () => {
  it("takes .parquet and .duckdb files in any case and clickhouse:// URLs, nothing else", () => {
    for (const spec of ["a.parquet", "dir/B.PARQUET", "c.duckdb", "d.DuckDB", "clickhouse://h:8123/db.t"])
      expect(isSqlLog(spec)).toBe(true)
    for (const spec of ["a.csv", "a.parquet.bak", "aparquet", "a.duckdb.csv", "see clickhouse://h/db.t", "ch.json"])
      expect(isSqlLog(spec)).toBe(false)
  })
})

describe("openSqlLog", () => {
  it("reads CSV, gzipped CSV and Parquet files where they lie, quotes in the path included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "il-log-source-"))
    try {
      const csv = join(dir, "it's a log.CSV")
      writeFileSync(csv, CSV)
      writeFileSync(join(dir, "it's.csv.gz"), gzipSync(CSV))
      const first = await openSqlLog(csv)
      try {
        expect(first.table).toBe(`read_csv('${csv.replace("'", "''")}', header = true)`)
        expect(first.engine.name).toBe("duckdb (in memory)")
        expect(await first.engine.columns(first.table)).toEqual(["action", "reward", "propensity", "x0"])
        await (first.engine as DuckDbEngine).run(
          `COPY (SELECT * FROM ${first.table}) TO '${join(dir, "it''s.parquet")}' (FORMAT parquet)`,
        )
        await (first.engine as DuckDbEngine).run(`ATTACH '${join(dir, "db.duckdb")}' AS db`)
        await (first.engine as DuckDbEngine).run(`CREATE TABLE db.log AS SELECT * FROM ${first.table}`)
        await (first.engine as DuckDbEngine).run("DETACH db")
      } finally {
        await first.engine.close()
      }
      for (const file of ["it's.csv.gz", "it's.parquet", "db.duckdb"]) {
        const { engine, table } = await openSqlLog(join(dir, file))
        try {
          expect(await engine.queryRows(`SELECT action, reward, propensity, x0 FROM ${table}`)).toEqual([
            [2, 1, 0.5, 0.25],
            [0, 0, 0.25, -1.5],
          ])
          if (file === "db.duckdb") {
            expect(table).toBe("log")
            expect(engine.name).toBe(join(dir, file))
            // opened read-only: the log is never written
            await expect((engine as DuckDbEngine).run("CREATE TABLE other AS SELECT 1 AS x")).rejects.toThrow(
              /read-only/,
            )
          } else if (file.endsWith(".parquet")) expect(table).toBe(`read_parquet('${join(dir, "it''s.parquet")}')`)
          else expect(table).toBe(`read_csv('${join(dir, "it''s.csv.gz")}', header = true)`)
        } finally {
          await engine.close()
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("reads a file by its last suffix only: log.duckdb.csv and log.parquet.csv are CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "il-log-source-"))
    try {
      for (const name of ["log.duckdb.csv", "log.parquet.csv"]) {
        writeFileSync(join(dir, name), CSV)
        const { engine, table } = await openSqlLog(join(dir, name))
        try {
          expect(table).toBe(`read_csv('${join(dir, name)}', header = true)`)
          expect(await engine.queryRows(`SELECT count(*) FROM ${table}`)).toEqual([[2]])
        } finally {
          await engine.close()
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("passes the memory limit on to DuckDB", async () => {
    const dir = mkdtempSync(join(tmpdir(), "il-log-source-"))
    try {
      writeFileSync(join(dir, "log.csv"), CSV)
      const { engine } = await openSqlLog(join(dir, "log.csv"), { memoryLimit: "512MB" })
      try {
        expect(await engine.queryRows("SELECT current_setting('memory_limit') = '488.2 MiB'")).toEqual([[1]])
      } finally {
        await engine.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("anything else is one line listing what the SQL path reads; a clickhouse:// URL goes to ClickHouse", async () => {
    await expect(openSqlLog("log.json")).rejects.toThrow(
      "log.json: not a log the SQL path reads (allowed: .parquet, .csv, .csv.gz, .duckdb, clickhouse://HOST:PORT/db.table)",
    )
    await expect(openSqlLog("log.csv.zip")).rejects.toThrow("log.csv.zip: not a log the SQL path reads")
    await expect(openSqlLog("clickhouse://127.0.0.1/log")).rejects.toThrow(
      "clickhouse://127.0.0.1/log: expected clickhouse://HOST:PORT/database.table",
    )
  })
})

describe("DuckDbEngine", () => {
  it("answers numbers, lists columns in order and sets its threads", async () => {
    const engine = await DuckDbEngine.open(undefined, { threads: 1 })
    try {
      expect(engine.doubleType).toBe("DOUBLE")
      expect(engine.arrayAt(["1", "2"], "i")).toBe("[1, 2][i + 1]")
      expect(await engine.queryRows("SELECT CAST(current_setting('threads') AS DOUBLE)")).toEqual([[1]])
      expect(await engine.queryRows("SELECT count(*), 1.5, [10, 20, 30][1 + 1] FROM range(3)")).toEqual([[3, 1.5, 20]])
      expect(await engine.columns('(SELECT 1 AS b, 2 AS a, 3 AS "c d")')).toEqual(["b", "a", "c d"])
    } finally {
      await engine.close()
    }
  })

  it("samples every row in order when the table is small, else about n rows by a seeded hash", async () => {
    const engine = await DuckDbEngine.open(undefined, { threads: 1 })
    try {
      await engine.run("CREATE TABLE t AS SELECT i AS id, i % 5 AS k FROM range(10000) AS s(i)")
      const all = await engine.sampleRows("t", ["id", "k + 0.5"], 10_000, 3, 10_000)
      expect(all.length).toBe(10_000)
      expect(all[7]).toEqual([7, 2.5])
      expect(all.every((row, i) => row[0] === i)).toBe(true)
      const sample = await engine.sampleRows("t", ["id", "k"], 1000, 3, 10_000)
      expect(sample.length).toBeGreaterThan(850)
      expect(sample.length).toBeLessThanOrEqual(1000)
      expect(new Set(sample.map((r) => r[0])).size).toBe(sample.length)
      expect(sample.every(([id, k]) => k === id % 5)).toBe(true)
      expect(await engine.sampleRows("t", ["id", "k"], 1000, 3, 10_000)).toEqual(sample)
      const other = await engine.sampleRows("t", ["id", "k"], 1000, 4, 10_000)
      expect(other.map((r) => r[0])).not.toEqual(sample.map((r) => r[0]))
      // the limit: a rate of 1,000 in 10,000 over a table of 10,000 rows, at most 100 kept
      expect((await engine.sampleRows("t", ["id"], 100, 3, 1000)).length).toBe(100)
    } finally {
      await engine.close()
    }
  })
  it("close ends the connection and releases the database file, so another process can write it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "il-log-source-"))
    const file = join(dir, "log.duckdb")
    // a separate process: DuckDB's file lock only keeps other processes out
    const write = (): number | null =>
      spawnSync(
        process.execPath,
        [
          "-e",
          `require("@duckdb/node-api").DuckDBInstance.create(${JSON.stringify(file)}).then(async (db) => { const c = await db.connect(); await c.runAndReadAll("CREATE TABLE IF NOT EXISTS log AS SELECT 1 AS x"); c.closeSync(); db.closeSync() }).catch(() => process.exit(3))`,
        ],
        { encoding: "utf8" },
      ).status
    try {
      expect(write()).toBe(0)
      const engine = await DuckDbEngine.open(file)
      expect(write()).toBe(3)
      await engine.close()
      await expect(engine.queryRows("SELECT 1")).rejects.toThrow(/connection disconnected/)
      expect(write()).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
