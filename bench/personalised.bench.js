"use strict"
// Personalised policies. Targets: hierarchical Thompson ≥ 2 M decisions/s at 10,000
// users × 50 arms; hybrid LinUCB ≥ 100 k decisions/s at d = 20, K = 50. A decision is one select
// and its update for a user drawn at random, the visit's outcomes drawn beforehand (see `visits`), with
// one context object as the simulator passes. Timed in CPU seconds, best of several rounds, and also
// expressed in rng.next() draws (the unit of bench/bandits.bench.js), which hardly moves with load.
const L = require("../dist")
const { fmtRate } = require("./util")

function cpu(f) {
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  f()
  const c = process.cpuUsage(c0)
  return { cpu: (c.user + c.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9 }
}
function bestOf(f, rounds) {
  f()
  let b = null
  for (let i = 0; i < rounds; i++) {
    if (global.gc) global.gc()
    const m = cpu(f)
    if (!b || m.cpu < b.cpu) b = m
  }
  return b
}

const ROUNDS = 9
const rng0 = L.createRng(1)
// biome-ignore lint/correctness/noUnusedVariables: a sink the compiler cannot drop, so the timed loop runs
let sink = 0
const DRAWS = 10_000_000
const draw = bestOf(() => {
  for (let i = 0; i < DRAWS; i++) sink += rng0.next()
}, ROUNDS)
const drawCpu = draw.cpu / DRAWS
console.log(`rng.next() bare loop: ${fmtRate(DRAWS / draw.cpu)} draws/s CPU (${(drawCpu * 1e9).toFixed(2)} ns)`)

/** A synthetic population: users × arms click rates from Beta(1, 9), a 20-impression uniform history per user. */
function population(users, arms, seed) {
  const rng = L.createRng(seed)
  const rates = new Float64Array(users * arms)
  for (let i = 0; i < rates.length; i++) rates[i] = L.beta(rng, 1, 9)
  const n = users * 20
  const history = {
    nUsers: users,
    nArms: arms,
    user: new Int32Array(n),
    arm: new Int32Array(n),
    reward: new Float64Array(n),
    propensity: new Float64Array(n).fill(1 / arms),
  }
  for (let i = 0; i < n; i++) {
    const u = (i / 20) | 0
    const a = Math.floor(rng.next() * arms)
    history.user[i] = u
    history.arm[i] = a
    history.reward[i] = rng.next() < rates[u * arms + a] ? 1 : 0
  }
  return { rates, history }
}

function line(label, m, n, target) {
  const rate = n / m.cpu
  console.log(
    `${label.padEnd(44)} ${fmtRate(rate).padStart(9)} decisions/s CPU (${(rate / target).toFixed(2)}× target ${fmtRate(target)})  ` +
      `${fmtRate(n / m.wall).padStart(9)} wall   rng draws/decision: ${(m.cpu / n / drawCpu).toFixed(0)}`,
  )
}

/**
 * `n` visits of users drawn uniformly, with every arm's outcome drawn beforehand: bit a of visit i is a
 * click with probability rates[u_i·K + a] (words i·W … i·W + W − 1, W = ⌈K/32⌉). A policy sees only its
 * arm's bit, so this is the environment of one draw per decision, without a random read of the 4 MB rate
 * table after each select (a dependent cache miss that would be timed as the policy's).
 */
function visits(rates, users, arms, n) {
  const env = L.createRng(3)
  const W = Math.ceil(arms / 32)
  const ids = Int32Array.from({ length: n }, () => Math.floor(env.next() * users))
  const clicks = new Int32Array(n * W)
  for (let i = 0; i < n; i++)
    for (let a = 0; a < arms; a++) if (env.next() < rates[ids[i] * arms + a]) clicks[i * W + (a >> 5)] |= 1 << (a & 31)
  return { ids, clicks, W }
}

/**
 * Times `n` decisions of `policy` (select, then update with its arm's outcome) on `visits`; the context
 * of user u from `contextOf(u)`.
 */
function decisions(policy, { ids, clicks, W }, n, contextOf) {
  const rng = L.createRng(2)
  return () => {
    for (let i = 0; i < n; i++) {
      const c = contextOf(ids[i])
      const a = policy.select(c, rng)
      policy.update(a, (clicks[i * W + (a >> 5)] >>> (a & 31)) & 1, c)
    }
  }
}

// Exact Thompson sampling draws two gammas per arm and decision: 2 M decisions/s at 50 arms leaves
// 5 ns per gamma, everything else included. The bare cost of one gamma on this machine, now:
const GAMMAS = 2_000_000
const gamma = bestOf(() => {
  for (let i = 0; i < GAMMAS; i++) sink += L.fastGamma(rng0, 1.5 + (i & 7))
}, ROUNDS)
console.log(
  `fastGamma bare loop: ${((gamma.cpu / GAMMAS) * 1e9).toFixed(2)} ns CPU per gamma; 100 gammas (one exact decision at 50 arms) ` +
    `bound the rate at ${fmtRate(GAMMAS / 100 / gamma.cpu)} decisions/s CPU (${(GAMMAS / 100 / gamma.cpu / 2e6).toFixed(2)}× target 2.00 M)`,
)

{
  const users = 10_000
  const arms = 50
  const { rates, history } = population(users, arms, 4)
  // One context object, its user set at each visit, as the simulator's environments pass theirs.
  const context = { user: 0 }
  const contextOf = (user) => {
    context.user = user
    return context
  }
  const n = 200_000
  const visited = visits(rates, users, arms, n)
  for (const [label, make] of [
    ["hierarchical Thompson 10,000 users × 50 arms", () => new L.HierarchicalThompson({ arms, users })],
    [
      "  the same, approximate: true (Wilson–Hilferty)",
      () => new L.HierarchicalThompson({ arms, users, approximate: true }),
    ],
    [
      "  the same, simd: true (WebAssembly SIMD, f32)",
      () => new L.HierarchicalThompson({ arms, users, approximate: true, simd: true }),
    ],
    [
      "  the same, simd's JavaScript fall-back",
      () => {
        const wasm = globalThis.WebAssembly
        globalThis.WebAssembly = undefined
        const policy = new L.HierarchicalThompson({ arms, users, approximate: true, simd: true })
        globalThis.WebAssembly = wasm
        return policy
      },
    ],
    ["per-user Thompson 10,000 users × 50 arms", () => new L.PerUserThompson({ arms, users })],
  ]) {
    const policy = make()
    policy.warmStart(history, L.createRng(5))
    line(label, bestOf(decisions(policy, visited, n, contextOf), ROUNDS), n, 2e6)
  }
  // The SIMD policy once more in the harness of earlier rounds: a context object per user, and the click drawn
  // after select from the 4 MB rate table (its random read, a cache miss after the decision, timed as the policy's).
  const policy = new L.HierarchicalThompson({ arms, users, approximate: true, simd: true })
  policy.warmStart(history, L.createRng(5))
  const contexts = Array.from({ length: users }, (_, user) => ({ user }))
  const env = L.createRng(6)
  const u01 = Float64Array.from({ length: n }, () => env.next())
  const rng = L.createRng(2)
  const lookedUp = () => {
    for (let i = 0; i < n; i++) {
      const c = contexts[visited.ids[i]]
      const a = policy.select(c, rng)
      policy.update(a, u01[i] < rates[c.user * arms + a] ? 1 : 0, c)
    }
  }
  line("  simd, with the earlier rounds' harness", bestOf(lookedUp, ROUNDS), n, 2e6)
}

{
  const d = 20
  const K = 50
  const users = 10_000
  const { rates, history } = population(users, K, 6)
  const rng = L.createRng(7)
  const contexts = Array.from({ length: users }, (_, user) => ({
    user,
    features: Float64Array.from({ length: d }, (_, i) => (i === 0 ? 1 : rng.next() - 0.5)),
  }))
  const policy = new L.HybridLinUcb({ arms: K, dimension: d, users, factors: 4, alpha: 1 })
  policy.warmStart(history, L.createRng(8))
  const n = 20_000
  const visited = visits(rates, users, K, n)
  const hybrid = bestOf(
    decisions(policy, visited, n, (u) => contexts[u]),
    ROUNDS,
  )
  line(`hybrid LinUCB d=${d}, k=${policy.sharedDimension}, K=${K}`, hybrid, n, 1e5)
  // The same policy built where WebAssembly is missing (node --jitless): its JavaScript fall-back, same picks.
  const wasm = globalThis.WebAssembly
  globalThis.WebAssembly = undefined
  const fallback = new L.HybridLinUcb({ arms: K, dimension: d, users, factors: 4, alpha: 1 })
  globalThis.WebAssembly = wasm
  fallback.warmStart(history, L.createRng(8))
  const js = bestOf(
    decisions(fallback, visited, n, (u) => contexts[u]),
    ROUNDS,
  )
  line("hybrid LinUCB, JavaScript fall-back", js, n, 1e5)
  console.log(
    `${"".padEnd(44)} the WebAssembly kernel is ${(js.cpu / hybrid.cpu).toFixed(2)}× faster than the fall-back`,
  )
  // The disjoint LinUCB of bench/bandits.bench.js on the same contexts, as the yardstick of this machine's speed now.
  const disjoint = bestOf(
    decisions(new L.LinUcb({ arms: K, dimension: d, alpha: 1 }), visited, n, (u) => contexts[u]),
    ROUNDS,
  )
  line(`disjoint LinUCB d=${d}, K=${K} (reference)`, disjoint, n, 2e5)
  console.log(`${"".padEnd(44)} hybrid costs ${(hybrid.cpu / disjoint.cpu).toFixed(2)}× a disjoint LinUCB decision`)
}
