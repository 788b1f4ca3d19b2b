import type { Policy } from "../../bandits/policy"
import { Ucb } from "../../bandits/ucb"
import { Ucb1 } from "../../bandits/ucb1"
import type { Xoshiro128 } from "../../random/rng"
import { fastNormal } from "../../random/fast-random"
import type { PolicyAccumulator } from "../accumulator"
import { ENV, POLICY, type Kernel, type KernelRun } from "./kernel"

/** Ucb's learned state kept out of its public type (written back after the run). */
interface UcbState {
  steps: number
  invSqrtCounts: Float64Array
}

/**
 * UCB and UCB1. Per step: K multiply-adds and compares (the width c·sqrt(ln t) is read from a table
 * made once per c, not computed per step), one division and one square root to update the played arm.
 * The loop counts in the policy's own `counts` and `invSqrtCounts`; its estimates are +∞ for an
 * unplayed arm and become the policy's `means` (0 there) after the run.
 * @internal
 */
export const ucbKernel: Kernel = {
  name: "ucb",
  policies: [Ucb, Ucb1],
  config: { arms: "K", c: "the width c·sqrt(ln t / N(a))" },
  scratch: ["buffer"],
  accepts: () => true,
  play(policy: Policy<unknown>, run: KernelRun): Float64Array {
    const p = policy as Ucb
    const state = p as unknown as UcbState
    p.reset()
    const est = new Float64Array(run.K).fill(Infinity)
    ucbLoop(
      ucbWidths(p.config.c, run.horizon),
      run.K,
      run.horizon,
      run.means,
      run.best,
      run.thresholds,
      run.noiseSd,
      run.st,
      run.envRng,
      run.acc,
      est,
      p.counts,
      state.invSqrtCounts,
      run.out,
    )
    for (let a = 0; a < run.K; a++) p.means[a] = p.counts[a] > 0 ? est[a] : 0
    state.steps = run.horizon
    return p.counts
  },
}

/** Width tables by c (a few c values per experiment at most; cleared beyond eight). */
const widthTables = new Map<number, Float64Array>()

/**
 * c·sqrt(ln max(1, t)) for t < horizon (Ucb's width, the same expression): the same for every run,
 * so computed once per c and reused, instead of a log and a square root per step.
 */
function ucbWidths(c: number, horizon: number): Float64Array {
  let widths = widthTables.get(c)
  if (widths === undefined || widths.length < horizon) {
    if (widthTables.size >= 8) widthTables.clear()
    widths = new Float64Array(horizon)
    for (let t = 0; t < horizon; t++) widths[t] = c * Math.sqrt(Math.log(Math.max(1, t)))
    widthTables.set(c, widths)
  }
  return widths
}

/**
 * Plays the run (see epsilonLoop for why everything is written inside the loop). An unplayed arm has
 * est = ∞ and invSqrt = 0, so its index est + width·invSqrt is ∞ (as in Ucb) with no per-arm test of
 * its count; est is set to 0 just before its first update. The testbed's normals are drawn from
 * `envRng` itself (the environment's state words are then unused).
 */
function ucbLoop(
  widths: Float64Array,
  K: number,
  horizon: number,
  means: Float64Array,
  best: number,
  thresholds: Float64Array | null,
  noiseSd: number,
  st: Int32Array,
  envRng: Xoshiro128,
  acc: PolicyAccumulator,
  est: Float64Array,
  counts: Float64Array,
  invSqrt: Float64Array,
  out: Float64Array,
): void {
  const { reward, reward2, optimal, regret, regret2 } = acc
  let p0 = st[POLICY]
  let p1 = st[POLICY + 1]
  let p2 = st[POLICY + 2]
  let p3 = st[POLICY + 3]
  let e0 = st[ENV]
  let e1 = st[ENV + 1]
  let e2 = st[ENV + 2]
  let e3 = st[ENV + 3]
  let cumulative = 0
  let total = 0
  for (let t = 0; t < horizon; t++) {
    // Index and argmax fused: the same values compared in the same order as Ucb.indices + argmaxRandomTie.
    const width = widths[t]
    let arm = 0
    let bestValue = est[0] + width * invSqrt[0]
    let ties = 1
    for (let i = 1; i < K; i++) {
      const v = est[i] + width * invSqrt[i]
      if (v > bestValue) {
        bestValue = v
        arm = i
        ties = 1
      } else if (v === bestValue) {
        ties++
        // randomInt(rng, ties) on the local state, inline, so that the loop makes no call.
        const limit = 4294967296 - (4294967296 % ties)
        let x: number
        do {
          // @xoshiro p → x
          {
            const q = Math.imul(p1, 5)
            x = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = p1 << 9
            const n2 = p2 ^ p0
            const n3 = p3 ^ p1
            p1 ^= n2
            p0 ^= n3
            p2 = n2 ^ k
            p3 = (n3 << 11) | (n3 >>> 21)
          }
        } while (x >= limit)
        if (x % ties === 0) arm = i
      }
    }
    const expected = means[arm]
    let r: number
    if (thresholds !== null) {
      let w: number
      // @xoshiro e → w
      {
        const q = Math.imul(e1, 5)
        w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
        const k = e1 << 9
        const n2 = e2 ^ e0
        const n3 = e3 ^ e1
        e1 ^= n2
        e0 ^= n3
        e2 = n2 ^ k
        e3 = (n3 << 11) | (n3 >>> 21)
      }
      r = w < thresholds[arm] ? 1 : 0
    } else r = expected + noiseSd * fastNormal(envRng)
    const n = ++counts[arm]
    if (n === 1) est[arm] = 0
    est[arm] += (r - est[arm]) / n
    invSqrt[arm] = 1 / Math.sqrt(n)
    cumulative += best - expected
    total += r
    reward[t] += r
    reward2[t] += r * r
    if (expected === best) optimal[t] += 1
    regret[t] += cumulative
    regret2[t] += cumulative * cumulative
    out[0] = total
    out[1] = cumulative
  }
}
