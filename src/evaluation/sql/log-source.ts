import { DuckDbEngine } from "./duckdb-engine"
import type { SqlLogSource } from "./sql-engine"

/** True for the logs `openSqlLog` reads (Parquet, DuckDB databases, ClickHouse URLs). */
export function isSqlLog(spec: string): boolean {
  return /\.(parquet|duckdb)$/i.test(spec) || spec.startsWith("clickhouse://")
}

/**
 * Opens a log for the SQL path: `file.parquet` (DuckDB `read_parquet`), `file.csv` /
 * `file.csv.gz` (DuckDB `read_csv`, header row), `file.duckdb` (its table `log`, read-only), or
 * `clickhouse://HOST:PORT/db.table` (through `openClickHouseLog`).
 * @example const { engine, table } = await openSqlLog("logs/2026-12.parquet")
 */
export async function openSqlLog(spec: string, options: { memoryLimit?: string } = {}): Promise<SqlLogSource> {
  const literal = (path: string): string => `'${path.replace(/'/g, "''")}'`
  if (spec.startsWith("clickhouse://")) {
    const { openClickHouseLog } = await import("./clickhouse-engine")
    return openClickHouseLog(spec)
  }
  if (/\.duckdb$/i.test(spec)) return { engine: await DuckDbEngine.open(spec, options), table: "log" }
  const engine = await DuckDbEngine.open(undefined, options)
  if (/\.parquet$/i.test(spec)) return { engine, table: `read_parquet(${literal(spec)})` }
  if (/\.csv(\.gz)?$/i.test(spec)) return { engine, table: `read_csv(${literal(spec)}, header = true)` }
  await engine.close()
  throw new Error(
    `${spec}: not a log the SQL path reads (allowed: .parquet, .csv, .csv.gz, .duckdb, clickhouse://HOST:PORT/db.table)`,
  )
}
