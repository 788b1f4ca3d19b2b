"use strict"
// Bandit simulation throughput. Targets (idle 2-core machine):
//   K = 10 Bernoulli, one thread: ε-greedy and UCB1 ≥ 20 M steps/s, Thompson ≥ 5 M steps/s;
//   Sutton–Barto testbed 2000 runs × 1000 steps, one ε-greedy policy: < 0.1 s (beside numpy vectorised
//   over the runs, bench/bandits_numpy.py, where /usr/bin/python3 has numpy);
//   LinUCB d = 20, 50 arms: ≥ 200,000 decisions/s; 2 workers ≥ 1.8× one (beside the machine's own ceiling).
// Prints rates and ratios, not pass/fail. On a shared machine wall time mostly measures the other
// processes, so every case is also timed in CPU seconds of this process (or of each worker thread,
// from /proc/self/task) and expressed as "cost / one rng.next()" measured in the same process: that
// ratio is the work per step and hardly moves with the machine's load.
const fs = require("node:fs")
const os = require("node:os")
const L = require("../dist")
const { pythonPeer } = require("./util")

/** CPU seconds of this process (all threads) and wall seconds of one call of f. */
function measure(f) {
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  const out = f()
  const c = process.cpuUsage(c0)
  return { cpu: (c.user + c.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9, out }
}

/** The run with the least CPU time of `repeats`, after `warmups` untimed calls (steady state: compiled, pools filled). */
function best(f, repeats = 3, warmups = 1) {
  for (let i = 0; i < warmups; i++) f()
  let b = null
  for (let i = 0; i < repeats; i++) {
    if (global.gc) global.gc()
    const m = measure(f)
    if (!b || m.cpu < b.cpu) b = m
  }
  return b
}

/** CPU seconds of every thread of this process (Linux), by thread id. */
function threadCpu() {
  const out = new Map()
  if (!fs.existsSync("/proc/self/task")) return out
  const tick = 100 // USER_HZ on Linux
  for (const tid of fs.readdirSync("/proc/self/task")) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / tick)
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

if (process.argv[2] === "--workers-child") {
  workersChild(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]), process.argv[6] === "startup")
} else {
  runBenchmarks()
}

/**
 * Child mode: one simulateConfig call; prints wall time, CPU of the main thread and of the worker
 * threads (`workers` − 1: the main thread plays chunks too), chunks per thread (main first), a checksum.
 * `startup`: the main thread holds its first chunk for 0.5 s, so the worker starts and plays one
 * tiny chunk: its CPU is then the start-up of a worker (isolate, modules, environment).
 */
async function workersChild(workers, runs, horizon, startup) {
  const config = L.validate(
    L.simulationConfigSchema,
    {
      environment: { type: "bernoulli", probabilities: [0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4] },
      policies: [{ type: "thompson" }, { type: "kl-ucb" }, { type: "epsilon-greedy" }],
      horizon,
      runs,
      seed: 1,
      workers,
    },
    "bench",
  )
  const hold = () => {
    const end = Date.now() + 500
    while (Date.now() < end);
  }
  const before = threadCpu()
  const seen = new Map() // the latest CPU of every thread, taken before the workers are terminated
  const chunks = new Map()
  const t0 = process.hrtime.bigint()
  const result = await L.simulateConfig(config, startup ? (done) => done === 1 && hold() : undefined, (c) => {
    chunks.set(c.worker, (chunks.get(c.worker) ?? 0) + 1)
    for (const [tid, cpu] of threadCpu()) seen.set(tid, cpu)
  })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  const main = String(process.pid)
  const mainCpu = threadCpu().get(main) - before.get(main)
  const workerCpu = [...seen]
    .filter(([tid]) => !before.has(tid))
    .map(([, cpu]) => cpu)
    .sort((a, b) => b - a)
    .slice(0, workers - 1)
  let checksum = 0
  for (const p of result.policies) for (const v of p.cumulativeRegret) checksum += v
  const perThread = [...chunks].sort(([a], [b]) => a - b).map(([, n]) => n)
  process.stdout.write(JSON.stringify({ wall, mainCpu, workerCpu, chunks: perThread, checksum }))
}

