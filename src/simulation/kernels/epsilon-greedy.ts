import type { Policy } from "../../bandits/policy"
import { EpsilonGreedy } from "../../bandits/epsilon-greedy"
import { Greedy } from "../../bandits/greedy"
import { OptimisticGreedy } from "../../bandits/optimistic"
import type { Xoshiro128 } from "../../random/rng"
import { ZIGGURAT_LAYERS, zigguratKn, zigguratSlow, zigguratWn } from "../../random/fast-random"
import type { PolicyAccumulator } from "../accumulator"
import { ENV, POLICY, type Kernel, type KernelRun } from "./kernel"

/** EpsilonGreedy's step counter, protected in its type (written back after the run). */
interface EpsilonGreedySteps {
  steps: number
}

/**
 * ε-greedy, greedy and optimistic greedy. Per step: one 32-bit word for the coin (+ one for the arm
 * when exploring), K compares, one word (Bernoulli) or one ziggurat normal (testbed) for the reward,
 * one division. The loop learns in the policy's own `values` and `counts`.
 * @internal
 */
export const epsilonGreedyKernel: Kernel = {
  name: "epsilon-greedy",
  policies: [EpsilonGreedy, Greedy, OptimisticGreedy],
  config: {
    arms: "K",
    epsilon: "the exploration coin",
    decay: "ε/(1 + decay·t)",
    initialValue: "Q₁ of every arm",
    stepSize: "constant α, or 1/N(a) when null",
  },
  scratch: [],
  accepts: () => true,
  play(policy: Policy<unknown>, run: KernelRun): Float64Array {
    const p = policy as EpsilonGreedy
    p.reset()
    epsilonLoop(
      p.config,
      run.K,
      run.horizon,
      run.means,
      run.best,
      run.thresholds,
      run.noiseSd,
      run.st,
      run.envRng,
      run.acc,
      p.values,
      p.counts,
      run.out,
    )
    ;(p as unknown as EpsilonGreedySteps).steps = run.horizon
    return p.counts
  },
}

/**
 * Plays the run, learning in `values` and `counts` and keeping [total reward, cumulative regret] in
 * `out`. All three are written inside the loop, with nothing after it: V8 compiles a long loop
 * on-stack before any code after it has run, and code there without type feedback would
 * deoptimise that cached compilation at the end of every run (then the next run starts slow).
 * Both streams' xoshiro128** states are held in locals (registers) and stepped inline, as `nextWord`
 * does; they go through `st` only around the ziggurat's rare slow path, a call that draws from `envRng`.
 */
function epsilonLoop(
  config: EpsilonGreedy["config"],
  K: number,
  horizon: number,
  means: Float64Array,
  best: number,
  thresholds: Float64Array | null,
  noiseSd: number,
  st: Int32Array,
  envRng: Xoshiro128,
  acc: PolicyAccumulator,
  values: Float64Array,
  counts: Float64Array,
  out: Float64Array,
): void {
  const { epsilon, decay } = config
  const stepSize = config.stepSize ?? 0
  // randomInt(rng, K)'s rejection limit: 2³² for a power of two, where x % K is x & (K − 1), its number.
  const limit = 4294967296 - (4294967296 % K)
  // The ziggurat's tables in locals: imported names compile to a property load of the module
  // object at every use, which V8 does not hoist out of a loop that contains calls.
  const kn = zigguratKn
  const wn = zigguratWn
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
    const eps = decay === 0 ? epsilon : epsilon / (1 + decay * t)
    let arm = 0
    let explore = false
    if (eps > 0) {
      let w: number
      // @xoshiro p → w
      {
        const q = Math.imul(p1, 5)
        w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
        const k = p1 << 9
        const n2 = p2 ^ p0
        const n3 = p3 ^ p1
        p1 ^= n2
        p0 ^= n3
        p2 = n2 ^ k
        p3 = (n3 << 11) | (n3 >>> 21)
      }
      explore = w < eps * 4294967296
    }
    if (explore) {
      for (;;) {
        let w: number
        // @xoshiro p → w
        {
          const q = Math.imul(p1, 5)
          w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = p1 << 9
          const n2 = p2 ^ p0
          const n3 = p3 ^ p1
          p1 ^= n2
          p0 ^= n3
          p2 = n2 ^ k
          p3 = (n3 << 11) | (n3 >>> 21)
        }
        if (w < limit) {
          arm = w % K
          break
        }
      }
    } else {
      let bestValue = values[0]
      let ties = 1
      for (let i = 1; i < K; i++) {
        const v = values[i]
        if (v > bestValue) {
          bestValue = v
          arm = i
          ties = 1
        } else if (v === bestValue) {
          ties++
          // randomInt(rng, ties) on the local state, inline, so that the loop makes no call (a call
          // in the Thompson loop, even one rarely made, kept the state words out of registers).
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
    } else {
      // fastNormal(envRng) on the local state: the ziggurat's layer word, then its value word.
      let z: number
      for (;;) {
        let w: number
        let hz: number
        // @xoshiro e → w signed
        {
          const q = Math.imul(e1, 5)
          w = Math.imul((q << 7) | (q >>> 25), 9)
          const k = e1 << 9
          const n2 = e2 ^ e0
          const n3 = e3 ^ e1
          e1 ^= n2
          e0 ^= n3
          e2 = n2 ^ k
          e3 = (n3 << 11) | (n3 >>> 21)
        }
        // @xoshiro e → hz signed
        {
          const q = Math.imul(e1, 5)
          hz = Math.imul((q << 7) | (q >>> 25), 9)
          const k = e1 << 9
          const n2 = e2 ^ e0
          const n3 = e3 ^ e1
          e1 ^= n2
          e0 ^= n3
          e2 = n2 ^ k
          e3 = (n3 << 11) | (n3 >>> 21)
        }
        const iz = w & (ZIGGURAT_LAYERS - 1)
        if ((hz ^ (hz >> 31)) - (hz >> 31) < kn[iz]) {
          z = hz * wn[iz]
          break
        }
        st[ENV] = e0
        st[ENV + 1] = e1
        st[ENV + 2] = e2
        st[ENV + 3] = e3
        envRng.loadState(st, ENV)
        z = zigguratSlow(envRng, iz, hz)
        envRng.saveState(st, ENV)
        e0 = st[ENV]
        e1 = st[ENV + 1]
        e2 = st[ENV + 2]
        e3 = st[ENV + 3]
        if (z === z) break
      }
      r = expected + noiseSd * z
    }
    const n = ++counts[arm]
    values[arm] += (stepSize === 0 ? 1 / n : stepSize) * (r - values[arm])
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
