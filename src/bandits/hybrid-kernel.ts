import {
  BR_IF,
  END,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SUB,
  I32,
  I32_ADD,
  I32_LT_U,
  I32_MUL,
  LOCAL_TEE,
  LOOP,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_LOAD64_SPLAT,
  V128_STORE,
  get,
  i32,
  memarg,
  set,
  uleb,
  vector,
  type ModuleFunction,
  funcType,
  moduleBytes,
} from "../linalg/kernels/wasm-encoding"
import { RidgeKernel, ridgeLayout, rowsBody } from "./ridge-kernel"

/**
 * WebAssembly kernel for hybrid LinUCB ({@link HybridLinUcb}; Li, Chu, Langford & Schapire 2010,
 * algorithm 2): one WebAssembly.Memory holds the per-arm ridge state A_a⁻¹, θ_a (a {@link RidgeKernel}
 * on its first bytes, which {@link RidgeArms} uses), M_aᵀ, A₀⁻¹, b₀, β̂ and the shared features z_a,
 * and two functions do the numeric work of a step.
 *
 * `decide` — every arm's index, with x in `x` and z_a in `z`:
 *   the pair products of x ({@link RidgeArms.setPairs}), the widths xᵀA_a⁻¹x and means θ_aᵀx (the
 *   code of {@link RidgeKernel}), w_a = M_aᵀx (the same code over the K·k rows of M_aᵀ), then
 *     v = z_a − w_a,   m_a = θ_aᵀx + Σ_i v_i β̂_i,
 *     s_a = xᵀA_a⁻¹x + Σ_i 2v_i (½A₀⁻¹_ii v_i + Σ_{j>i} A₀⁻¹_ij v_j),   p_a = m_a + α √max(s_a, 0),
 *   sums in increasing i and j, two arms per f64x2 (lane 0 arm a, lane 1 arm a + 1; an odd K is
 *   padded with one arm of zeros whose lane is not read).
 * `update(a, r)` — the step of {@link HybridLinUcb.update} after z_a is written: u = A_a⁻¹x, the
 *   rank-one steps of M_a, b₀, A₀⁻¹ and A_a⁻¹, β̂ = A₀⁻¹b₀ and θ_a, in scalar f64, unrolled for the
 *   module's d and k (emitted for d ≤ 64 only, {@link HybridKernel.updates}; larger d update in
 *   JavaScript on the same arrays).
 * Every number gets the IEEE f64 operations of the JavaScript fall-back ({@link RidgeArms},
 * {@link pairedRowDots}, {@link hybridScores} and the update of {@link HybridLinUcb}) in the same
 * order, with no fused or relaxed operations: both give the same bits, hence the same picks.
 *
 * There is no wat2wasm here: {@link hybridModuleBytes} emits the module, one per (K, d, k), all
 * addresses baked in, compiled once and cached. The text of the index loop of `decide`:
 *
 * (loop $arms                                                  ;; $r = 8a, $zq = z + 8ak, $wq = w + 8ak
 *   (local.set $vi (f64x2.sub                                  ;; i = 0 … k − 1
 *     (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8i (local.get $zq))) (f64.load offset=8(k+i) (local.get $zq)))
 *     (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8i (local.get $wq))) (f64.load offset=8(k+i) (local.get $wq)))))
 *   (local.set $m (v128.load offset=MEANS (local.get $r)))
 *   (local.set $m (f64x2.add (local.get $m) (f64x2.mul (local.get $vi) (v128.load64_splat offset=BETA+8i (i32.const 0)))))
 *   (local.set $s (v128.load offset=WIDTHS (local.get $r)))
 *   ;; i = 0 … k − 1: t = ½A₀⁻¹_ii·v_i, then t += A₀⁻¹_ij·v_j for j > i, then s += 2v_i·t
 *   (local.set $t (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (v128.load64_splat offset=INV+8(ik+i) (i32.const 0))) (local.get $vi)))
 *   (local.set $t (f64x2.add (local.get $t) (f64x2.mul (v128.load64_splat offset=INV+8(ik+j) (i32.const 0)) (local.get $vj))))
 *   (local.set $s (f64x2.add (local.get $s) (f64x2.mul (f64x2.mul (v128.const f64x2 2 2) (local.get $vi)) (local.get $t))))
 *   (v128.store offset=OUT (local.get $r)
 *     (f64x2.add (local.get $m) (f64x2.mul (v128.load64_splat offset=ALPHA (i32.const 0))
 *       (f64x2.sqrt (v128.and (local.get $s) (f64x2.gt (local.get $s) (v128.const i64x2 0 0)))))))
 *   (local.set $zq (i32.add (local.get $zq) (i32.const 16k))) (local.set $wq (i32.add (local.get $wq) (i32.const 16k)))
 *   (br_if $arms (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (i32.const 8·even K))))
 * @example
 * const kernel = HybridKernel.create(50, 20, 6) // null without WebAssembly
 * if (kernel) { kernel.x.set(x); kernel.z.set(z); const p = kernel.decide() }
 */