/** Parent mode: every case of the benchmark, then the worker cases in child processes. */
function runBenchmarks() {
  const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(1))
  const load = os.loadavg()
  console.log(
    `cores ${os.cpus().length}, load average ${load.map((x) => x.toFixed(1)).join(" ")}: wall rates shrink with load, CPU rates and ratios much less`,
  )

  // The machine is a shared VM whose speed drifts by tens of percent from one minute to the next (the
  // bare rng loop below has measured anywhere between 69 M and 100 M draws/s). So the single-thread
  // cases are timed in rounds: every round times each case once, in turn, and each case reports its
  // best round. A slow spell then costs every case alike, and the ratios to rng.next() stay comparable.
  const ROUNDS = 6
  const chapelle = [0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
  const bern = new L.BernoulliArms(chapelle)
  const rng0 = L.createRng(1)
  // biome-ignore lint/correctness/noUnusedVariables: a sink the compiler cannot drop, so the timed loop runs
  let sink = 0
  const DRAWS = 20_000_000
  const linucb = (() => {
    const d = 20
    const K = 50
    const policy = new L.LinUcb({ arms: K, dimension: d, alpha: 1 })
    const rng = L.createRng(3)
    const contexts = Array.from({ length: 256 }, () => ({
      features: Float64Array.from({ length: d }, () => rng.next() - 0.5),
    }))
    return (n) => {
      for (let i = 0; i < n; i++) {
        const c = contexts[i & 255]
        const a = policy.select(c, rng)
        policy.update(a, rng.next() < 0.3 ? 1 : 0, c)
      }
    }
  })()
  const testbed = new L.GaussianTestbed({ arms: 10 })
  // K = 10 cases: 100 runs × 20,000 steps per call, so the result (8 curves × T doubles) is 1.3 MB, not
  // the 12.8 MB of 10 × 200,000, whose fresh pages cost ≈ 3–4 ms per MB to touch first on this VM
  // (measured below), which a long-horizon call pays once and which is no part of the per-step work.
  const kPolicies = {
    "ε-greedy ε=0.1": new L.EpsilonGreedy({ arms: 10, epsilon: 0.1 }),
    UCB1: new L.Ucb1({ arms: 10 }),
    "Thompson (Beta)": new L.BetaThompson({ arms: 10 }),
  }
  const cases = {
    // One rng.next() (53-bit double from xoshiro128**, two 32-bit words) in a bare loop: the unit of work.
    rng: () => {
      for (let i = 0; i < DRAWS; i++) sink += rng0.next()
    },
    ...Object.fromEntries(
      Object.entries(kPolicies).map(([label, policy]) => [
        label,
        () => L.simulate(bern, [policy], { horizon: 20_000, runs: 100, seed: 2 }),
      ]),
    ),
    testbed: () => L.simulate(testbed, [kPolicies["ε-greedy ε=0.1"]], { horizon: 1000, runs: 2000, seed: 2018 }),
    linucb: () => linucb(40_000),
  }
  for (const f of Object.values(cases)) for (let i = 0; i < 2; i++) f() // warm-up: compiled, pools filled
  const bestOf = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, f] of Object.entries(cases)) {
      const m = measure(f)
      if (!bestOf[name] || m.cpu < bestOf[name].cpu) bestOf[name] = m
    }
  }
  const drawCpu = bestOf.rng.cpu / DRAWS
  console.log(
    `rng.next() bare loop: ${fmt(DRAWS / bestOf.rng.cpu)} draws/s CPU (${(drawCpu * 1e9).toFixed(2)} ns), ${fmt(DRAWS / bestOf.rng.wall)} draws/s wall`,
  )
  console.log(`single-thread cases: best of ${ROUNDS} rounds, each round timing every case in turn`)
  console.log("")

  function line(label, units, m, n, target, unit = "steps/s") {
    const cpuRate = n / m.cpu
    const ratio = m.cpu / n / drawCpu
    console.log(
      `${label.padEnd(34)} ${fmt(cpuRate).padStart(9)} ${unit} CPU (${(cpuRate / target).toFixed(2)}× target ${fmt(target)})  ` +
        `${fmt(n / m.wall).padStart(9)} wall   ${units}/rng draw: ${ratio.toFixed(1)}`,
    )
  }

  const targets = { "ε-greedy ε=0.1": 20e6, UCB1: 20e6, "Thompson (Beta)": 5e6 }
  for (const [label, policy] of Object.entries(kPolicies)) {
    line(`K=10 Bernoulli ${label}`, "step", bestOf[label], 2_000_000, targets[label])
    const long = best(() => L.simulate(bern, [policy], { horizon: 200_000, runs: 10, seed: 2 }), 2, 2)
    console.log(
      `${"".padEnd(34)} as 10 runs × 200,000 steps: ${fmt(2e6 / long.cpu)} steps/s CPU, ${fmt(2e6 / long.wall)} wall (result curves included)`,
    )
  }
  {
    // First touch of fresh memory: 12.8 MB in 1.6 MB arrays (the result of one 200,000-step call), kept alive.
    const keep = []
    const m = best(() => {
      for (let i = 0; i < 8; i++) keep.push(new Float64Array(200_000).fill(1))
    }, 3)
    keep.length = 0
    console.log(
      `${"".padEnd(34)} fresh memory: ${((m.wall * 1e3) / 12.8).toFixed(2)} ms per MB wall (${((m.cpu * 1e3) / 12.8).toFixed(2)} CPU)`,
    )
  }
  {
    const m = bestOf.testbed
    line("testbed 2000×1000 ε=0.1", "step", m, 2e6, 2e7)
    console.log(
      `${"".padEnd(34)} whole testbed: ${m.cpu.toFixed(3)} s CPU, ${m.wall.toFixed(3)} s wall (target < 0.1 s); final reward ${m.out.policies[0].finalMeanReward.toFixed(3)}`,
    )
    const numpy = pythonPeer("bandits_numpy.py", () => undefined)
    console.log(
      `${"".padEnd(34)} ${
        numpy
          ? `numpy vectorised over the runs, measured now: ${numpy.testbed.toFixed(3)} s wall (final reward ${numpy.finalReward.toFixed(3)}) → ours ${(numpy.testbed / m.wall).toFixed(2)}× its speed`
          : "numpy not available to /usr/bin/python3: no peer (recorded 2026-11-23, older machine: ≈ 0.17 s)"
      }`,
    )
  }
  {
    const d = 20
    const K = 50
    line("LinUCB d=20, 50 arms", "decision", bestOf.linucb, 40_000, 2e5, "decisions/s")
    console.log(
      `${"".padEnd(34)} (per decision: K·d(d+1)/2 = ${(K * d * (d + 1)) / 2} multiply-adds for the widths, K·d for the means, O(d²) update)`,
    )
  }

  ;(async () => {
    console.log("")
    // Each case runs in a fresh child process, so all pay the same cold start (isolate, JIT). The job
    // (256 runs × 5000 steps, ≈ 7 s on one thread) is long enough that a worker's fixed start-up
    // (≈ 0.1 s boot plus its own JIT compiles) is a few percent of it, as in a real experiment.
    const { execFile, execFileSync } = require("node:child_process")
    const args = (workers, runs, horizon, mode) => [
      __filename,
      "--workers-child",
      String(workers),
      String(runs),
      String(horizon),
      mode,
    ]
    const child = (workers, runs, horizon, mode = "") =>
      JSON.parse(execFileSync(process.execPath, args(workers, runs, horizon, mode), { encoding: "utf8" }))
    const childAsync = (workers, runs, horizon) =>
      new Promise((resolve, reject) =>
        execFile(process.execPath, args(workers, runs, horizon, ""), { encoding: "utf8" }, (e, out) =>
          e ? reject(e) : resolve(JSON.parse(out)),
        ),
      )
    const RUNS = 256
    // Rounds as above (the VM's speed drifts): each round runs one worker, two workers, and the
    // machine's own ceiling, two independent one-thread processes of the same job at the same time
    // (their throughput against one alone bounds what any two-thread split of the job can reach here);
    // each case keeps its fastest round.
    let one = null
    let two = null
    let pair = null
    const faster = (a, b) => (a === null || b.wall < a.wall ? b : a)
    for (let round = 0; round < 3; round++) {
      one = faster(one, child(1, RUNS, 5000))
      two = faster(two, child(2, RUNS, 5000))
      const p = await Promise.all([childAsync(1, RUNS, 5000), childAsync(1, RUNS, 5000)])
      if (pair === null || Math.max(...p.map((x) => x.wall)) < Math.max(...pair.map((x) => x.wall))) pair = p
    }
    const startup = child(2, 2, 10, "startup").workerCpu[0]
    console.log(
      `workers (Thompson + KL-UCB + ε-greedy, ${RUNS} runs × 5000 steps = 64 chunks), each case in a fresh process, best of 3 rounds:`,
    )
    console.log(
      `  identical results with 1 and 2 workers: ${one.checksum === two.checksum} (sum of regret curves ${one.checksum})`,
    )
    console.log(
      `  wall: 1 → ${one.wall.toFixed(2)} s, 2 → ${two.wall.toFixed(2)} s, speed-up ${(one.wall / two.wall).toFixed(2)}× (target ≥ 1.8×)`,
    )
    const ceiling = (2 * one.wall) / Math.max(pair[0].wall, pair[1].wall)
    console.log(
      `  machine ceiling: two independent 1-thread processes together took ${pair.map((p) => p.wall.toFixed(2)).join(" and ")} s ` +
        `(alone ${one.wall.toFixed(2)} s) → ${ceiling.toFixed(2)}× throughput; 2 workers reach ${((one.wall / two.wall / ceiling) * 100).toFixed(0)}% of it`,
    )
    const worker = two.workerCpu[0]
    console.log(
      `  CPU per thread: 1 worker: main ${one.mainCpu.toFixed(2)} s; 2 workers: main ${two.mainCpu.toFixed(2)} s and worker ${worker.toFixed(2)} s ` +
        `(chunks ${two.chunks.join("/")}); start-up of a worker ≈ ${startup.toFixed(2)} s`,
    )
    // The main thread plays from the start, the worker from its start-up on; they take chunks from a
    // shared counter, so both finish within a chunk of each other: the busier thread bounds the wall time.
    console.log(
      `  speed-up from CPU per thread (1-worker main / busier thread of 2): ${(one.mainCpu / Math.max(two.mainCpu, worker)).toFixed(2)}×`,
    )
    // On a shared VM a thread's CPU time also counts time its virtual CPU was descheduled, so the two
    // threads' CPU per chunk differ even for identical work; the total is the robust measure of overhead.
    const total = two.mainCpu + worker
    console.log(
      `  parallel efficiency (1-worker CPU / both threads' CPU with 2 workers): ${(one.mainCpu / total).toFixed(2)} ` +
        `→ ${((2 * one.mainCpu) / total).toFixed(2)}× on two equally fast idle cores`,
    )
  })()
}
