import { type Rng, Xoshiro128 } from "../random/rng"
import { counterNormals, wilsonHilfertyF32 } from "./counter-normals"
import { wilsonHilfertySimdLayout, wilsonHilfertySimdModuleBytes } from "./wilson-hilferty-simd-module"

// ES2022 and @types/node declare no WebAssembly global: the members used here.
interface WebAssemblyMemory {
  buffer: ArrayBuffer
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => WebAssemblyMemory
}

type Decide = (row: number) => number

const modules = new Map<string, object>()

/**
 * The state and sampler of hierarchical Thompson with `approximate: true, simd: true`: a Thompson decision over a user's
 * row of Beta posteriors Beta(α_a, β_a), α_a = priorAlpha[a] + successes[u·K + a], β_a = priorBeta[a] +
 * failures[u·K + a], each θ_a drawn by the Wilson–Hilferty cube-root normal approximation
 *   θ = m·(1 − r²/9 + z·r/3)³,  m = α/(α + β),  r² = β/(α(α + β + 1)),
 * (Wilson & Hilferty 1931, as in {@link wilsonHilfertyArgmax}) with counter-based normals: a decision takes
 * two words k0, k1 of the caller's generator, and arm a's normal is a single-precision Box–Muller draw from
 * the words lowbias32((k0 + c·γ) ⊕ k1) of counters c = a and a ± 4 ({@link counterNormals}). So every arm's
 * draw depends only on (k0, k1, a, the posterior), never on the order of evaluation: four arms run in the
 * lanes of one f32x4 in WebAssembly SIMD, and the JavaScript fall-back (no WebAssembly, or `wasm: false`)
 * evaluates the same single-precision operations in the same order ({@link counterNormals},
 * {@link wilsonHilfertyF32}), hence the same bits and the same arm.
 *
 * S, F and the priors live in the kernel's memory (the Float64Array views below): the policy updates them
 * in place and the kernel reads them, with no copy. α and β are summed in f64 and rounded to f32; the rest
 * is f32. Normals: Box & Muller (1958, "A note on the generation of random normal deviates", Ann. Math.
 * Stat. 29), z = √(−2 ln u)·cos/sin(2πv), the angle's octant from three bits; lowbias32 from Wellons (2018).
 * Accuracy (test/bandits/wilson-hilferty-simd.test.ts): a normal is within 10⁻⁶ of the exact transform
 * of the same words (|z| ≤ 5.77 since u ≥ 2⁻²⁴; P(|Z| > 5.77) ≈ 8·10⁻⁹), and 10⁶ of them pass a 50-bin
 * chi-square and a Kolmogorov–Smirnov test; θ is within 2·10⁻⁶·m of the double-precision formula on the
 * same z, far below the approximation's own error: the chosen-arm distribution is the Wilson–Hilferty one,
 * within a total variation of 0.0004–0.035 of the exact sampler's, as for `approximate: true`.
 * @example
 * const k = WilsonHilfertySimd.create(100, 12)
 * k.priorAlpha.fill(1); k.priorBeta.fill(9)
 * k.drawKey(rng)
 * const arm = k.decide(7 * 12)
 */
export class WilsonHilfertySimd {
  /** A kernel for `users` × `arms`, in WebAssembly when the machine has it (and `wasm` is not false), else in JavaScript. */
  static create(users: number, arms: number, options: { wasm?: boolean } = {}): WilsonHilfertySimd {
    const at = wilsonHilfertySimdLayout(users, arms)
    if (options.wasm !== false && typeof WebAssembly !== "undefined" && at.end <= 2 ** 31) {
      let memory: WebAssemblyMemory | null = null
      try {
        memory = new WebAssembly.Memory({ initial: Math.ceil(at.end / 65536) })
      } catch (e) {
        if (!(e instanceof RangeError)) throw e
      }
      if (memory !== null) {
        const key = `${users} ${arms}`
        let module = modules.get(key)
        if (!module) {
          module = new WebAssembly.Module(wilsonHilfertySimdModuleBytes(users, arms))
          modules.set(key, module)
        }
        const { exports } = new WebAssembly.Instance(module, { env: { memory } })
        return new WilsonHilfertySimd(users, arms, memory.buffer, exports.decide as Decide, exports.draw as Decide)
      }
    }
    return new WilsonHilfertySimd(users, arms, new ArrayBuffer(at.end), null, null)
  }

