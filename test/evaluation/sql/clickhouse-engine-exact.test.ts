import { mkdtempSync, rmSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@clickhouse/client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ClickHouseEngine, openClickHouseLog } from "../../../src/evaluation/sql/clickhouse-engine"
import { clickHouseBinary, startTwoServers, stopServers, type ClickHouseServer } from "./clickhouse-servers"

const binary = clickHouseBinary()
if (binary === undefined && process.env.CI)
  throw new Error(
    "clickhouse-server is missing: .ci/run installs it (apt-get install -y clickhouse-server clickhouse-client)",
  )
if (binary === undefined)
  console.warn(
    "skipping the ClickHouse engine test: clickhouse-server is not installed (apt-get install -y clickhouse-server clickhouse-client)",
  )

// clickhouse-evaluation.test.ts takes ports from 18120 to 20091: these stay above them
const BASE_PORT = 20120 + (process.pid % 50) * 40

describe("openClickHouseLog without a server", () => {
  it("a spec that is not clickhouse://HOST[:PORT]/database.table is one line showing the expected form", async () => {
    for (const spec of [
      "clickhouse://127.0.0.1/log",
      "clickhouse://127.0.0.1:1/db.t.u",
      "my clickhouse://127.0.0.1:1/db.t",
      "clickhouse://127.0.0.1:x1/db.t",
      "clickhouse://127.0.0.1:1/1db.t",
      "clickhouse://127.0.0.1:1/db.2t",
      "clickhouse:///db.t",
      "clickhouse://127.0.0.1:1/db.t-u",
    ])
      await expect(openClickHouseLog(spec)).rejects.toThrow(`${spec}: expected clickhouse://HOST:PORT/database.table`)
  })

  it("an unreachable server is one line naming the URL and the first line of the cause; the port defaults to 8123", async () => {
    await expect(openClickHouseLog("clickhouse://127.0.0.1:1/default.log")).rejects.toThrow(
      "clickhouse://127.0.0.1:1/default.log: ClickHouse server unreachable (connect ECONNREFUSED 127.0.0.1:1)",
    )
    await expect(openClickHouseLog("clickhouse://127.0.0.1/_db.t_1")).rejects.toThrow(
      /^clickhouse:\/\/127\.0\.0\.1\/_db\.t_1: ClickHouse server unreachable \(connect ECONNREFUSED 127\.0\.0\.1:8123\)$/,
    )
  })

  it("a server that answers with an error keeps only the error's first line", async () => {
    const server: Server = createServer((_, response) => {
      response.writeHead(500, { "Content-Type": "text/plain" })
      response.end("Code: 516. first line of the refusal\nsecond line\n")
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    try {
      await expect(openClickHouseLog(`clickhouse://127.0.0.1:${port}/db.t`)).rejects.toThrow(
        `clickhouse://127.0.0.1:${port}/db.t: ClickHouse server unreachable (Code: 516. first line of the refusal)`,
      )
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
  it("close ends the kept-alive connection at once (the client would keep an idle socket 2.5 s)", async () => {
    let open = 0
    const server: Server = createServer((_, response) => {
      response.writeHead(200, { "Content-Type": "application/json" })
      response.end('{"meta":[],"data":[["7", 0.5]],"rows":1}')
    })
    server.on("connection", (socket) => {
      open++
      socket.on("close", () => open--)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    try {
      const engine = await ClickHouseEngine.open(`http://127.0.0.1:${port}`)
      expect(await engine.queryRows("SELECT 7, 0.5")).toEqual([[7, 0.5]])
      expect(open).toBe(1)
      const start = Date.now()
      await engine.close()
      while (open > 0 && Date.now() - start < 1000) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(open).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe.skipIf(binary === undefined)("ClickHouseEngine on a server", () => {
  let servers: ClickHouseServer[] = []
  let root = ""
  let url = ""

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "il-clickhouse-engine-"))
    servers = await startTwoServers(binary as string, root, BASE_PORT)
    url = `http://127.0.0.1:${servers[0].httpPort}`
    const client = createClient({ url })
    await client.command({ query: "CREATE DATABASE IF NOT EXISTS lab" })
    await client.command({ query: "CREATE TABLE lab.ids (id UInt64, k Int32, x Float64) ENGINE = Log" })
    await client.command({
      query: "INSERT INTO lab.ids SELECT number, toInt32(number % 5), number / 4 FROM system.numbers LIMIT 10000",
    })
    await client.close()
  }, 120_000)

  afterAll(async () => {
    await stopServers(servers)
    rmSync(root, { recursive: true, force: true })
  })

  it("opens database.table on the given port, with the database as the default for unqualified names", async () => {
    const { engine, table } = await openClickHouseLog(`clickhouse://127.0.0.1:${servers[0].httpPort}/lab.ids`)
    try {
      expect(table).toBe("lab.ids")
      expect(engine.name).toBe(url)
      expect(engine.doubleType).toBe("Float64")
      expect(engine.arrayAt(["1", "2"], "i")).toBe("[1, 2][i + 1]")
      expect(await engine.columns("ids")).toEqual(["id", "k", "x"])
      expect(await engine.queryRows("SELECT count(*), toUInt64(7), 1.5, [10, 20, 30][1 + 1] FROM ids")).toEqual([
        [10000, 7, 1.5, 20],
      ])
      // the progress headers that keep a long query's connection alive through a proxy
      const settings = "name IN ('send_progress_in_http_headers', 'http_headers_progress_interval_ms')"
      expect(
        await engine.queryRows(`SELECT toUInt64(value) FROM system.settings WHERE ${settings} ORDER BY name`),
      ).toEqual([[50000], [1]])
    } finally {
      await engine.close()
    }
  })

  it("samples every row in order when the table is small, else about n rows by a seeded hash", async () => {
    const engine = await ClickHouseEngine.open(url)
    try {
      const all = await engine.sampleRows("lab.ids", ["id", "x"], 10_000, 3, 10_000)
      expect(all.length).toBe(10_000)
      expect(all[6]).toEqual([6, 1.5])
      expect(all.every((row, i) => row[0] === i)).toBe(true)
      const sample = await engine.sampleRows("lab.ids", ["id", "k"], 1000, 3, 10_000)
      expect(sample.length).toBeGreaterThan(850)
      expect(sample.length).toBeLessThanOrEqual(1000)
      expect(new Set(sample.map((r) => r[0])).size).toBe(sample.length)
      expect(sample.every(([id, k]) => k === id % 5)).toBe(true)
      expect(await engine.sampleRows("lab.ids", ["id", "k"], 1000, 3, 10_000)).toEqual(sample)
      const other = await engine.sampleRows("lab.ids", ["id", "k"], 1000, 4, 10_000)
      expect(other.map((r) => r[0])).not.toEqual(sample.map((r) => r[0]))
      expect((await engine.sampleRows("lab.ids", ["id"], 100, 3, 1000)).length).toBe(100)
      // five distinct contents of 2,000 rows: the rate keeps whole contents or none, so the 1,000 rows of smallest hash
      const few = await engine.sampleRows("lab.ids", ["k"], 1000, 3, 10_000)
      expect(few.length).toBe(1000)
      expect(new Set(few.map((r) => r[0])).size).toBe(1)
    } finally {
      await engine.close()
    }
  })
})
