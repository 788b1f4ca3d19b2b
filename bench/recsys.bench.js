// Timing targets for the recommenders (2-core machine). Prints rates and ratios, not pass/fail.
// The peer runs in the same run where /usr/bin/python3 has numpy and scipy (Debian python3-numpy,
// python3-scipy): bench/recsys_numpy.py on the same data, in CPU seconds. `implicit` is not
// installable here (no PyPI), so its algorithm is timed as a numpy re-implementation of the same
// CG sweep. Without them the bench prints the figures recorded by hand on 2026-11-23 on the older
// machine, and says so. `--dump DIR` writes the data and exits.
const { writeFileSync } = require("node:fs")
const { join } = require("node:path")
const L = require("../dist")
const { dumpIfAsked, pythonPeer } = require("./util")
// Recorded 2026-11-23 (numpy 1.24.2, scipy 1.10, single-threaded BLAS, CPU seconds): item cosine 3.67 s;
// implicit ALS 1.60 s for 2 iterations (× 5); Funk-SVD 1.06 s per epoch (× 20).
const RECORDED = { itemCosine: 3.67, als: 1.6 * 5, sgd: 1.06 * 20 }

/** Wall-clock and CPU seconds of fn(): on a shared machine CPU time is the fairer number. */
function time(fn) {
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  const out = fn()
  const c = process.cpuUsage(c0)
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6, out }
}

/** nnz distinct (user, item) pairs (nnz/nUsers per user), items Zipf(0.8)-popular. */
function implicitData(nUsers, nItems, nnz, seed) {
  const rng = L.createRng(seed)
  const zipf = new L.AliasTable(L.zipfWeights(nItems, 0.8))
  const perUser = nnz / nUsers
  const users = new Int32Array(nnz)
  const items = new Int32Array(nnz)
  let k = 0
  for (let u = 0; u < nUsers; u++) {
    const seen = new Set()
    while (seen.size < perUser) seen.add(zipf.sample(rng))
    for (const i of seen) {
      users[k] = u
      items[k++] = i
    }
  }
  return L.interactionsFromTriples(nUsers, nItems, users, items)
}

function writeInteractions(dir, prefix, m) {
  for (const key of ["indptr", "items", "values"])
    writeFileSync(join(dir, `${prefix}.${key}`), new Uint8Array(m[key].buffer, m[key].byteOffset, m[key].byteLength))
}

const big = implicitData(10_000, 5_000, 500_000, 1)
const ratings = (() => {
  const rng = L.createRng(3)
  const n = 100_000
  const users = new Int32Array(n)
  const items = new Int32Array(n)
  const values = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    users[k] = L.randomInt(rng, 5_000)
    items[k] = L.randomInt(rng, 2_000)
    values[k] = 1 + L.randomInt(rng, 5)
  }
  return L.interactionsFromTriples(5_000, 2_000, users, items, values)
})()
const write = (dir) => {
  writeInteractions(dir, "implicit", big)
  writeInteractions(dir, "ratings", ratings)
}
dumpIfAsked(write)

const measured = pythonPeer("recsys_numpy.py", write)
const REF = measured ?? RECORDED
const when = measured ? "now" : "recorded 2026-11-23, older machine"

function report(label, t, target, reference, referenceLabel) {
  const parts = [
    `${label.padEnd(56)} ${t.seconds.toFixed(2).padStart(6)} s wall, ${t.cpu.toFixed(2).padStart(6)} s CPU (target < ${target} s)`,
  ]
  if (reference)
    parts.push(
      `  ${referenceLabel} (${when}): ${reference.toFixed(2)} s CPU → ${(t.cpu / reference).toFixed(2)}× its time`,
    )
  console.log(parts.join(""))
}

console.log(`implicit data: ${big.nUsers} users × ${big.nItems} items, ${big.items.length} distinct interactions`)
if (!measured) console.log("numpy/scipy not available to /usr/bin/python3: the peer figures are the recorded ones")

const knn = time(() => new L.ItemKnn({ neighbours: 20, shrinkage: 10 }).fit(big))
report(
  "item-kNN cosine, top-20 neighbours, 5,000 items",
  knn,
  3,
  REF.itemCosine,
  "numpy/scipy sparse XᵀX + argpartition",
)

const als = time(() => new L.ImplicitAls({ factors: 64, iterations: 10 }).fit(big, L.createRng(2)))
report("implicit ALS 64 factors × 10 iterations (CG 3 steps)", als, 15, REF.als, "numpy CG sweep")

{
  const svd = time(() => new L.FunkSvd({ factors: 50, epochs: 20 }).fit(ratings, L.createRng(4)))
  report(
    `Funk-SVD SGD ${ratings.items.length} ratings × 20 epochs × 50 factors`,
    svd,
    1,
    REF.sgd,
    "Python loop with numpy vectors",
  )
}
