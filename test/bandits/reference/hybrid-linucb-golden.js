"use strict"
// The seeded run of test/bandits/hybrid-kernel.test.ts ("the implementation before the kernel"), on
// a built tree: `node test/bandits/reference/hybrid-linucb-golden.js DIST_DIR`. Prints, for each
// (K, d, factors), the SHA-256 of every step's index bits, the pick and the final β̂. Run by hand on
// the build of commit 82d4f3d (npm run build, then this script on its dist/) to record the digests.
const { createHash } = require("node:crypto")
const path = require("node:path")
const L = require(path.resolve(process.argv[2] ?? "dist"))

function run(K, d, f, steps) {
  const users = 40
  const env = L.createRng(31)
  const rows = []
  for (let i = 0; i < 400; i++) rows.push([i % users, Math.floor(env.next() * K), env.next() < 0.3 ? 1 : 0])
  const history = {
    nUsers: users,
    nArms: K,
    user: Int32Array.from(rows, (r) => r[0]),
    arm: Int32Array.from(rows, (r) => r[1]),
    reward: Float64Array.from(rows, (r) => r[2]),
    propensity: new Float64Array(rows.length).fill(1 / K),
  }
  const p = new L.HybridLinUcb({ arms: K, dimension: d, users, factors: f, alpha: 0.8 })
  p.warmStart(history, L.createRng(32))
  const rng = L.createRng(33)
  const hash = createHash("sha256")
  const index = new Float64Array(K)
  for (let t = 0; t < steps; t++) {
    const x = Float64Array.from({ length: d }, (_, i) => (i === 0 ? 1 : env.next() - 0.5))
    const context = { user: t % users, features: x }
    p.indices(context, index)
    hash.update(new Uint8Array(index.buffer))
    const arm = p.select(context, rng)
    hash.update(Int32Array.of(arm))
    p.update(arm, env.next() < 0.1 + 0.05 * (arm % 5) ? 1 : 0, context)
  }
  hash.update(new Uint8Array(Float64Array.from(p.beta).buffer))
  return hash.digest("hex")
}

for (const [K, d, f] of [
  [50, 20, 4],
  [7, 5, 0],
  [3, 1, 2],
])
  console.log(K, d, f, run(K, d, f, 1500))