export class HybridKernel {
  /**
   * A kernel for K arms, d visit features and k shared features, or null where WebAssembly or its
   * memory is missing (see {@link RidgeKernel.create}); callers then use {@link RidgeArms} without a
   * kernel, {@link pairedRowDots}, {@link hybridScores} and their own update.
   */
  static create(nArms: number, dimension: number, shared: number): HybridKernel | null {
    if (typeof WebAssembly === "undefined") return null
    const at = layout(nArms, dimension, shared)
    let memory: WebAssemblyMemory
    try {
      memory = new WebAssembly.Memory({ initial: Math.ceil(at.end / 65536) })
    } catch (e) {
      if (e instanceof RangeError) return null
      throw e
    }
    return new HybridKernel(nArms, dimension, shared, at, memory)
  }

  readonly nArms: number
  readonly dimension: number
  readonly shared: number
  /** Whether {@link HybridKernel.update} exists (d ≤ 64: its code is unrolled, O(d²) instructions). */
  readonly updates: boolean
  /** A_a⁻¹, θ_a and x, for {@link RidgeArms}. */
  readonly ridge: RidgeKernel
  /** The visit features x (d numbers; `ridge.x`). */
  readonly x: Float64Array
  /** β̂ (k numbers). */
  readonly beta: Float64Array
  /** A₀⁻¹, k × k row-major. */
  readonly inverse: Float64Array
  /** b₀ (k numbers). */
  readonly b0: Float64Array
  /** α (one number). */
  readonly alpha: Float64Array
  /** M_aᵀ: k rows of d per arm, arm a at a·k·d. */
  readonly rows: Float64Array
  /** w_a = M_aᵀx, arm a at a·k (K rounded up to even arms; written by {@link HybridKernel.decide}). */
  readonly w: Float64Array
  /** z_a, arm a at a·k (K rounded up to even arms). */
  readonly z: Float64Array
  /** xᵀA_a⁻¹x (K rounded up to even; written by {@link HybridKernel.decide}). */
  readonly widths: Float64Array
  /** θ_aᵀx (K rounded up to even; written by {@link HybridKernel.decide}). */
  readonly means: Float64Array
  private readonly out: Float64Array
  private readonly decideArms: () => void
  private readonly updateArm: UpdateFunction | null

  private constructor(nArms: number, dimension: number, shared: number, at: Layout, memory: WebAssemblyMemory) {
    this.nArms = nArms
    this.dimension = dimension
    this.shared = shared
    this.updates = dimension <= MAX_UNROLLED
    const exports = new WebAssembly.Instance(hybridModule(nArms, dimension, shared), { env: { memory } }).exports
    this.decideArms = exports.decide as () => void
    this.updateArm = (exports.update as UpdateFunction | undefined) ?? null
    this.ridge = RidgeKernel.over(nArms, dimension, memory)
    this.x = this.ridge.x
    const view = (byte: number, length: number) => new Float64Array(memory.buffer, byte, length)
    const even = at.evenArms
    this.beta = view(at.beta, shared)
    this.inverse = view(at.inverse, shared * shared)
    this.b0 = view(at.b0, shared)
    this.alpha = view(at.alpha, 1)
    this.rows = view(at.rows, nArms * shared * dimension)
    this.w = view(at.w, even * shared)
    this.z = view(at.z, even * shared)
    this.widths = view(at.widths, even)
    this.means = view(at.means, even)
    this.out = view(at.out, nArms)
  }

