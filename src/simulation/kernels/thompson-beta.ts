import type { Policy } from "../../bandits/policy"
import { BetaThompson } from "../../bandits/thompson-beta"
import { nextWord } from "../../random/rng"
import {
  gammaC,
  gammaD,
  marsagliaTsangCandidate,
  ZIGGURAT_LAYERS,
  ZIGGURAT_R,
  zigguratFn,
  zigguratKnw,
  zigguratWn,
} from "../../random/fast-random"
import type { PolicyAccumulator } from "../accumulator"
import { ENV, POLICY, type Kernel, type KernelRun } from "./kernel"

/** BetaThompson's cached Marsaglia–Tsang constants, private in its type (written back after the run). */
interface BetaThompsonState {
  dA: Float64Array
  cA: Float64Array
  dB: Float64Array
  cB: Float64Array
}

/**
 * Beta-Bernoulli Thompson sampling on Bernoulli arms, priors ≥ 1 (below 1 some gammas need the
 * U^(1/shape) boost: left to the generic loop, which keeps that branch and its Math.pow out of this
 * one). Per step: 2K Marsaglia–Tsang gammas (two words each, almost never a log thanks to the
 * d-dependent squeeze of marsagliaTsangCandidate, the ziggurat's tables read inline) and K
 * divisions, two square roots to refresh the played arm's cached constants.
 * @internal
 */
export const betaThompsonKernel: Kernel = {
  name: "thompson-beta",
  policies: [BetaThompson],
  config: {
    arms: "K",
    priorAlpha: "α₀ (≥ 1, else the generic loop)",
    priorBeta: "β₀ (≥ 1, else the generic loop)",
    probabilityDraws: "not played: only `probabilities` reads it",
    seed: "not played: only `probabilities` reads it",
  },
  scratch: [],
  accepts: (policy, bernoulli) =>
    bernoulli && (policy as BetaThompson).config.priorAlpha >= 1 && (policy as BetaThompson).config.priorBeta >= 1,
  play(policy: Policy<unknown>, run: KernelRun): Float64Array {
    const p = policy as BetaThompson
    const K = run.K
    // Per arm a: shapes[2a] = α_a, shapes[2a + 1] = β_a, and their Marsaglia–Tsang constants d and c
    // alongside, so that the 2K gammas of a step are one loop in betaCached's order (Ga, then Gb).
    const shapes = new Float64Array(2 * K)
    const ds = new Float64Array(2 * K)
    const cs = new Float64Array(2 * K)
    for (let a = 0; a < K; a++) {
      shapes[2 * a] = p.config.priorAlpha
      shapes[2 * a + 1] = p.config.priorBeta
    }
    for (let j = 0; j < 2 * K; j++) {
      ds[j] = gammaD(shapes[j])
      cs[j] = gammaC(ds[j])
    }
    const counts = new Float64Array(K)
    thompsonLoop(shapes, ds, cs, K, run.horizon, run.means, run.best, run.thresholds!, run.st, run.acc, counts, run.out)
    const state = p as unknown as BetaThompsonState
    for (let a = 0; a < K; a++) {
      p.alpha[a] = shapes[2 * a]
      p.beta[a] = shapes[2 * a + 1]
      state.dA[a] = ds[2 * a]
      state.cA[a] = cs[2 * a]
      state.dB[a] = ds[2 * a + 1]
      state.cB[a] = cs[2 * a + 1]
    }
    return counts
  },
}

/**
 * Plays the run (see epsilonLoop for why everything is written inside the loop). The policy
 * stream's xoshiro128** state is held in four locals (registers), stepped inline as `nextWord` does.
 * Priors ≥ 1 and shapes only grow, so no gamma needs betaCached's shape < 1 boost.
 */
