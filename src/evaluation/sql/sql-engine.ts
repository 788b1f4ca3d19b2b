/**
 * The one interface of an SQL engine that runs compiled estimators where the log lives
 * (DuckDB embedded, ClickHouse over HTTP). Every answer is numbers: aggregates are cast to
 * DOUBLE in the SQL so no engine-specific integer types reach the caller.
 */
export interface SqlEngine {
  /** For messages: the file or URL. */
  readonly name: string
  /** The dialect's 64-bit float type for CASTs: "DOUBLE" (DuckDB, Trino, Spark), "Float64" (ClickHouse). */
  readonly doubleType: string
  /** The dialect's constant-array lookup, 0-based `index` (DuckDB and ClickHouse: `[…][index + 1]`). */
  arrayAt(values: readonly string[], index: string): string
  /** The log table's column names, in order. */
  columns(table: string): Promise<string[]>
  /** All rows of a query whose columns are all numeric. */
  queryRows(sql: string): Promise<number[][]>
  /**
   * About n of the table's `rows` rows of `columns` (SQL expressions): all of them, in the
   * table's order, when rows ≤ n; otherwise those whose hash of (values, seed) falls under the
   * sampling rate — deterministic, parallel, one scan, no reservoir (hashed-sample.ts: logs of
   * few distinct rows).
   */
  sampleRows(table: string, columns: readonly string[], n: number, seed: number, rows: number): Promise<number[][]>
  close(): Promise<void>
}

/** A log that an SQL engine reads where it lies. */
export interface SqlLogSource {
  engine: SqlEngine
  /** The table expression to select from. */
  table: string
}