  /** Every arm's p_a from the arrays above (a view, overwritten by the next call). */
  decide(): Float64Array {
    this.decideArms()
    return this.out
  }

  /** The step of arm `arm` with reward `reward`, x in `x` and z_a in `z` (only where {@link HybridKernel.updates}). */
  update(arm: number, reward: number): void {
    if (!this.updateArm) throw new Error(`HybridKernel: no update for d = ${this.dimension} > ${MAX_UNROLLED}`)
    this.updateArm(arm, reward)
  }
}

/**
 * The scores of {@link HybridKernel} in JavaScript: for each arm a < K, v = z_a − w_a (`v`, k
 * numbers, is scratch), out[a] = m_a + α √max(s_a, 0) with m_a and s_a as there, in the same order.
 */
export function hybridScores(
  nArms: number,
  shared: number,
  z: Float64Array,
  w: Float64Array,
  widths: Float64Array,
  means: Float64Array,
  beta: Float64Array,
  inverse: Float64Array,
  alpha: number,
  v: Float64Array,
  out: Float64Array,
): Float64Array {
  const k = shared
  for (let a = 0; a < nArms; a++) {
    const o = a * k
    let mean = means[a]
    for (let i = 0; i < k; i++) {
      const vi = z[o + i] - w[o + i]
      v[i] = vi
      mean += vi * beta[i]
    }
    // vᵀA₀⁻¹v over the upper triangle (A₀⁻¹ is symmetric).
    let s = widths[a]
    for (let i = 0; i < k; i++) {
      const vi = v[i]
      const r = i * k
      let t = 0.5 * inverse[r + i] * vi
      for (let j = i + 1; j < k; j++) t += inverse[r + j] * v[j]
      s += 2 * vi * t
    }
    out[a] = mean + alpha * Math.sqrt(s > 0 ? s : 0)
  }
  return out
}

// ES2022 and @types/node declare no WebAssembly global: the members used here.
interface WebAssemblyMemory {
  buffer: ArrayBuffer
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => WebAssemblyMemory
}

/** The largest d whose module has `update`: its unrolled code grows as d². */
const MAX_UNROLLED = 64

type Layout = ReturnType<typeof layout>
type UpdateFunction = (arm: number, reward: number) => void

/** Byte addresses in a kernel's memory: the {@link RidgeKernel}'s arrays first, then the hybrid's, each 16-byte aligned. */
function layout(nArms: number, dimension: number, shared: number) {
  const ridge = ridgeLayout(nArms, dimension)
  const bytes = (n: number) => (n + (n & 1)) * 8
  const evenArms = nArms + (nArms & 1)
  const beta = Math.ceil(ridge.end / 16) * 16
  const inverse = beta + bytes(shared)
  const b0 = inverse + bytes(shared * shared)
  const alpha = b0 + bytes(shared)
  const rows = alpha + bytes(1)
  const w = rows + bytes(nArms * shared * dimension)
  const z = w + bytes(evenArms * shared)
  const widths = z + bytes(evenArms * shared)
  const means = widths + bytes(evenArms)
  const out = means + bytes(evenArms)
  return { ridge, evenArms, beta, inverse, b0, alpha, rows, w, z, widths, means, out, end: out + bytes(evenArms) }
}

const modules = new Map<string, object>()

function hybridModule(nArms: number, dimension: number, shared: number): object {
  const key = `${nArms} ${dimension} ${shared}`
  let module = modules.get(key)
  if (!module) {
    module = new WebAssembly.Module(hybridModuleBytes(nArms, dimension, shared))
    modules.set(key, module)
  }
  return module
}

