import type { Policy } from "../bandits/policy"
import { nextWord, type Xoshiro128 } from "../random/rng"
import { EpsilonGreedy } from "../bandits/epsilon-greedy"
import { Greedy } from "../bandits/greedy"
import { OptimisticGreedy } from "../bandits/optimistic"
import { Ucb } from "../bandits/ucb"
import { Ucb1 } from "../bandits/ucb1"
import { BetaThompson } from "../bandits/thompson-beta"
import { fastNormal, gammaC, gammaD, marsagliaTsangCandidate, ZIGGURAT_LAYERS, ZIGGURAT_R, zigguratFn, zigguratKn, zigguratKnw, zigguratSlow, zigguratWn } from "../random/fast-random"
import type { Environment } from "../schema/environment"
import { BernoulliArms } from "./bernoulli"
import { GaussianTestbed } from "./gaussian-testbed"
import type { PolicyAccumulator } from "./accumulator"
import { environmentStream, policyStream } from "./streams"

/**
 * Specialised loops for the classic stationary benchmarks (Bernoulli arms, the Gaussian testbed)
 * with ε-greedy / greedy / optimistic, UCB / UCB1 and Beta-Bernoulli Thompson sampling (priors ≥ 1): the policy's
 * select/update and the environment's reward inlined into one loop over local typed arrays, with the
 * same draws from the same streams in the same order and the same floating-point operations as the
 * generic `playRun`, so the numbers are identical (test/simulation/fast-paths.test.ts checks it).
 * The policy object itself is only read (its validated config), not advanced. The generators are
 * stepped inline on their four state words held in local variables (kept in registers; the same
 * step as `nextWord`), not through the objects, whose boxed fields cost a load and a store per word;
 * the words go through a typed array (`st`) only around the rare calls that draw elsewhere.
 *
 * Work per step (K arms), besides the five per-step sums of the accumulator:
 * - ε-greedy: one 32-bit word for the coin (+ one for the arm when exploring), K compares, one word
 *   (Bernoulli) or one ziggurat normal (testbed) for the reward, one division;
 * - UCB: K multiply-adds and compares (the width c·sqrt(ln t) is read from a table made once per c,
 *   not computed per step), one division and one square root to update the played arm;
 * - Thompson: 2K Marsaglia–Tsang gammas (two words each, almost never a log with the d-dependent
 *   squeeze of marsagliaTsangCandidate, the ziggurat's tables read
 *   inline) and K divisions, two square roots to refresh the played arm's cached constants.
 * Nothing is allocated per step. Returns false when no specialised loop applies.
 * @internal
 */
export function fastPlayRun(env: Environment<unknown>, policy: Policy<unknown>, policyIndex: number, run: number, horizon: number, seed: number, acc: PolicyAccumulator): boolean {
  const bernoulli = env instanceof BernoulliArms
  if (!bernoulli && !(env instanceof GaussianTestbed)) return false
  const ctor = policy.constructor
  const epsilon = ctor === EpsilonGreedy || ctor === Greedy || ctor === OptimisticGreedy
  const ucb = ctor === Ucb || ctor === Ucb1
  // Priors below 1 need the U^(1/shape) boost on some gammas: left to the generic loop, which keeps
  // that branch and its Math.pow out of this one.
  const thompson = ctor === BetaThompson && bernoulli && (policy as BetaThompson).config.priorAlpha >= 1 && (policy as BetaThompson).config.priorBeta >= 1
  if (!epsilon && !ucb && !thompson) return false
  const envRng = environmentStream(seed, run)
  const rng = policyStream(seed, policyIndex, run)
  env.reset(envRng)
  const K = env.nArms
  const means = env.expectedRewards(undefined, new Float64Array(K))
  let best = -Infinity
  for (let a = 0; a < K; a++) if (means[a] > best) best = means[a]
  const reward: RewardSource = bernoulli
    ? { thresholds: (env as BernoulliArms).thresholds, noiseSd: 0 }
    : { thresholds: null, noiseSd: (env as GaussianTestbed).noiseSd }
  const out = new Float64Array(2)
  const counts = new Float64Array(K)
  // Both streams stepped as int32 words in a typed array (nextWord): the same numbers as
  // rng.nextUint32(), without the generator object's boxed fields. The streams end with the run,
  // so the state is not handed back. The testbed's normals are drawn from envRng itself, which keeps
  // fastNormal's call site monomorphic (an Rng view of `st` there measured slower).
  const st = new Int32Array(8)
  rng.saveState(st, POLICY)
  envRng.saveState(st, ENV)
  if (epsilon) epsilonLoop((policy as EpsilonGreedy).config, K, horizon, means, best, reward, st, envRng, acc, counts, out)
  else if (ucb) ucbLoop((policy as Ucb).config.c, K, horizon, means, best, reward, st, envRng, acc, counts, out)
  else thompsonLoop((policy as BetaThompson).config, K, horizon, means, best, (env as BernoulliArms).thresholds, st, acc, counts, out)
  pushFinal(acc, "meanReward", out[0] / horizon)
  pushFinal(acc, "cumulativeRegret", out[1])
  let played = 0
  for (let a = 0; a < K; a++) if (counts[a] > 0) played++
  pushFinal(acc, "coverage", played / K)
  return true
}

