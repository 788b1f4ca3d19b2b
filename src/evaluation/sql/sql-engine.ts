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
  /** The log table's column names, in order. */
  columns(table: string): Promise<string[]>
  /** All rows of a query whose columns are all numeric. */
  queryRows(sql: string): Promise<number[][]>
  /**
   * Up to n rows of `columns` (SQL expressions), a seeded sample when the table is larger
   * (engine-specific sampling), in the table's order when it is not.
   */
  sampleRows(table: string, columns: readonly string[], n: number, seed: number): Promise<number[][]>
  close(): Promise<void>
}