// Opcodes beyond `wasm-encoding` (SIMD: prefix 0xfd, then the opcode as LEB128).
const F64 = 0x7c
const F64_CONST = 0x44
const F64_LOAD = 0x2b
const F64_STORE = 0x39
const F64_ADD = 0xa0
const F64_SUB = 0xa1
const F64_MUL = 0xa2
const F64_DIV = 0xa3
const CALL = 0x10
const F64X2_SPLAT = [0xfd, 0x14]
const F64X2_REPLACE_LANE = [0xfd, 0x22]
const F64X2_GT = [0xfd, 0x4a]
const V128_AND = [0xfd, 0x4e]
const F64X2_SQRT = [0xfd, 0xef, 0x01]
const V128_CONST = [0xfd, 0x0c]
/** Alignment hint 2³ bytes (every access here is at least 8-byte aligned). */
const ALIGN = 3

type Code = number[]
const f64 = (value: number): Code => [F64_CONST, ...new Uint8Array(new Float64Array([value]).buffer)]
const f64x2 = (value: number): Code => [...V128_CONST, ...new Uint8Array(new Float64Array([value, value]).buffer)]
const add = (a: Code, b: Code): Code => [...a, ...b, F64_ADD]
const sub = (a: Code, b: Code): Code => [...a, ...b, F64_SUB]
const mul = (a: Code, b: Code): Code => [...a, ...b, F64_MUL]
const div = (a: Code, b: Code): Code => [...a, ...b, F64_DIV]
/** f64 at byte `base` + `offset` (base: the code of an i32). */
const load = (base: Code, offset: number): Code => [...base, F64_LOAD, ...memarg(ALIGN, offset)]
const store = (base: Code, offset: number, value: Code): Code => [
  ...base,
  ...value,
  F64_STORE,
  ...memarg(ALIGN, offset),
]
const ZERO = i32(0)

/** Locals: `i32` i32s, `f64` f64s, `v128` v128s, in that order (after the parameters). */
function locals(i32s: number, f64s: number, v128s: number): Code {
  const groups: [number, number][] = [
    [i32s, I32],
    [f64s, F64],
    [v128s, V128],
  ]
  return vector(groups.filter(([n]) => n > 0).map(([n, type]) => [...uleb(n), type]))
}

function body(declared: Code, code: Code): Code {
  const all = [...declared, ...code, END]
  return [...uleb(all.length), ...all]
}

