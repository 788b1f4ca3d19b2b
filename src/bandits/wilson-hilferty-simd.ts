import { type Rng, Xoshiro128 } from "../random/rng"
import { counterNormals, wilsonHilfertyF32 } from "./counter-normals"
import { countSlot, wilsonHilfertySimdLayout, wilsonHilfertySimdModuleBytes } from "./wilson-hilferty-simd-module"

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
 * row of Beta posteriors Beta(α_a, β_a), α_a = prior α_a + S_ua, β_a = prior β_a + F_ua, each θ_a drawn by the
 * Wilson–Hilferty cube-root normal approximation
 *   θ = m·(1 − r²/9 + z·r/3)³,  m = α/(α + β),  r² = β/(α(α + β + 1)),
 * (Wilson & Hilferty 1931, as in {@link wilsonHilfertyArgmax}) with counter-based normals: a decision takes
 * two words k0, k1 of the caller's generator, and arm a's normal is a single-precision Box–Muller draw from
 * the words lowbias32((k0 + c·γ) ⊕ k1) of counters c = a and a ± 4 ({@link counterNormals}). So every arm's
 * draw depends only on (k0, k1, a, the posterior), never on the order of evaluation: four arms run in the
 * lanes of one f32x4 in WebAssembly SIMD, and the JavaScript fall-back (no WebAssembly, or `wasm: false`)
 * evaluates the same single-precision operations in the same order ({@link counterNormals},
 * {@link wilsonHilfertyF32}), hence the same bits and the same arm.
 *
 * The kernel holds the counts S, F and the priors in single precision, one row of 8·K₈ bytes per
 * user (K₈ = K rounded up to 8; see {@link wilsonHilfertySimdLayout}): a decision reads 7 cache lines at K = 50
 * where the Float64Arrays S and F take 13, and sums α = f32(prior) + f32(S), β = f32(prior) + f32(F) in f32.
 * The owner reads and writes them per observation ({@link WilsonHilfertySimd.countsOf},
 * {@link WilsonHilfertySimd.setCounts}, {@link WilsonHilfertySimd.copyPrior}), and whole tables by
 * {@link WilsonHilfertySimd.load} and {@link WilsonHilfertySimd.store}. The rest is f32. Normals: Box & Muller
 * (1958, "A note on the generation of random normal deviates", Ann. Math. Stat. 29), z = √(−2 ln u)·cos/sin(2πv),
 * the angle's octant from three bits; lowbias32 from Wellons (2018).
 * Accuracy (test/bandits/wilson-hilferty-simd.test.ts): a normal is within 10⁻⁶ of the exact transform
 * of the same words (|z| ≤ 5.77 since u ≥ 2⁻²⁴; P(|Z| > 5.77) ≈ 8·10⁻⁹), and 10⁶ of them pass a 50-bin
 * chi-square and a Kolmogorov–Smirnov test; θ is within 2·10⁻⁶·m of the double-precision formula on the
 * same z, far below the approximation's own error: the chosen-arm distribution is the Wilson–Hilferty one,
 * within a total variation of 0.0004–0.035 of the exact sampler's, as for `approximate: true`.
 * @example
 * const k = WilsonHilfertySimd.create(100, 12)
 * k.load(new Float64Array(1200), new Float64Array(1200), new Float64Array(12).fill(1), new Float64Array(12).fill(9))
 * k.drawKey(rng)
 * const arm = k.decide(7)
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
  /** The counts table (users rows of 2·K₈ floats) and the priors (one such row), in the kernel's memory. */
  readonly #counts: Float32Array
  readonly #priors: Float32Array
  /** Floats per user row: 2·K₈. */
  readonly #rowFloats: number
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
    this.#rowFloats = 2 * at.padded
    this.#counts = new Float32Array(buffer, 0, users * this.#rowFloats)
    this.#priors = new Float32Array(buffer, at.priors, this.#rowFloats).fill(1)
    this.#draws = new Float32Array(buffer, at.draws, arms)
    this.#keys = new Int32Array(buffer, at.keys, 2)
    this.#decide = decide
    this.#draw = draw
    this.#normals = new Float64Array(at.padded)
  }

  /** Writes user `user`'s S and F of arm `arm`, as the kernel holds them, to out[0] and out[1]. */
  countsOf(user: number, arm: number, out: Float64Array): void {
    const i = user * this.#rowFloats + countSlot(arm)
    out[0] = this.#counts[i]
    out[1] = this.#counts[i + 4]
  }

  /** Sets user `user`'s S and F of arm `arm` to counts[0] and counts[1] (rounded to f32). */
  setCounts(user: number, arm: number, counts: Float64Array): void {
    const i = user * this.#rowFloats + countSlot(arm)
    this.#counts[i] = counts[0]
    this.#counts[i + 4] = counts[1]
  }

  /** Copies arm `arm`'s prior Beta(α, β) from the tables (K each), rounded to f32. */
  copyPrior(arm: number, priorAlpha: Float64Array, priorBeta: Float64Array): void {
    const i = countSlot(arm)
    this.#priors[i] = priorAlpha[arm]
    this.#priors[i + 4] = priorBeta[arm]
  }

  /** Copies whole tables in: S and F (users × K, user u's row at u·K), rounded to f32, and the priors (K each). */
  load(successes: Float64Array, failures: Float64Array, priorAlpha: Float64Array, priorBeta: Float64Array): void {
    const K = this.nArms
    for (let a = 0; a < K; a++) {
      this.copyPrior(a, priorAlpha, priorBeta)
      const slot = countSlot(a)
      for (let u = 0; u < this.nUsers; u++) {
        this.#counts[u * this.#rowFloats + slot] = successes[u * K + a]
        this.#counts[u * this.#rowFloats + slot + 4] = failures[u * K + a]
      }
    }
  }

  /** Copies the counts out: S and F (users × K, user u's row at u·K). */
  store(successes: Float64Array, failures: Float64Array): void {
    const K = this.nArms
    for (let a = 0; a < K; a++) {
      const slot = countSlot(a)
      for (let u = 0; u < this.nUsers; u++) {
        successes[u * K + a] = this.#counts[u * this.#rowFloats + slot]
        failures[u * K + a] = this.#counts[u * this.#rowFloats + slot + 4]
      }
    }
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

  /** The arm with the largest θ_a of user `user` (the first on a tie) for the current key. */
  decide(user: number): number {
    if (this.#decide !== null) return this.#decide(user * this.#rowFloats * 4)
    return this.#fallBack(user, null)
  }

  /** As {@link WilsonHilfertySimd.decide}, and writes every θ_a to `out` (K entries). */
  draw(user: number, out: Float64Array): number {
    if (this.#draw === null) return this.#fallBack(user, out)
    const best = this.#draw(user * this.#rowFloats * 4)
    for (let a = 0; a < this.nArms; a++) out[a] = this.#draws[a]
    return best
  }

  #fallBack(user: number, out: Float64Array | null): number {
    const z = this.#normals
    counterNormals(this.#keys[0], this.#keys[1], this.nArms, z)
    const f = Math.fround
    const counts = this.#counts
    const priors = this.#priors
    const row = user * this.#rowFloats
    let best = 0
    let bestValue = Number.NEGATIVE_INFINITY
    for (let a = 0; a < this.nArms; a++) {
      const i = countSlot(a)
      const alpha = f(priors[i] + counts[row + i])
      const beta = f(priors[i + 4] + counts[row + i + 4])
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
