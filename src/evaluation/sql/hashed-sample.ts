import type { SqlEngine } from "./sql-engine"

/**
 * The sample of {@link SqlEngine.sampleRows}: every row of `select` when the table has at most n
 * rows, else the rows whose `hash` (an SQL hash of the row's values and the seed) falls under
 * the rate n/rows, at most n. Identical rows hash alike, so all of them are in or all out: a
 * log of few distinct rows can leave that sample nearly empty (25,000 rows of 42 contents at n
 * = 500 gave none). Below n/2 rows, the n rows of smallest hash are taken instead, duplicates
 * included; on logs of many distinct rows that never happens (the count is binomial around n).
 * @example await hashedSample(engine, "SELECT a FROM t", "hash(a, 1)", 500, 25_000)
 */
export async function hashedSample(
  engine: Pick<SqlEngine, "queryRows">,
  select: string,
  hash: string,
  n: number,
  rows: number,
): Promise<number[][]> {
  if (rows <= n) return engine.queryRows(select)
  const sample = await engine.queryRows(`${select} WHERE ${hash} % 1000000 < ${Math.ceil((n / rows) * 1e6)} LIMIT ${n}`)
  if (sample.length >= n / 2) return sample
  return engine.queryRows(`${select} ORDER BY ${hash} LIMIT ${n}`)
}