function thompsonLoop(
  shapes: Float64Array,
  ds: Float64Array,
  cs: Float64Array,
  K: number,
  horizon: number,
  means: Float64Array,
  best: number,
  thresholds: Float64Array,
  st: Int32Array,
  acc: PolicyAccumulator,
  counts: Float64Array,
  out: Float64Array,
): void {
  const { reward, reward2, optimal, regret, regret2 } = acc
  const wn = zigguratWn // in locals, as in epsilonLoop
  const fn = zigguratFn
  const knw = zigguratKnw
  let s0 = st[POLICY]
  let s1 = st[POLICY + 1]
  let s2 = st[POLICY + 2]
  let s3 = st[POLICY + 3]
  let cumulative = 0
  let total = 0
  for (let t = 0; t < horizon; t++) {
    let arm = 0
    let bestValue = -1
    let x = 0
    for (let j = 0; j < 2 * K; j++) {
      const d = ds[j]
      const c = cs[j]
      let g: number
      // The ziggurat's slow path (zigguratSlow, then fastUniform for u) runs on the local state too,
      // with the same words and operations: a JavaScript call in this loop made V8 keep the state
      // words out of registers, and so did a nested loop, so the tail's rejection loop is this
      // loop's `tail` mode. Each uniform is (word + 0.5)·2⁻³².
      let tail = false
      let tailHz = 0
      for (;;) {
        let z: number
        let u: number
        let word = 0
        if (!tail) {
          let w: number
          let hz: number
          // @xoshiro s → w
          {
            const q = Math.imul(s1, 5)
            w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          // @xoshiro s → hz signed
          {
            const q = Math.imul(s1, 5)
            hz = Math.imul((q << 7) | (q >>> 25), 9)
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          const iz = w & (ZIGGURAT_LAYERS - 1)
          z = hz * wn[iz]
          if (Math.abs(z) < knw[iz])
            u = ((w >>> 7) + 0.5) * 2.9802322387695312e-8 // as gammaMarsagliaTsang: the high 25 bits
          else if (iz === 0) {
            tail = true // beyond R: Marsaglia's (1964) exponential rejection, from the next iteration
            tailHz = hz
            continue
          } else {
            // @xoshiro s → word
            {
              const q = Math.imul(s1, 5)
              word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
              const k = s1 << 9
              const n2 = s2 ^ s0
              const n3 = s3 ^ s1
              s1 ^= n2
              s0 ^= n3
              s2 = n2 ^ k
              s3 = (n3 << 11) | (n3 >>> 21)
            }
            if (!(fn[iz] + (word + 0.5) * 2.3283064365386963e-10 * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * z * z)))
              continue
            // @xoshiro s → word
            {
              const q = Math.imul(s1, 5)
              word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
              const k = s1 << 9
              const n2 = s2 ^ s0
              const n3 = s3 ^ s1
              s1 ^= n2
              s0 ^= n3
              s2 = n2 ^ k
              s3 = (n3 << 11) | (n3 >>> 21)
            }
            u = (word + 0.5) * 2.3283064365386963e-10
          }
        } else {
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          const xt = -Math.log((word + 0.5) * 2.3283064365386963e-10) / ZIGGURAT_R
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          const y = -Math.log((word + 0.5) * 2.3283064365386963e-10)
          if (y + y < xt * xt) continue
          tail = false
          z = tailHz > 0 ? ZIGGURAT_R + xt : -ZIGGURAT_R - xt
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          u = (word + 0.5) * 2.3283064365386963e-10
        }
        g = marsagliaTsangCandidate(z, u, d, c)
        if (g === g) break
      }
      if ((j & 1) === 0) x = g
      else {
        const value = x / (x + g)
        if (value > bestValue) {
          bestValue = value
          arm = j >> 1
        }
      }
    }
    const expected = means[arm]
    // The environment's one word per step from `st`: its state in four more locals measured slower
    // (registers are short in this loop).
    const r = nextWord(st, ENV) < thresholds[arm] ? 1 : 0
    // A 0/1 reward adds 1 to α (r = 1) or to β (r = 0) and 0 to the other, whose constants stay.
    const j = 2 * arm + 1 - r
    const dj = gammaD((shapes[j] += 1))
    ds[j] = dj
    cs[j] = gammaC(dj)
    counts[arm]++
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
