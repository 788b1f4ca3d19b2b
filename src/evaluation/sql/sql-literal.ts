/**
 * A double as an SQL literal that every engine reads as a DOUBLE and back to the same bits:
 * scientific notation with the shortest round-trip digits (`1.25e-1`). A plain `0.125` would be
 * a DECIMAL in DuckDB, Spark and Trino.
 * @example sqlNumber(0.1) // "1e-1"
 * @internal
 */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`sqlNumber: ${x} has no SQL literal`)
  return x.toExponential()
}

/**
 * An identifier quoted for SQL (double quotes; ClickHouse, DuckDB, Trino and Spark with ANSI quoting).
 * @example sqlIdentifier("user-item_affinity_0") // "\"user-item_affinity_0\""
 * @internal
 */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
