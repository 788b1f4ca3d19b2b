// Off-policy evaluation in SQL (DuckDB) on a generated Parquet log bigger than memory is
// comfortable with, beside the in-memory path on the same 10-million-row log: wall time and peak
// RSS of each path in its own process. Sizes: SQL_BENCH_ROWS (default 100,000,000) for the SQL
// path, SQL_BENCH_MEMORY_ROWS (default 10,000,000) for the comparison. Acceptance: the big log in
// under 60 s with peak RSS under 1 GB. Run: npm run build && node bench/sql.bench.js
const { spawnSync } = require("node:child_process")
const { mkdtempSync, rmSync, statSync } = require("node:fs")
const { tmpdir } = require("node:os")
const { join } = require("node:path")
const L = require("../dist")

const K = 20
const POSITIONS = 3
const ESTIMATORS = ["ipw", "snipw", "dm", "dr", "sndr", "switch-dr", "ipw-clip", "dros"]

/**
 * The log as SQL over range(n): deterministic hash-based uniforms, a uniform logger over K items,
 * a click with probability examination(pos) · attraction(a) · (1 + 0.3 x) (as bench/ope.bench.js).
 */
function logSql(n) {
  const u = (salt) => `((hash(i, ${salt}) % 1000000007) / 1000000007.0)`
  return `SELECT action, position, CAST(${u(3)} < (1.0 / (1 + position)) * (0.02 + 0.004 * action) * (1 + 0.3 * x) AS INTEGER) AS click, ${1 / K} AS propensity, x
    FROM (SELECT i, CAST(hash(i, 1) % ${K} AS INTEGER) AS action, CAST(hash(i, 2) % ${POSITIONS} AS INTEGER) AS position, round(${u(4)} * 2 - 1, 3) AS x FROM range(${n}) t(i))`
}

function target() {
  const probs = new Float64Array(POSITIONS * K)
  for (let p = 0; p < POSITIONS; p++) for (let a = 0; a < K; a++) probs[p * K + a] = (a + 1) / ((K * (K + 1)) / 2)
  return new L.ContextFreeTarget("linear preference", K, POSITIONS, probs)
}

async function child(mode, path) {
  const t = process.hrtime.bigint()
  let result
  if (mode === "sql") {
    const engine = await L.DuckDbEngine.open(undefined, { memoryLimit: "600MB" })
    result = await L.evaluateOffPolicySql(engine, `read_parquet('${path}')`, target(), {
      estimators: ESTIMATORS,
      rewardModel: "ridge",
      sampleSize: 200000,
      where: path,
    })
    await engine.close()
  } else {
    const log = await L.loadBanditCsv(path, { positions: POSITIONS, actions: K })
    result = L.evaluateOffPolicy(log, target(), {
      estimators: ESTIMATORS,
      rng: L.createRng(1),
      resamples: 0,
      rewardModel: "ridge",
    })
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9
  const rssMiB = process.resourceUsage().maxRSS / 1024
  console.log(
    JSON.stringify({
      seconds,
      rssMiB,
      rows: result.rows,
      ipw: result.estimates.ipw.value,
      dr: result.estimates.dr.value,
    }),
  )
}

function measure(mode, path) {
  const r = spawnSync(process.execPath, [__filename, mode, path], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout.trim().split("\n").pop())
}

async function main() {
  const big = Number(process.env.SQL_BENCH_ROWS ?? 100_000_000)
  const small = Number(process.env.SQL_BENCH_MEMORY_ROWS ?? 10_000_000)
  const dir = mkdtempSync(join(tmpdir(), "sql-bench-"))
  try {
    const engine = await L.DuckDbEngine.open(undefined, { memoryLimit: "600MB" })
    const files = { big: join(dir, "big.parquet"), small: join(dir, "small.parquet"), csv: join(dir, "small.csv") }
    const t = process.hrtime.bigint()
    await engine.run(`COPY (${logSql(big)}) TO '${files.big}' (FORMAT parquet)`)
    console.log(
      `generated ${big.toLocaleString("en")} rows of Parquet (${(statSync(files.big).size / 2 ** 20).toFixed(0)} MiB) in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`,
    )
    await engine.run(`COPY (${logSql(small)}) TO '${files.small}' (FORMAT parquet)`)
    await engine.run(`COPY (SELECT * FROM read_parquet('${files.small}')) TO '${files.csv}' (FORMAT csv, HEADER)`)
    await engine.close()
    const rows = [
      ["SQL (DuckDB), Parquet", big, measure("sql", files.big)],
      ["SQL (DuckDB), Parquet", small, measure("sql", files.small)],
      ["in memory, CSV", small, measure("memory", files.csv)],
    ]
    console.log(
      `${"path".padEnd(24)} ${"rows".padStart(13)} ${"seconds".padStart(8)} ${"peak RSS".padStart(10)}   IPW, DR (${ESTIMATORS.length} estimators)`,
    )
    for (const [name, n, m] of rows)
      console.log(
        `${name.padEnd(24)} ${n.toLocaleString("en").padStart(13)} ${m.seconds.toFixed(1).padStart(8)} ${`${m.rssMiB.toFixed(0)} MiB`.padStart(10)}   ${m.ipw.toPrecision(6)}, ${m.dr.toPrecision(6)}`,
      )
    const [, , bigRun] = rows[0]
    console.log(
      `acceptance (${big.toLocaleString("en")} rows < 60 s, peak RSS < 1 GiB): ${bigRun.seconds < 60 && bigRun.rssMiB < 1024 ? "met" : "NOT met"}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === "sql" || process.argv[2] === "memory") child(process.argv[2], process.argv[3])
else main()
