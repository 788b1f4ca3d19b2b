"use strict"
// The dense kernel on EASE^R's Gram matrix of Online Retail (3,394 items): the SPD inverse
// by the blocked WebAssembly SIMD kernel, beside numpy.linalg.inv (OpenBLAS) on the same matrix,
// measured in the same run when /usr/bin/python3 has numpy.
const { spawnSync } = require("node:child_process")
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs")
const { tmpdir } = require("node:os")
const { join } = require("node:path")
const L = require("../dist")
const { report } = require("./util")

/** G = XᵀX + λI of the binary train matrix, as Ease.fit builds it. */
function gram(train, lambda) {
  const n = train.nItems
  const g = new Float64Array(n * n)
  for (let u = 0; u < train.nUsers; u++) {
    for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) {
      const ri = train.items[p] * n
      for (let q = train.indptr[u]; q < train.indptr[u + 1]; q++) g[ri + train.items[q]] += 1
    }
  }
  for (let i = 0; i < n; i++) g[i * n + i] += lambda
  return g
}

function numpyInverseSeconds(g, n, repeats) {
  const dir = mkdtempSync(join(tmpdir(), "interest-lab-linalg-"))
  try {
    const file = join(dir, "gram.f64")
    writeFileSync(file, new Uint8Array(g.buffer, g.byteOffset, g.byteLength))
    const env = { ...process.env }
    delete env.OPENBLAS_CORETYPE
    delete env.OPENBLAS_L2_SIZE
    const r = spawnSync("/usr/bin/python3", [join(__dirname, "numpy_inverse.py"), file, String(n), String(repeats)], {
      env,
      encoding: "utf8",
    })
    return r.status === 0 ? Number(r.stdout.trim()) : null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const data = L.retailBenchmarkData(L.cleanRetail(await L.loadOnlineRetail()), "2011-09-01")
  const n = data.train.nItems
  const g = gram(data.train, 500)
  const repeats = 2
  let best = Infinity
  let bestCpu = Infinity
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    L.spdInverseBlocked(g, n)
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9)
    const c = process.cpuUsage(c0)
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6)
  }
  const t1 = process.hrtime.bigint()
  L.spdInverseBlocked(g, n, { workers: 0 })
  const alone = Number(process.hrtime.bigint() - t1) / 1e9
  const numpy = numpyInverseSeconds(g, n, repeats)
  const peer =
    numpy === null
      ? "numpy not available: recorded 1.5–1.9 s (OpenBLAS, this machine idle, 2026-12-06)"
      : `numpy.linalg.inv ${numpy.toFixed(2)} s → ${(best / numpy).toFixed(2)}× its time (target ≤ 3×)`
  report(`EASE Gram inverse, ${n} items (best of ${repeats})`, best.toFixed(2), "s", peer)
  report(
    "  its CPU time (user + system)",
    bestCpu.toFixed(2),
    "s",
    `load average now ${require("node:os").loadavg()[0].toFixed(1)}`,
  )
  report(
    "  the same on this thread alone (workers: 0)",
    alone.toFixed(2),
    "s",
    `the default uses min(3, cores − 1) = ${Math.min(3, require("node:os").availableParallelism() - 1)} worker thread(s)`,
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