function pushFinal(acc: PolicyAccumulator, key: string, value: number): void {
  ;(acc.finals[key] ??= []).push(value)
}

/** Bernoulli thresholds p_a·2³² (as BernoulliArms.reward), or the testbed's noise sd. */
interface RewardSource {
  thresholds: Float64Array | null
  noiseSd: number
}

/** Policy stream's state words at st[POLICY..POLICY + 3], the environment stream's at st[ENV..ENV + 3]. */
const POLICY = 0
const ENV = 4

/**
 * Plays the run, counting plays per arm into `counts` and keeping [total reward, cumulative regret]
 * in `out`. Both are written inside the loop, with nothing after it: V8 compiles a long loop
 * on-stack before any code after it has run, and code there without type feedback would
 * deoptimise that cached compilation at the end of every run (then the next run starts slow).
 */
function epsilonLoop(
  config: EpsilonGreedy["config"], K: number, horizon: number, means: Float64Array, best: number, source: RewardSource,
  st: Int32Array, envRng: Xoshiro128, acc: PolicyAccumulator, counts: Float64Array, out: Float64Array,
): void {
  const { epsilon, decay, initialValue } = config
  const stepSize = config.stepSize ?? 0
  const values = new Float64Array(K).fill(initialValue)
  const thresholds = source.thresholds
  const noiseSd = source.noiseSd
  // randomInt(rng, K)'s rejection limit: 2³² for a power of two, where x % K is x & (K − 1), its number.
  const limit = 4294967296 - (4294967296 % K)
  // The ziggurat's tables in locals: imported names compile to a property load of the module
  // object at every use, which V8 does not hoist out of a loop that contains calls.
  const kn = zigguratKn
  const wn = zigguratWn
  const { reward, reward2, optimal, regret, regret2 } = acc
  // Both streams' xoshiro128** states in locals (registers), stepped inline as nextWord does; written
  // to `st` only around the rare calls that step them elsewhere (tie-breaks, the ziggurat's slow path).
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
      const q = Math.imul(p1, 5)
      const w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
      const k = p1 << 9
      const n2 = p2 ^ p0
      const n3 = p3 ^ p1
      p1 ^= n2
      p0 ^= n3
      p2 = n2 ^ k
      p3 = (n3 << 11) | (n3 >>> 21)
      explore = w < eps * 4294967296
    }
    if (explore) {
      for (;;) {
        const q = Math.imul(p1, 5)
        const w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
        const k = p1 << 9
        const n2 = p2 ^ p0
        const n3 = p3 ^ p1
        p1 ^= n2
        p0 ^= n3
        p2 = n2 ^ k
        p3 = (n3 << 11) | (n3 >>> 21)
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
            const q = Math.imul(p1, 5)
            x = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = p1 << 9
            const n2 = p2 ^ p0
            const n3 = p3 ^ p1
            p1 ^= n2
            p0 ^= n3
            p2 = n2 ^ k
            p3 = (n3 << 11) | (n3 >>> 21)
          } while (x >= limit)
          if (x % ties === 0) arm = i
        }
      }
    }
    const expected = means[arm]
    let r: number
    if (thresholds !== null) {
      const q = Math.imul(e1, 5)
      const w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
      const k = e1 << 9
      const n2 = e2 ^ e0
      const n3 = e3 ^ e1
      e1 ^= n2
      e0 ^= n3
      e2 = n2 ^ k
      e3 = (n3 << 11) | (n3 >>> 21)
      r = w < thresholds[arm] ? 1 : 0
    } else {
      // fastNormal(envRng) on the local state: the ziggurat's layer word, then its value word.
      let z: number
      for (;;) {
        let q = Math.imul(e1, 5)
        const w = Math.imul((q << 7) | (q >>> 25), 9)
        let k = e1 << 9
        let n2 = e2 ^ e0
        let n3 = e3 ^ e1
        e1 ^= n2
        e0 ^= n3
        e2 = n2 ^ k
        e3 = (n3 << 11) | (n3 >>> 21)
        q = Math.imul(e1, 5)
        const hz = Math.imul((q << 7) | (q >>> 25), 9)
        k = e1 << 9
        n2 = e2 ^ e0
        n3 = e3 ^ e1
        e1 ^= n2
        e0 ^= n3
        e2 = n2 ^ k
        e3 = (n3 << 11) | (n3 >>> 21)
        const iz = w & (ZIGGURAT_LAYERS - 1)
        if (((hz ^ (hz >> 31)) - (hz >> 31)) < kn[iz]) {
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

function ucbLoop(
  c: number, K: number, horizon: number, means: Float64Array, best: number, source: RewardSource,
  st: Int32Array, envRng: Xoshiro128, acc: PolicyAccumulator, counts: Float64Array, out: Float64Array,
): void {
  // An unplayed arm has est = ∞ and invSqrt = 0, so its index est + width·invSqrt is ∞ (as in Ucb)
  // with no per-arm test of its count; est is set to 0 just before its first update.
  const est = new Float64Array(K).fill(Infinity)
  const invSqrt = new Float64Array(K)
  const widths = ucbWidths(c, horizon)
  const thresholds = source.thresholds
  const noiseSd = source.noiseSd
  const { reward, reward2, optimal, regret, regret2 } = acc
  // The environment stream's state in locals, stepped inline as nextWord does (Bernoulli rewards;
  // the testbed's normals come from envRng, whose state these words copy, and they are then unused).
  let p0 = st[POLICY] // the policy stream's state likewise, for tie-breaks
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
        // randomInt(rng, ties) on the local state, inline, so that the loop makes no call (a call
        // in the Thompson loop, even one rarely made, kept the state words out of registers).
        const limit = 4294967296 - (4294967296 % ties)
        let x: number
        do {
          const q = Math.imul(p1, 5)
          x = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = p1 << 9
          const n2 = p2 ^ p0
          const n3 = p3 ^ p1
          p1 ^= n2
          p0 ^= n3
          p2 = n2 ^ k
          p3 = (n3 << 11) | (n3 >>> 21)
        } while (x >= limit)
        if (x % ties === 0) arm = i
      }
    }
    const expected = means[arm]
    let r: number
    if (thresholds !== null) {
      const q = Math.imul(e1, 5)
      const w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
      const k = e1 << 9
      const n2 = e2 ^ e0
      const n3 = e3 ^ e1
      e1 ^= n2
      e0 ^= n3
      e2 = n2 ^ k
      e3 = (n3 << 11) | (n3 >>> 21)
      r = w < thresholds[arm] ? 1 : 0
    } else r = expected + noiseSd * fastNormal(envRng) // the testbed: envRng itself, the locals unused
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

function thompsonLoop(
  config: BetaThompson["config"], K: number, horizon: number, means: Float64Array, best: number, thresholds: Float64Array,
  st: Int32Array, acc: PolicyAccumulator, counts: Float64Array, out: Float64Array,
): void {
  const { priorAlpha, priorBeta } = config
  // Per arm a: shapes[2a] = α_a, shapes[2a + 1] = β_a, and their Marsaglia–Tsang constants d and c
  // alongside, so that the 2K gammas of a step are one loop in betaCached's order (Ga, then Gb).
  const shapes = new Float64Array(2 * K)
  const ds = new Float64Array(2 * K)
  const cs = new Float64Array(2 * K)
  for (let a = 0; a < K; a++) {
    shapes[2 * a] = priorAlpha
    shapes[2 * a + 1] = priorBeta
  }
  for (let j = 0; j < 2 * K; j++) {
    ds[j] = gammaD(shapes[j])
    cs[j] = gammaC(ds[j])
  }
  const { reward, reward2, optimal, regret, regret2 } = acc
  const wn = zigguratWn // in locals, as in epsilonLoop
  const fn = zigguratFn
  const knw = zigguratKnw
  // Priors ≥ 1 (see fastPlayRun) and shapes only grow: no gamma needs betaCached's shape < 1 boost.
  // The policy stream's xoshiro128** state in four locals (registers), stepped inline as nextWord does.
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
      // words out of registers (≈ 2.5 ns on every gamma), and so did a nested loop, so the tail's
      // rejection loop is this loop's `tail` mode. Each uniform is (word + 0.5)·2⁻³².
      let tail = false
      let tailHz = 0
      for (;;) {
        let z: number
        let u: number
        let word = 0
        if (!tail) {
          let q = Math.imul(s1, 5)
          const w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          let k = s1 << 9
          let n2 = s2 ^ s0
          let n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
          q = Math.imul(s1, 5)
          const hz = Math.imul((q << 7) | (q >>> 25), 9)
          k = s1 << 9
          n2 = s2 ^ s0
          n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
          const iz = w & (ZIGGURAT_LAYERS - 1)
          z = hz * wn[iz]
          if (Math.abs(z) < knw[iz]) u = ((w >>> 7) + 0.5) * 2.9802322387695312e-8 // as gammaMarsagliaTsang: the high 25 bits
          else if (iz === 0) {
            tail = true // beyond R: Marsaglia's (1964) exponential rejection, from the next iteration
            tailHz = hz
            continue
          } else {
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
            if (!(fn[iz] + (word + 0.5) * 2.3283064365386963e-10 * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * z * z))) continue
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