/** `decide`: pair products, the three row products (functions 0 and 1), then the index loop. */
function decideBody(at: Layout, nArms: number, d: number, k: number): Code {
  const R = 0
  const ZQ = 1
  const WQ = 2
  const X = 3
  const XI2 = X + d
  const V = XI2 + 1
  const M = V + k
  const S = M + 1
  const T = S + 1
  const code: Code = []
  for (let i = 0; i < d; i++) code.push(...load(ZERO, at.ridge.x + 8 * i), ...set(X + i))
  let p = 0
  for (let i = 0; i < d; i++) {
    code.push(...store(ZERO, at.ridge.pairs + 8 * p++, mul(get(X + i), get(X + i))))
    code.push(...add(get(X + i), get(X + i)), ...set(XI2))
    for (let j = i + 1; j < d; j++) code.push(...store(ZERO, at.ridge.pairs + 8 * p++, mul(get(XI2), get(X + j))))
  }
  const call = (f: number, rows: number, out: number, count: number) =>
    code.push(...i32(rows), ...i32(out), ...i32(count), CALL, ...uleb(f))
  call(0, at.ridge.inverse, at.widths, nArms)
  call(1, at.ridge.theta, at.means, nArms)
  call(1, at.rows, at.w, nArms * k)
  const splat = (byte: number) => [...ZERO, ...V128_LOAD64_SPLAT, ...memarg(ALIGN, byte)]
  const lanes = (base: number, i: number) => [
    ...load(get(base), 8 * i),
    ...F64X2_SPLAT,
    ...load(get(base), 8 * (k + i)),
    ...F64X2_REPLACE_LANE,
    1,
  ]
  code.push(...i32(at.z), ...set(ZQ), ...i32(at.w), ...set(WQ), LOOP, NO_RESULT)
  for (let i = 0; i < k; i++) code.push(...lanes(ZQ, i), ...lanes(WQ, i), ...F64X2_SUB, ...set(V + i))
  code.push(...get(R), ...V128_LOAD, ...memarg(ALIGN, at.means), ...set(M))
  for (let i = 0; i < k; i++)
    code.push(...get(M), ...get(V + i), ...splat(at.beta + 8 * i), ...F64X2_MUL, ...F64X2_ADD, ...set(M))
  code.push(...get(R), ...V128_LOAD, ...memarg(ALIGN, at.widths), ...set(S))
  for (let i = 0; i < k; i++) {
    const row = at.inverse + 8 * i * k
    code.push(...f64x2(0.5), ...splat(row + 8 * i), ...F64X2_MUL, ...get(V + i), ...F64X2_MUL, ...set(T))
    for (let j = i + 1; j < k; j++)
      code.push(...get(T), ...splat(row + 8 * j), ...get(V + j), ...F64X2_MUL, ...F64X2_ADD, ...set(T))
    code.push(...get(S), ...f64x2(2), ...get(V + i), ...F64X2_MUL, ...get(T), ...F64X2_MUL, ...F64X2_ADD, ...set(S))
  }
  code.push(...get(R), ...get(M), ...splat(at.alpha))
  code.push(...get(S), ...get(S), ...f64x2(0), ...F64X2_GT, ...V128_AND, ...F64X2_SQRT)
  code.push(...F64X2_MUL, ...F64X2_ADD, ...V128_STORE, ...memarg(ALIGN, at.out))
  code.push(...get(ZQ), ...i32(16 * k), I32_ADD, ...set(ZQ), ...get(WQ), ...i32(16 * k), I32_ADD, ...set(WQ))
  code.push(...get(R), ...i32(16), I32_ADD, LOCAL_TEE, ...uleb(R), ...i32(at.evenArms * 8), I32_LT_U, BR_IF, 0, END)
  return body(locals(3, d + 1, k + 3), code)
}

/**
 * `update(a, r)`: HybridLinUcb's update after z_a is written, as its JavaScript does it:
 * RidgeArms.inverseTimes, the steps of M_a, b₀, A₀⁻¹ and β̂, then RidgeArms.updateWith.
 */
