import { requireOptional } from "../../config/optional-package"
import { hashedSample } from "./hashed-sample"
import type { SqlEngine } from "./sql-engine"

interface DuckDbConnectionLike {
  runAndReadAll(sql: string): Promise<{ columnNames(): string[]; getRowsJS(): unknown[][] }>
  closeSync(): void
}

/**
 * DuckDB (`@duckdb/node-api`, embedded, out-of-core) as an `SqlEngine`. Opens an in-memory
 * database, or a `.duckdb` file read-only; Parquet and CSV files are read where they lie
 * (`read_parquet`, `read_csv`), streamed in parallel, never loaded whole.
 * @example const engine = await DuckDbEngine.open(); await engine.queryRows("SELECT 1")
 */
export class DuckDbEngine implements SqlEngine {
  arrayAt(values: readonly string[], index: string): string {
    return `[${values.join(", ")}][${index} + 1]`
  }

  readonly doubleType = "DOUBLE"
  private constructor(
    readonly name: string,
    private readonly connection: DuckDbConnectionLike,
    private readonly closeInstance: () => void,
  ) {}

  /** Opens DuckDB on `database` (a .duckdb file, read-only) or in memory; `memoryLimit` like "512MB". */
  static async open(
    database?: string,
    options: { memoryLimit?: string; threads?: number } = {},
  ): Promise<DuckDbEngine> {
    const { DuckDBInstance } = requireOptional<typeof import("@duckdb/node-api")>("@duckdb/node-api", "DuckDbEngine")
    const config: Record<string, string> = {}
    if (database !== undefined) config.access_mode = "READ_ONLY"
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit
    if (options.threads !== undefined) config.threads = String(options.threads)
    const instance = await DuckDBInstance.create(database ?? ":memory:", config)
    const connection = await instance.connect()
    return new DuckDbEngine(database ?? "duckdb (in memory)", connection, () => instance.closeSync())
  }

  async columns(table: string): Promise<string[]> {
    const reader = await this.connection.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`)
    return reader.columnNames()
  }

  async queryRows(sql: string): Promise<number[][]> {
    const reader = await this.connection.runAndReadAll(sql)
    return reader.getRowsJS().map((row) => row.map(Number))
  }

  /** Raw statements (CREATE, COPY …). */
  async run(sql: string): Promise<void> {
    await this.connection.runAndReadAll(sql)
  }

  async sampleRows(
    table: string,
    columns: readonly string[],
    n: number,
    seed: number,
    rows: number,
  ): Promise<number[][]> {
    const select = `SELECT ${columns.map((c) => `CAST(${c} AS DOUBLE)`).join(", ")} FROM ${table}`
    return hashedSample(this, select, `hash(${columns.join(", ")}, ${seed})`, n, rows)
  }

  async close(): Promise<void> {
    this.connection.closeSync()
    this.closeInstance()
  }
}
