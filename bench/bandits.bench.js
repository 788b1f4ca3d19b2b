"use strict"
// Bandit simulation throughput (issue 3 targets, on an idle 2-core machine):
//   K = 10 Bernoulli, one thread: ε-greedy and UCB1 ≥ 20 M steps/s, Thompson ≥ 5 M steps/s;
//   Sutton–Barto testbed 2000 runs × 1000 steps, one ε-greedy policy: < 0.1 s;
//   LinUCB d = 20, 50 arms: ≥ 200,000 decisions/s; 2 workers ≥ 1.8× one.
// Prints rates and ratios, not pass/fail. Numbers depend on the machine's load (see `uptime`).
const os = require("node:os")
const L = require("../dist")

function seconds(f) {
  const t0 = process.hrtime.bigint()
  const out = f()
  return [Number(process.hrtime.bigint() - t0) / 1e9, out]
}

const load = os.loadavg()[0]
console.log(`cores ${os.cpus().length}, load average ${load.toFixed(1)} (rates scale down with load)`)

const chapelle = [0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
const bern = new L.BernoulliArms(chapelle)
const cases = [
  ["epsilon-greedy ε=0.1", () => new L.EpsilonGreedy({ arms: 10, epsilon: 0.1 }), 20e6],
  ["UCB1", () => new L.Ucb1({ arms: 10 }), 20e6],
  ["Thompson (Beta)", () => new L.BetaThompson({ arms: 10 }), 5e6],
]
for (const [label, make, target] of cases) {
  const policy = make()
  L.simulate(bern, [policy], { horizon: 100_000, runs: 2, seed: 1 }) // warm-up
  const steps = 2_000_000
  const [t] = seconds(() => L.simulate(bern, [policy], { horizon: 200_000, runs: steps / 200_000, seed: 2 }))
  const rate = steps / t
  console.log(`K=10 Bernoulli ${label.padEnd(22)} ${(rate / 1e6).toFixed(2).padStart(7)} M steps/s   (${(rate / target).toFixed(2)}× the ${target / 1e6} M target)`)
}

{
  const tb = new L.GaussianTestbed({ arms: 10 })
  const eps = new L.EpsilonGreedy({ arms: 10, epsilon: 0.1 })
  L.simulate(tb, [eps], { horizon: 1000, runs: 200, seed: 1 })
  const [t, r] = seconds(() => L.simulate(tb, [eps], { horizon: 1000, runs: 2000, seed: 2018 }))
  console.log(`Sutton–Barto testbed 2000×1000 ε=0.1: ${t.toFixed(3)} s (target < 0.1 s; ${(0.1 / t).toFixed(2)}×), final reward ${r.policies[0].finalMeanReward.toFixed(3)}`)
}

{
  const d = 20
  const K = 50
  const policy = new L.LinUcb({ arms: K, dimension: d, alpha: 1 })
  const rng = L.createRng(3)
  const contexts = Array.from({ length: 256 }, () => ({ features: Float64Array.from({ length: d }, () => rng.next() - 0.5) }))
  const decide = (n) => {
    for (let i = 0; i < n; i++) {
      const c = contexts[i & 255]
      const a = policy.select(c, rng)
      policy.update(a, rng.next() < 0.3 ? 1 : 0, c)
    }
  }
  decide(2000)
  const n = 40_000
  const [t] = seconds(() => decide(n))
  console.log(`LinUCB d=20, 50 arms: ${Math.round(n / t).toLocaleString("en")} decisions/s (select + update; target 200,000: ${(n / t / 2e5).toFixed(2)}×)`)
}

;(async () => {
  const config = L.validate(
    L.simulationConfigSchema,
    {
      environment: { type: "bernoulli", probabilities: chapelle },
      policies: [{ type: "thompson" }, { type: "kl-ucb" }, { type: "epsilon-greedy" }],
      horizon: 5000,
      runs: 64,
      seed: 1,
    },
    "bench",
  )
  const time = async (workers) => {
    const t0 = process.hrtime.bigint()
    const r = await L.simulateConfig({ ...config, workers })
    return [Number(process.hrtime.bigint() - t0) / 1e9, r]
  }
  const [t1, r1] = await time(1)
  const [t2, r2] = await time(2)
  const same = r1.policies.every((p, i) => p.cumulativeRegret.every((v, t) => v === r2.policies[i].cumulativeRegret[t]))
  console.log(`workers: 1 → ${t1.toFixed(2)} s, 2 → ${t2.toFixed(2)} s, speed-up ${(t1 / t2).toFixed(2)}× (target ≥ 1.8×); identical results: ${same}`)
})()
