"use strict"
// Behaviour and text models: TF-IDF on 50,000 product descriptions (target < 3 s),
// k-means, logistic regression and frequent itemsets, each beside the same work done by
// scikit-learn (Debian python3-sklearn) on identical data, in the same run where /usr/bin/python3
// has it (bench/behavior_sklearn.py, best of 3); else beside the figures recorded by hand on
// 2026-11-23 on the older machine, and the line says so. `--dump DIR` writes the data and exits.
const { writeFileSync } = require("node:fs")
const { join } = require("node:path")
const L = require("../dist")
const { bestOf, dumpIfAsked, pythonPeer, report } = require("./util")

// scikit-learn 1.2.1 seconds, recorded by hand with bench/behavior_sklearn.py (best of 3), 2026-11-23.
const RECORDED = {
  tfidfEnRaw: 0.451, // TfidfVectorizer() on the raw English text (its own regex tokenizer)
  tfidfZhTokens: 0.308, // TfidfVectorizer(analyzer=identity) on our Chinese tokens
  kmeans: 0.082, // KMeans(n_clusters=10, init=X[:10], n_init=1, max_iter=50, tol=0, algorithm="lloyd"), 2 threads
  logistic: 0.856, // LogisticRegression(C=1, tol=1e-4, max_iter=1000), lbfgs, multinomial
}

const world = L.generateWorld({ users: 10, items: 50_000, seed: 1 })
const en = world.catalog.descriptionEn
const zh = world.catalog.descriptionZh

// Blobs for k-means and logistic regression: 20,000 points, 16 dimensions, 10 centres.
const rng = L.createRng(2026, 5)
const n = 20_000
const d = 16
const k = 10
const centres = Array.from({ length: k * d }, () => L.normal(rng, 0, 3))
const X = new Float64Array(n * d)
const y = new Int32Array(n)
for (let i = 0; i < n; i++) {
  const c = i % k
  y[i] = c % 5
  for (let j = 0; j < d; j++) X[i * d + j] = centres[c * d + j] + L.normal(rng, 0, 2)
}
const points = L.fromRowMajor(X, n, d)
const init = L.fromRowMajor(X.slice(0, k * d), k, d) // the first k points

function write(dir) {
  writeFileSync(join(dir, "en.txt"), en.join("\n"))
  const tok = new L.Tokenizer()
  writeFileSync(join(dir, "zh-tokens.json"), JSON.stringify(zh.map((s) => tok.tokenize(s))))
  writeFileSync(join(dir, "X.f64"), Buffer.from(X.buffer))
  writeFileSync(join(dir, "y.i32"), Buffer.from(y.buffer))
}
dumpIfAsked(write)

const measured = pythonPeer("behavior_sklearn.py", write)
const SKLEARN = measured ?? RECORDED
if (!measured) console.log("scikit-learn not available to /usr/bin/python3: the peer figures are the recorded ones")
const ratio = (ours, ref) =>
  `scikit-learn (${measured ? "now" : "recorded 2026-11-23, older machine"}) ${ref.toFixed(3)} s: ours ${(ref / ours).toFixed(2)}× its speed`

let nnz = 0
const tEn = bestOf(() => {
  nnz = new L.TfidfVectorizer().fitTransform(en).data.length
}, 3)
report(
  `TF-IDF, 50,000 English descriptions from raw text (${nnz} nnz)`,
  tEn.toFixed(3),
  "s",
  `target < 3 s; ${ratio(tEn, SKLEARN.tfidfEnRaw)}`,
)
const tZh = bestOf(() => {
  nnz = new L.TfidfVectorizer().fitTransform(zh).data.length
}, 3)
report(
  "TF-IDF, 50,000 Chinese descriptions, Intl.Segmenter",
  tZh.toFixed(3),
  "s",
  "target < 3 s (scikit-learn has no Chinese segmenter)",
)
const tok = new L.Tokenizer()
const zhTokens = zh.map((s) => tok.tokenize(s))
const tZhTok = bestOf(() => {
  new L.TfidfVectorizer().fitTransform(zhTokens)
}, 3)
report(
  "TF-IDF, 50,000 Chinese descriptions, pre-tokenised",
  tZhTok.toFixed(3),
  "s",
  ratio(tZhTok, SKLEARN.tfidfZhTokens),
)

let iters = 0
const tKm = bestOf(() => {
  iters = new L.KMeans({ k, init, maxIter: 50, tol: 0 }).fit(points).nIter
}, 3)
report(
  `k-means Lloyd, 20,000 × 16, k = 10, given centres (${iters} iterations)`,
  tKm.toFixed(3),
  "s",
  ratio(tKm, SKLEARN.kmeans),
)
const tKmpp = bestOf(() => {
  new L.KMeans({ k, nInit: 10 }).fit(points, L.createRng(1))
}, 1)
report("k-means++ with 10 restarts, 20,000 × 16, k = 10", tKmpp.toFixed(3), "s")

let lrIter = 0
const tLr = bestOf(() => {
  lrIter = new L.LogisticRegression({ C: 1, tol: 1e-4 }).fit(points, y).nIter
}, 3)
report(
  `multinomial logistic regression, 20,000 × 16, 5 classes (${lrIter} it.)`,
  tLr.toFixed(3),
  "s",
  ratio(tLr, SKLEARN.logistic),
)

const names = Array.from(world.catalog.category.slice(0, 5000), (c) => c)
const baskets = Array.from({ length: 20_000 }, (_, b) => {
  const size = 1 + (b % 6)
  return Array.from(
    { length: size },
    (_, j) => names[(b * 7 + j * 131 + ((b * j) % 17)) % names.length] * 10 + ((b + j) % 10),
  )
})
let sets = 0
const tAp = bestOf(() => {
  sets = L.apriori(baskets, { minSupport: 0.002 }).length
}, 3)
const tFp = bestOf(() => {
  L.fpGrowth(baskets, { minSupport: 0.002 })
}, 3)
report(`Apriori, 20,000 baskets, min support 0.2% (${sets} itemsets)`, tAp.toFixed(3), "s")
report("FP-growth, same baskets", tFp.toFixed(3), "s", `Apriori / FP-growth = ${(tAp / tFp).toFixed(2)}`)