function updateBody(at: Layout, d: number, k: number): Code {
  const ARM = 0
  const REWARD = 1
  const PM = 2 // A_a⁻¹
  const PT = 3 // θ_a
  const PR = 4 // M_aᵀ
  const PZ = 5 // z_a
  const X = 6
  const U = X + d
  const E = U + d
  const T = E + k
  const [Q, G, ACC, STEP, MEAN, RES, QUAD, SHRINK, DEN, GAIN, UI, MIJ] = Array.from({ length: 12 }, (_, i) => T + k + i)
  const P = (d * (d + 1)) / 2
  const code: Code = []
  const base = (local: number, stride: number, start: number) =>
    code.push(...get(ARM), ...i32(stride), I32_MUL, ...i32(start), I32_ADD, ...set(local))
  base(PM, P * 8, at.ridge.inverse)
  base(PT, d * 8, at.ridge.theta)
  base(PR, k * d * 8, at.rows)
  base(PZ, k * 8, at.z)
  const put = (local: number, value: Code) => code.push(...value, ...set(local))
  for (let i = 0; i < d; i++) put(X + i, load(ZERO, at.ridge.x + 8 * i))
  // u = A_a⁻¹x from the packed upper triangle (the locals U start at 0)
  let p = 0
  for (let i = 0; i < d; i++) {
    put(UI, add(get(U + i), mul(load(get(PM), 8 * p++), get(X + i))))
    for (let j = i + 1; j < d; j++) {
      put(MIJ, load(get(PM), 8 * p++))
      put(UI, add(get(UI), mul(get(MIJ), get(X + j))))
      put(U + j, add(get(U + j), mul(get(MIJ), get(X + i))))
    }
    put(U + i, get(UI))
  }
  put(Q, f64(0))
  for (let i = 0; i < d; i++) put(Q, add(get(Q), mul(get(X + i), get(U + i))))
  put(G, div(f64(1), add(f64(1), get(Q))))
  // e = z_a − M_aᵀx, M_a ← M_a + u eᵀ/(1 + q)
  for (let j = 0; j < k; j++) {
    put(ACC, f64(0))
    for (let r = 0; r < d; r++) put(ACC, add(get(ACC), mul(load(get(PR), 8 * (j * d + r)), get(X + r))))
    put(E + j, sub(load(get(PZ), 8 * j), get(ACC)))
    put(STEP, mul(get(E + j), get(G)))
    for (let r = 0; r < d; r++) {
      const byte = 8 * (j * d + r)
      code.push(...store(get(PR), byte, add(load(get(PR), byte), mul(get(U + r), get(STEP)))))
    }
  }
  put(MEAN, f64(0))
  for (let i = 0; i < d; i++) put(MEAN, add(get(MEAN), mul(load(get(PT), 8 * i), get(X + i))))
  put(RES, mul(sub(get(REWARD), get(MEAN)), get(G)))
  for (let i = 0; i < k; i++)
    code.push(...store(ZERO, at.b0 + 8 * i, add(load(ZERO, at.b0 + 8 * i), mul(get(E + i), get(RES)))))
  const inv = (i: number, j: number) => at.inverse + 8 * (i * k + j)
  put(QUAD, f64(0))
  for (let i = 0; i < k; i++) {
    put(ACC, f64(0))
    for (let j = 0; j < k; j++) put(ACC, add(get(ACC), mul(load(ZERO, inv(i, j)), get(E + j))))
    put(T + i, get(ACC))
    put(QUAD, add(get(QUAD), mul(get(E + i), get(ACC))))
  }
  put(SHRINK, div(get(G), add(f64(1), mul(get(G), get(QUAD)))))
  for (let i = 0; i < k; i++) {
    put(UI, mul(get(SHRINK), get(T + i)))
    for (let j = 0; j < k; j++)
      code.push(...store(ZERO, inv(i, j), sub(load(ZERO, inv(i, j)), mul(get(UI), get(T + j)))))
  }
  for (let i = 0; i < k; i++) {
    put(ACC, f64(0))
    for (let j = 0; j < k; j++) put(ACC, add(get(ACC), mul(load(ZERO, inv(i, j)), load(ZERO, at.b0 + 8 * j))))
    code.push(...store(ZERO, at.beta + 8 * i, get(ACC)))
  }
  // RidgeArms.updateWith: A_a⁻¹ −= u uᵀ/(1 + q), θ_a += u (r − θ_aᵀx)/(1 + q)
  put(DEN, add(f64(1), get(Q)))
  put(GAIN, div(sub(get(REWARD), get(MEAN)), get(DEN)))
  p = 0
  for (let i = 0; i < d; i++) {
    put(UI, div(get(U + i), get(DEN)))
    for (let j = i; j < d; j++) {
      code.push(...store(get(PM), 8 * p, sub(load(get(PM), 8 * p), mul(get(UI), get(U + j)))))
      p++
    }
  }
  for (let i = 0; i < d; i++) code.push(...store(get(PT), 8 * i, add(load(get(PT), 8 * i), mul(get(GAIN), get(U + i)))))
  return body(locals(4, 2 * d + 2 * k + 12, 0), code)
}

/** The bytes of the module above for K arms, d visit and k shared features. */
export function hybridModuleBytes(nArms: number, dimension: number, shared: number): Uint8Array {
  const at = layout(nArms, dimension, shared)
  const d = dimension
  const P = (d * (d + 1)) / 2
  const updates = d <= MAX_UNROLLED
  const functions: ModuleFunction[] = [
    { type: 0, body: rowsBody(P * 8, P, at.ridge.pairs) },
    { type: 0, body: rowsBody(d * 8, d, at.ridge.x) },
    { type: 1, body: decideBody(at, nArms, d, shared), export: "decide" },
  ]
  if (updates) functions.push({ type: 2, body: updateBody(at, d, shared), export: "update" })
  return moduleBytes([funcType([I32, I32, I32]), funcType([]), funcType([I32, F64])], functions)
}
