// Off-policy evaluation over a large synthetic log streamed from CSV: parse rate, estimation
// rate (IPW, SNIPW, DR after parsing) and peak memory. The log is written to a temporary folder.
// Beside it, where /usr/bin/python3 has numpy, pandas and scikit-learn, the same work done the
// in-memory way of Open Bandit Pipeline (bench/ope_peer.py), measured in the same run.
// Size: OPE_BENCH_ROWS (default 10,000,000). Run: npm run build && node bench/ope.bench.js
const { createWriteStream, linkSync, mkdtempSync, rmSync, statSync } = require("node:fs")
const { tmpdir } = require("node:os")
const { join } = require("node:path")
const L = require("../dist")
const { pythonPeer } = require("./util")

const ROWS = Number(process.env.OPE_BENCH_ROWS ?? 10_000_000)
const K = 20
const POSITIONS = 3
const CHUNK = 1 << 16

/** True click probability: examination(pos) · attraction(a) · (1 + 0.3 x). */
function clickProbability(a, pos, x) {
  return (1 / (1 + pos)) * (0.02 + 0.004 * a) * (1 + 0.3 * x)
}

async function writeLog(path, rows, rng) {
  const out = createWriteStream(path)
  let buf = "action,position,click,propensity,x\n"
  const propensity = String(1 / K)
  for (let i = 0; i < rows; i++) {
    const a = L.randomInt(rng, K)
    const pos = L.randomInt(rng, POSITIONS)
    const x = Math.round((rng.next() * 2 - 1) * 1000) / 1000
    const click = rng.next() < clickProbability(a, pos, x) ? 1 : 0
    buf += `${a},${pos},${click},${propensity},${x}\n`
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once("drain", r))
      buf = ""
    }
  }
  await new Promise((r) => out.end(buf, r))
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "ope-bench-"))
  const path = join(dir, "log.csv")
  try {
    const rng = L.createRng(2024)
    let t = process.hrtime.bigint()
    await writeLog(path, ROWS, rng)
    const genSeconds = Number(process.hrtime.bigint() - t) / 1e9
    console.log(
      `log: ${ROWS.toLocaleString("en")} rows, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB (generated in ${genSeconds.toFixed(1)} s)`,
    )

    // target: prefer high-attraction items, the same at every position
    const probs = new Float64Array(POSITIONS * K)
    for (let p = 0; p < POSITIONS; p++) for (let a = 0; a < K; a++) probs[p * K + a] = (a + 1) / ((K * (K + 1)) / 2)
    const target = new L.ContextFreeTarget("linear preference", K, POSITIONS, probs)
    // E[x] = 0, so the true value is Σ_pos (1/3) Σ_a π(a) examination(pos) attraction(a)
    let truth = 0
    for (let p = 0; p < POSITIONS; p++)
      for (let a = 0; a < K; a++) truth += (probs[p * K + a] * clickProbability(a, p, 0)) / POSITIONS

    const estimators = [
      new L.InverseProbabilityWeighting(),
      new L.SelfNormalizedInverseProbabilityWeighting(),
      new L.DoublyRobust(),
    ]
    const sums = estimators.map((e) => new Float64Array(e.sumsLength))
    let model
    let estimateNs = 0n
    let inputNs = 0n
    let rows = 0
    t = process.hrtime.bigint()
    await L.readBanditCsvChunks(path, { positions: POSITIONS, actions: K }, CHUNK, (chunk) => {
      const t0 = process.hrtime.bigint()
      // the reward model is fitted on the first chunk, then frozen (memory stays bounded)
      if (model === undefined) model = new L.LinearRewardModel({ kind: "logistic" }).fit(chunk)
      const input = L.offPolicyInput(chunk, target, { rewardModel: model })
      const t1 = process.hrtime.bigint()
      estimators.forEach((e, k) => e.accumulate(input, sums[k]))
      const t2 = process.hrtime.bigint()
      inputNs += t1 - t0
      estimateNs += t2 - t1
      rows += chunk.length
    })
    const totalSeconds = Number(process.hrtime.bigint() - t) / 1e9
    const estimateSeconds = Number(estimateNs) / 1e9
    const inputSeconds = Number(inputNs) / 1e9
    const parseSeconds = totalSeconds - estimateSeconds - inputSeconds
    console.log(
      `parse (CSV → typed chunks):        ${(rows / parseSeconds / 1e3).toFixed(0)} k rows/s (${parseSeconds.toFixed(1)} s)`,
    )
    console.log(
      `inputs (π(a|pos), q̂ for ${K} items): ${(rows / inputSeconds / 1e6).toFixed(2)} M rows/s (${inputSeconds.toFixed(1)} s)`,
    )
    console.log(
      `estimate (IPW + SNIPW + DR sums):  ${(rows / estimateSeconds / 1e6).toFixed(2)} M rows/s (${estimateSeconds.toFixed(2)} s)`,
    )
    console.log(
      `estimate incl. inputs:             ${(rows / (estimateSeconds + inputSeconds) / 1e6).toFixed(2)} M rows/s`,
    )
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
    console.log(`true value ${truth.toFixed(6)}`)
    const values = {}
    estimators.forEach((e, k) => {
      const { value, stderr } = e.finalize(sums[k])
      values[e.name] = value
      console.log(
        `  ${e.name.padEnd(6)} ${value.toFixed(6)} ± ${(1.96 * stderr).toFixed(6)}  (error ${((value - truth) / stderr).toFixed(2)} standard errors)`,
      )
    })
    const ours = {
      parse: parseSeconds,
      inputs: inputSeconds,
      estimate: estimateSeconds,
      peakMiB: process.resourceUsage().maxRSS / 1024,
    }
    comparePeer(
      pythonPeer("ope_peer.py", (peerDir) => linkSync(path, join(peerDir, "log.csv"))),
      ours,
      values,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The peer's stages beside ours, and how far its estimates are from ours. */
function comparePeer(peer, ours, values) {
  if (!peer) {
    console.log("peer: numpy, pandas and scikit-learn not available to /usr/bin/python3 (bench/ope_peer.py not run)")
    return
  }
  console.log("peer, measured now: pandas + numpy + scikit-learn, the in-memory way of Open Bandit Pipeline")
  const line = (label, key) =>
    console.log(
      `  ${label.padEnd(34)} ${peer[key].toFixed(2).padStart(7)} s → ours ${(peer[key] / ours[key]).toFixed(2)}× its speed`,
    )
  line("parse (pandas.read_csv):", "parse")
  line("inputs (reward model, q̂, w):", "inputs")
  line("estimate (IPW, SNIPW, DR):", "estimate")
  console.log(
    `  ${"peak RSS:".padEnd(34)} ${peer.peakMiB.toFixed(0).padStart(5)} MiB → ours ${(ours.peakMiB / peer.peakMiB).toFixed(2)}× its memory`,
  )
  const gaps = Object.keys(values).map((name) => `${name} ${Math.abs(values[name] - peer[name]).toExponential(1)}`)
  console.log(`  |ours − peer| of the estimates: ${gaps.join(", ")}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
