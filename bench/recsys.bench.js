// Timing targets for the recommenders (2-core machine). Prints rates and ratios, not pass/fail.
// Reference numbers were measured by hand on this machine with Debian's numpy 1.24.2 / scikit-learn
// (scripts in the comments beside each); `implicit` is not installable here (no PyPI), so its
// algorithm was timed as a numpy re-implementation of the same CG sweep.
const L = require("../dist")
// CPU seconds measured by hand on this 2-core machine (single-threaded BLAS) with /tmp/ref/bench_ref.py-style numpy code
// on data of the same shapes (numpy 1.24.2, scipy 1.10): item cosine via sparse XᵀX densified + argpartition 3.67 s;
// implicit ALS, the CG sweep of implicit's least_squares_cg written with numpy per row: 1.60 s for 2 iterations (× 5);
// Funk-SVD as a Python loop with numpy vectors (Surprise's update order): 1.06 s per epoch (× 20).
const REF = { itemCosine: 3.67, als: 1.6 * 5, sgd: 1.06 * 20 }

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

function report(label, t, target, reference, referenceLabel) {
  const parts = [
    `${label.padEnd(56)} ${t.seconds.toFixed(2).padStart(6)} s wall, ${t.cpu.toFixed(2).padStart(6)} s CPU (target < ${target} s)`,
  ]
  if (reference)
    parts.push(`  ${referenceLabel} ${reference.toFixed(2)} s → ${(t.cpu / reference).toFixed(2)}× its time`)
  console.log(parts.join(""))
}

const big = implicitData(10_000, 5_000, 500_000, 1)
console.log(`implicit data: ${big.nUsers} users × ${big.nItems} items, ${big.items.length} distinct interactions`)

const knn = time(() => new L.ItemKnn({ neighbours: 20, shrinkage: 10 }).fit(big))
report(
  "item-kNN cosine, top-20 neighbours, 5,000 items",
  knn,
  3,
  REF.itemCosine,
  "numpy/scipy sparse XᵀX + argpartition:",
)

const als = time(() => new L.ImplicitAls({ factors: 64, iterations: 10 }).fit(big, L.createRng(2)))
report("implicit ALS 64 factors × 10 iterations (CG 3 steps)", als, 15, REF.als, "numpy CG sweep:")

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
{
  const svd = time(() => new L.FunkSvd({ factors: 50, epochs: 20 }).fit(ratings, L.createRng(4)))
  report(
    `Funk-SVD SGD ${ratings.items.length} ratings × 20 epochs × 50 factors`,
    svd,
    1,
    REF.sgd,
    "Python loop with numpy vectors:",
  )
}
