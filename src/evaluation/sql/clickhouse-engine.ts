import { requireOptional } from "../../config/optional-package"
import { hashedSample } from "./hashed-sample"
import type { SqlEngine, SqlLogSource } from "./sql-engine"

interface ClickHouseClientLike {
  query(params: { query: string; format: "JSONCompact" }): Promise<{ json(): Promise<unknown> }>
  close(): Promise<void>
}

/**
 * ClickHouse as an `SqlEngine`, through the official `@clickhouse/client` over HTTP. The
 * compiled query runs on the server; on a `Distributed` table each shard aggregates its part
 * and the initiator adds the sums, which is all the estimators need. Numbers travel as JSON
 * (ClickHouse prints Float64 with round-trip digits).
 * @example const engine = await ClickHouseEngine.open("http://127.0.0.1:8123")
 */
export class ClickHouseEngine implements SqlEngine {
  arrayAt(values: readonly string[], index: string): string {
    return `[${values.join(", ")}][${index} + 1]`
  }

  readonly doubleType = "Float64"

  private constructor(
    readonly name: string,
    private readonly client: ClickHouseClientLike,
  ) {}

  static async open(url: string, options: { database?: string } = {}): Promise<ClickHouseEngine> {
    const { createClient } = requireOptional<typeof import("@clickhouse/client")>(
      "@clickhouse/client",
      "ClickHouseEngine",
    )
    // A query over a large log may run for minutes: the server sends a progress header every
    // 50 s, so a proxy's idle timeout in between does not cut the connection.
    const client = createClient({
      url,
      database: options.database,
      request_timeout: 600_000,
      clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: "50000" },
    })
    return new ClickHouseEngine(url, client)
  }

  async columns(table: string): Promise<string[]> {
    const result = await this.client.query({ query: `DESCRIBE TABLE ${table}`, format: "JSONCompact" })
    const { data } = (await result.json()) as { data: unknown[][] }
    return data.map((row) => String(row[0]))
  }

  async queryRows(sql: string): Promise<number[][]> {
    const result = await this.client.query({ query: sql, format: "JSONCompact" })
    const { data } = (await result.json()) as { data: unknown[][] }
    return data.map((row) => row.map(Number))
  }

  async sampleRows(
    table: string,
    columns: readonly string[],
    n: number,
    seed: number,
    rows: number,
  ): Promise<number[][]> {
    const select = `SELECT ${columns.map((c) => `CAST(${c} AS Float64)`).join(", ")} FROM ${table}`
    return hashedSample(this, select, `cityHash64(${columns.join(", ")}, ${seed})`, n, rows)
  }

  async close(): Promise<void> {
    await this.client.close()
  }
}

/**
 * Opens `clickhouse://HOST:PORT/db.table` (PORT the HTTP port, 8123 by default). An unreachable
 * server is one line naming the URL.
 * @example const { engine, table } = await openClickHouseLog("clickhouse://127.0.0.1:8123/logs.bandit")
 */
export async function openClickHouseLog(spec: string): Promise<SqlLogSource> {
  const m = /^clickhouse:\/\/([^/:]+)(?::(\d+))?\/([A-Za-z_][\w]*)\.([A-Za-z_][\w]*)$/.exec(spec)
  if (m === null) throw new Error(`${spec}: expected clickhouse://HOST:PORT/database.table`)
  const [, host, port, database, table] = m
  const engine = await ClickHouseEngine.open(`http://${host}:${port ?? "8123"}`, { database })
  try {
    await engine.queryRows("SELECT 1")
  } catch (error) {
    await engine.close()
    throw new Error(
      `${spec}: ClickHouse server unreachable (${((error as Error).message || String(error)).split("\n")[0]})`,
    )
  }
  return { engine, table: `${database}.${table}` }
}
