import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@clickhouse/client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../../src/data/bandit-log-synthetic"
import type { BanditLog } from "../../../src/schema/bandit-log"
import { openSqlLog } from "../../../src/evaluation/sql/log-source"
import { ContextFreeTarget } from "../../../src/evaluation/context-free-target"
import { evaluateOffPolicy } from "../../../src/evaluation/off-policy-evaluation"
import { SQL_ESTIMATORS } from "../../../src/evaluation/sql/estimator-sql"
import { evaluateOffPolicySql } from "../../../src/evaluation/sql/evaluate-sql"
import { normal } from "../../../src/random/normal"
import { createRng } from "../../../src/random/rng"
import { clickHouseBinary, startTwoServers, stopServers, type ClickHouseServer } from "./clickhouse-servers"

const binary = clickHouseBinary()
if (binary === undefined && process.env.CI)
  throw new Error(
    "clickhouse-server is missing: .ci/run installs it (apt-get install -y clickhouse-server clickhouse-client)",
  )
if (binary === undefined)
  console.warn(
    "skipping the ClickHouse test: clickhouse-server is not installed (apt-get install -y clickhouse-server clickhouse-client)",
  )

const K = 5
const P = 2
const D = 3
const hyper = { switchThreshold: 3, clip: 4, shrinkage: 5, subGaussian: 0.2 }
const BASE_PORT = 18120 + (process.pid % 50) * 40

describe.skipIf(binary === undefined)("estimators compiled to SQL on a two-shard ClickHouse cluster", () => {
  let servers: ClickHouseServer[] = []
  let root = ""
  let log: BanditLog

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "il-clickhouse-"))
    servers = await startTwoServers(binary as string, root, BASE_PORT)
    const rng = createRng(77)
    const problem = new SyntheticBanditProblem({ nActions: K, nPositions: P, nFeatures: D }, rng)
    const logging = new LinearSoftmaxPolicy(
      "logging",
      Float64Array.from({ length: K * D }, () => normal(rng, 0, 1)),
      K,
      D,
      { epsilon: 0.2 },
    )
    log = problem.sampleLog(4000, logging, rng)
    const columns =
      "(action Int32, position Int32, reward Float64, propensity Float64, x0 Float64, x1 Float64, x2 Float64)"
    for (const [s, server] of servers.entries()) {
      const client = createClient({ url: `http://127.0.0.1:${server.httpPort}` })
      await client.command({ query: `CREATE TABLE default.log_local ${columns} ENGINE = Log` })
      // rows alternate between the shards
      const values = []
      for (let i = s; i < log.length; i += 2) {
        values.push({
          action: log.action[i],
          position: log.position[i],
          reward: log.reward[i],
          propensity: log.propensity[i],
          x0: log.context[i * D],
          x1: log.context[i * D + 1],
          x2: log.context[i * D + 2],
        })
      }
      await client.insert({ table: "default.log_local", values, format: "JSONEachRow" })
      if (s === 0)
        await client.command({
          query: "CREATE TABLE default.log AS default.log_local ENGINE = Distributed(two_shards, default, log_local)",
        })
      await client.close()
    }
  }, 120_000)

  afterAll(async () => {
    await stopServers(servers)
    rmSync(root, { recursive: true, force: true })
  })

  it("the Distributed table's estimates equal the in-memory ones to 1e-12", async () => {
    const { engine, table } = await openSqlLog(`clickhouse://127.0.0.1:${servers[0].httpPort}/default.log`)
    try {
      for (const kind of ["logistic", "ridge"] as const) {
        const sql = await evaluateOffPolicySql(engine, table, "uniform", {
          estimators: SQL_ESTIMATORS,
          hyperParameters: hyper,
          rewardModel: kind,
          where: "clickhouse",
        })
        const uniform = new ContextFreeTarget("uniform", K, P, new Float64Array(K * P).fill(1 / K))
        const memory = evaluateOffPolicy(log, uniform, {
          estimators: SQL_ESTIMATORS,
          rng: createRng(1),
          resamples: 0,
          rewardModel: kind,
          switchThreshold: hyper.switchThreshold,
          hyperParameters: hyper,
        })
        expect(sql.rows).toBe(4000)
        for (const name of SQL_ESTIMATORS) {
          expect(Math.abs(sql.estimates[name].value - memory.estimates[name].value)).toBeLessThan(1e-12)
          expect(Math.abs(sql.estimates[name].stderr - memory.estimates[name].stderr)).toBeLessThan(1e-12)
        }
      }
    } finally {
      await engine.close()
    }
  }, 120_000)

  it("an unreachable server or a missing column is one line naming the URL", async () => {
    await expect(openSqlLog("clickhouse://127.0.0.1:1/default.log")).rejects.toThrow(
      /^clickhouse:\/\/127\.0\.0\.1:1\/default\.log: ClickHouse server unreachable/,
    )
    await expect(openSqlLog("clickhouse://127.0.0.1/log")).rejects.toThrow(
      "clickhouse://127.0.0.1/log: expected clickhouse://HOST:PORT/database.table",
    )
    const client = createClient({ url: `http://127.0.0.1:${servers[0].httpPort}` })
    await client.command({ query: "CREATE TABLE default.no_propensity (action Int32, reward Float64) ENGINE = Log" })
    await client.close()
    const { engine, table } = await openSqlLog(`clickhouse://127.0.0.1:${servers[0].httpPort}/default.no_propensity`)
    try {
      await expect(
        evaluateOffPolicySql(engine, table, "uniform", {
          estimators: ["ipw"],
          where: "clickhouse://127.0.0.1/default.no_propensity",
        }),
      ).rejects.toThrow(
        "clickhouse://127.0.0.1/default.no_propensity: missing column 'propensity' (the table has: action, reward)",
      )
    } finally {
      await engine.close()
    }
  }, 60_000)
})