  readonly nUsers: number
  readonly nArms: number
  /** Whether the decisions run in WebAssembly. */
  readonly wasm: boolean
  /** S_ua and F_ua, user u's row at u·K. */
  readonly successes: Float64Array
  readonly failures: Float64Array
  /** The priors α_a and β_a (K entries; the padding up to a multiple of 8 holds 1s). */
  readonly priorAlpha: Float64Array
  readonly priorBeta: Float64Array
  readonly #draws: Float32Array
  readonly #keys: Int32Array
  /** A generator's state words while {@link WilsonHilfertySimd.drawKey} steps it inline. */
  readonly #state = new Int32Array(4)
  readonly #decide: Decide | null
  readonly #draw: Decide | null
  /** The fall-back's normals (K rounded up to 8). */
  readonly #normals: Float64Array

  private constructor(users: number, arms: number, buffer: ArrayBuffer, decide: Decide | null, draw: Decide | null) {
    const at = wilsonHilfertySimdLayout(users, arms)
    this.nUsers = users
    this.nArms = arms
    this.wasm = decide !== null
    this.successes = new Float64Array(buffer, 0, users * arms)
    this.failures = new Float64Array(buffer, at.failures, users * arms)
    new Float64Array(buffer, at.priorAlpha, 2 * at.padded).fill(1)
    this.priorAlpha = new Float64Array(buffer, at.priorAlpha, arms)
    this.priorBeta = new Float64Array(buffer, at.priorBeta, arms)
    this.#draws = new Float32Array(buffer, at.draws, arms)
    this.#keys = new Int32Array(buffer, at.keys, 2)
    this.#decide = decide
    this.#draw = draw
    this.#normals = new Float64Array(at.padded)
  }

  /** Sets the decision's key (k0, k1) (32-bit words; their bits are used). */
  key(k0: number, k1: number): void {
    this.#keys[0] = k0
    this.#keys[1] = k1
  }

  /**
   * Sets the key to two words of `rng`, k0 = rng.nextUint32(), k1 = rng.nextUint32(): for a Xoshiro128,
   * stepped inline on its state words (the same words, never boxed as they would be when returned).
   */
  drawKey(rng: Rng): void {
    const keys = this.#keys
    if (!(rng instanceof Xoshiro128)) {
      keys[0] = rng.nextUint32()
      keys[1] = rng.nextUint32()
      return
    }
    const st = this.#state
    rng.saveState(st)
    let s0 = st[0]
    let s1 = st[1]
    let s2 = st[2]
    let s3 = st[3]
    let w: number
    // @xoshiro s → w signed
    {
      const q = Math.imul(s1, 5)
      w = Math.imul((q << 7) | (q >>> 25), 9)
      const k = s1 << 9
      const n2 = s2 ^ s0
      const n3 = s3 ^ s1
      s1 ^= n2
      s0 ^= n3
      s2 = n2 ^ k
      s3 = (n3 << 11) | (n3 >>> 21)
    }
    keys[0] = w
    // @xoshiro s → w signed
    {
      const q = Math.imul(s1, 5)
      w = Math.imul((q << 7) | (q >>> 25), 9)
      const k = s1 << 9
      const n2 = s2 ^ s0
      const n3 = s3 ^ s1
      s1 ^= n2
      s0 ^= n3
      s2 = n2 ^ k
      s3 = (n3 << 11) | (n3 >>> 21)
    }
    keys[1] = w
    st[0] = s0
    st[1] = s1
    st[2] = s2
    st[3] = s3
    rng.loadState(st)
  }

  /** The arm with the largest θ_a of user row `row` (= u·K; the first on a tie) for the current key. */
  decide(row: number): number {
    if (this.#decide !== null) return this.#decide(row * 8)
    return this.#fallBack(row, null)
  }

  /** As {@link WilsonHilfertySimd.decide}, and writes every θ_a to `out` (K entries). */
  draw(row: number, out: Float64Array): number {
    if (this.#draw === null) return this.#fallBack(row, out)
    const best = this.#draw(row * 8)
    for (let a = 0; a < this.nArms; a++) out[a] = this.#draws[a]
    return best
  }

  #fallBack(row: number, out: Float64Array | null): number {
    const z = this.#normals
    counterNormals(this.#keys[0], this.#keys[1], this.nArms, z)
    const f = Math.fround
    let best = 0
    let bestValue = Number.NEGATIVE_INFINITY
    for (let a = 0; a < this.nArms; a++) {
      const alpha = f(this.priorAlpha[a] + this.successes[row + a])
      const beta = f(this.priorBeta[a] + this.failures[row + a])
      const v = wilsonHilfertyF32(alpha, beta, z[a])
      if (out !== null) out[a] = v
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
    return best
  }
}
