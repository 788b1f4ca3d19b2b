import {
  BR_IF,
  END,
  F64X2_ADD,
  F64X2_MUL,
  I32,
  I32_ADD,
  I32_GT_S,
  I32_LT_U,
  I32_MUL,
  LOOP,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_ZERO,
  funcType,
  get,
  i32,
  moduleBytes,
  set,
  uleb,
  vector,
} from "../linalg/kernels/wasm-encoding"

/**
 * WebAssembly SIMD kernel for a LinUCB decision with shared features: for every arm a,
 *   quadratic form  q_a = Σ_k inverse[a·P + k]·pairs[k]   (xᵀA_a⁻¹x, P = d(d+1)/2, see {@link RidgeArms})
 *   mean            m_a = Σ_i theta[a·d + i]·x[i]          (θ_aᵀx).
 * Both are "K rows of a matrix times one vector". The arrays live in the kernel's
 * WebAssembly.Memory and are exposed as Float64Array views, which JavaScript reads and writes in
 * place (the memory never grows, so the views stay valid). Timings against the scalar JavaScript
 * loops: docs/performance.md.
 *
 * Arithmetic (deterministic, IEEE f64, no fused or relaxed operations): each row keeps one f64x2
 * accumulator, lane 0 summing the terms of even index and lane 1 those of odd index, in increasing
 * index; the result is (lane 0 + lane 1), plus the last term when the length is odd. The order is
 * the same whether a row is taken in a block of four or alone, so it does not depend on K.
 *
 * There is no wat2wasm here: {@link kernelModuleBytes} emits the module, one per d (row strides,
 * lengths and the vectors' addresses are baked into the code), compiled once and cached. Its text,
 * for one function with row stride S bytes, E = 16·⌊n/2⌋ bytes of paired terms (n = P or d) and
 * the vector at byte V:
 *
 * (module
 *   (import "env" "memory" (memory 1))
 *   (func (export "forms") (param $rows i32) (param $out i32) (param $K i32) ;; and "means", alike
 *     (local $a i32) (local $b i32) (local $k i32) (local $w v128) (local $s0 v128) … (local $s3 v128)
 *     ;; this loop with G = 4 (rows four at a time), then again with G = 1 for the rest
 *     (block $done (loop $rows
 *       (br_if $done (i32.gt_s (i32.add (local.get $a) (i32.const G)) (local.get $K)))
 *       (local.set $b (i32.add (local.get $rows) (i32.mul (local.get $a) (i32.const S))))
 *       (local.set $s0 (v128.const i64x2 0 0)) …
 *       (local.set $k (i32.const 0))
 *       (loop $terms                                   ;; absent when E = 0
 *         (local.set $w (v128.load offset=V (local.get $k)))
 *         (local.set $s0 (f64x2.add (local.get $s0)
 *           (f64x2.mul (v128.load offset=0 (i32.add (local.get $b) (local.get $k))) (local.get $w))))
 *         …                                            ;; row a + j: offset=j·S
 *         (local.set $k (i32.add (local.get $k) (i32.const 16)))
 *         (br_if $terms (i32.lt_u (local.get $k) (i32.const E))))
 *       (f64.store offset=j·8 (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 3)))
 *         (f64.add (f64x2.extract_lane 0 (local.get $sj)) (f64x2.extract_lane 1 (local.get $sj))))
 *         ;; n odd: the stored sum is then increased by the last term
 *         ;;   (f64.mul (f64.load offset=j·S+E (local.get $b)) (f64.load offset=V+E (i32.const 0)))
 *       (local.set $a (i32.add (local.get $a) (i32.const G)))
 *       (br $rows)))))
 */

// ES2022 and @types/node declare no WebAssembly global: the members used here.
interface WebAssemblyMemory {
  buffer: ArrayBuffer
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => WebAssemblyMemory
}

type RowsFunction = (rows: number, out: number, K: number) => void

/**
 * Rows per block of the main loop: four accumulators, so four independent add chains per loaded
 * vector pair. Measured at d = 20, K = 50: 2 rows ≈ 10% and 8 rows ≈ 25% fewer decisions per second.
 */
const BLOCK = 4

/**
 * Byte addresses of the arrays in a kernel's memory: the two vectors first, at addresses fixed by d alone.
 * @internal
 */
export function ridgeLayout(nArms: number, dimension: number) {
  const packedSize = (dimension * (dimension + 1)) / 2
  const even = (n: number) => n + (n & 1) // a multiple of two doubles keeps the next array 16-byte aligned
  const pairs = 0
  const x = pairs + even(packedSize) * 8
  const inverse = x + even(dimension) * 8
  const theta = inverse + nArms * packedSize * 8
  const forms = theta + nArms * dimension * 8
  const means = forms + nArms * 8
  return { packedSize, pairs, x, inverse, theta, forms, means, end: means + nArms * 8 }
}

export class RidgeKernel {
  /**
   * A kernel for K arms of dimension d, or null where WebAssembly is missing (node --jitless) or
   * its memory cannot be had: V8 reserves ≈ 10 GB of address space for each WebAssembly.Memory,
   * which a virtual-memory limit (ulimit -v) refuses, and which runs out after some thousands of
   * live memories. Callers then use {@link pairedRowDots}: the same numbers, in JavaScript.
   */
  static create(nArms: number, dimension: number): RidgeKernel | null {
    if (typeof WebAssembly === "undefined") return null
    const at = ridgeLayout(nArms, dimension)
    let memory: WebAssemblyMemory
    try {
      memory = new WebAssembly.Memory({ initial: Math.ceil(at.end / 65536) })
    } catch (e) {
      if (e instanceof RangeError) return null
      throw e
    }
    return new RidgeKernel(nArms, dimension, at, memory)
  }

  /**
   * A kernel on the first `ridgeLayout(nArms, dimension).end` bytes of `memory`, which its owner
   * sized and uses beyond them ({@link HybridKernel}).
   * @internal
   */
  static over(nArms: number, dimension: number, memory: WebAssemblyMemory): RidgeKernel {
    return new RidgeKernel(nArms, dimension, ridgeLayout(nArms, dimension), memory)
  }

  readonly nArms: number
  readonly dimension: number
  /** The pair products w (P numbers) whose dot products with the rows of `inverse` are {@link RidgeKernel.quadraticForms}. */
  readonly pairs: Float64Array
  /** The features x (d numbers) of {@link RidgeKernel.means}. */
  readonly x: Float64Array
  /** The packed A_a⁻¹, arm a at offset a·P. */
  readonly inverse: Float64Array
  /** θ_a, arm a at offset a·d. */
  readonly theta: Float64Array
  private readonly formsOut: Float64Array
  private readonly meansOut: Float64Array
  private readonly forms: RowsFunction
  private readonly meanRows: RowsFunction
  private readonly at: ReturnType<typeof ridgeLayout>

  private constructor(nArms: number, dimension: number, at: ReturnType<typeof ridgeLayout>, memory: WebAssemblyMemory) {
    this.nArms = nArms
    this.dimension = dimension
    this.at = at
    const exports = new WebAssembly.Instance(kernelModule(dimension), { env: { memory } }).exports
    this.forms = exports.forms as RowsFunction
    this.meanRows = exports.means as RowsFunction
    const view = (byte: number, length: number) => new Float64Array(memory.buffer, byte, length)
    this.pairs = view(at.pairs, at.packedSize)
    this.x = view(at.x, dimension)
    this.inverse = view(at.inverse, nArms * at.packedSize)
    this.theta = view(at.theta, nArms * dimension)
    this.formsOut = view(at.forms, nArms)
    this.meansOut = view(at.means, nArms)
  }

  /** Σ_k inverse[a·P + k]·pairs[k] for every arm a (a view, overwritten by the next call). */
  quadraticForms(): Float64Array {
    this.forms(this.at.inverse, this.at.forms, this.nArms)
    return this.formsOut
  }

  /** Σ_i theta[a·d + i]·x[i] for every arm a (a view, overwritten by the next call). */
  means(): Float64Array {
    this.meanRows(this.at.theta, this.at.means, this.nArms)
    return this.meansOut
  }
}

/**
 * The kernel's arithmetic in JavaScript, for where there is no kernel: out[r] = Σ_k rows[r·n + k]·v[vOffset + k]
 * for r < nRows, with the same order of additions (even and odd terms apart, then the odd last
 * term), hence the same numbers to the last bit. Two rows at a time: four independent add chains.
 */
export function pairedRowDots(
  rows: Float64Array,
  n: number,
  nRows: number,
  v: Float64Array,
  vOffset: number,
  out: Float64Array,
): Float64Array {
  const last = n - 1
  let r = 0
  // Stryker disable next-line AssignmentOperator: r -= 2 never ends the loop (only a hang shows it, which mutation testing cannot wait for)
  for (; r + 1 < nRows; r += 2) {
    const b0 = r * n
    const b1 = b0 + n
    let e0 = 0
    let o0 = 0
    let e1 = 0
    let o1 = 0
    // Stryker disable next-line AssignmentOperator: k -= 2 never ends the loop (only a hang shows it, which mutation testing cannot wait for)
    for (let k = 0; k < last; k += 2) {
      const ve = v[vOffset + k]
      const vo = v[vOffset + k + 1]
      e0 += rows[b0 + k] * ve
      o0 += rows[b0 + k + 1] * vo
      e1 += rows[b1 + k] * ve
      o1 += rows[b1 + k + 1] * vo
    }
    out[r] = n & 1 ? e0 + o0 + rows[b0 + last] * v[vOffset + last] : e0 + o0
    out[r + 1] = n & 1 ? e1 + o1 + rows[b1 + last] * v[vOffset + last] : e1 + o1
  }
  // Stryker disable next-line UpdateOperator: r-- never ends the loop (only a hang shows it, which mutation testing cannot wait for)
  for (; r < nRows; r++) {
    const b0 = r * n
    let e0 = 0
    let o0 = 0
    // Stryker disable next-line AssignmentOperator: k -= 2 never ends the loop (only a hang shows it, which mutation testing cannot wait for)
    for (let k = 0; k < last; k += 2) {
      e0 += rows[b0 + k] * v[vOffset + k]
      o0 += rows[b0 + k + 1] * v[vOffset + k + 1]
    }
    out[r] = n & 1 ? e0 + o0 + rows[b0 + last] * v[vOffset + last] : e0 + o0
  }
  return out
}

const modules = new Map<number, object>()

function kernelModule(dimension: number): object {
  let module = modules.get(dimension)
  if (!module) {
    module = new WebAssembly.Module(kernelModuleBytes(dimension))
    modules.set(dimension, module)
  }
  return module
}

// Opcodes beyond `wasm-encoding` (WebAssembly core specification §5; SIMD: prefix 0xfd).
const I32_SHL = 0x74
const F64_LOAD = 0x2b
const F64_STORE = 0x39
const F64_ADD = 0xa0
const F64_MUL = 0xa2
const BLOCK_START = 0x02
const BR = 0x0c
const F64X2_EXTRACT_LANE = [0xfd, 0x21]
/** Alignment hint 2³ bytes: with an odd row length, every other row starts 8 bytes off 16. */
const ALIGN = 3

// Parameters and locals of a function, by index.
const ROWS = 0
const OUT = 1
const K = 2
const A = 3
const B = 4
const KB = 5
const W = 6
const S0 = 7

/** The loop over rows G at a time while a + G ≤ K ($a carries over to the next loop). */
function rowLoop(G: number, stride: number, length: number, vectorAt: number): number[] {
  const even = (length >> 1) * 16
  const code: number[] = [BLOCK_START, NO_RESULT, LOOP, NO_RESULT]
  code.push(...get(A), ...i32(G), I32_ADD, ...get(K), I32_GT_S, BR_IF, 1)
  code.push(...get(ROWS), ...get(A), ...i32(stride), I32_MUL, I32_ADD, ...set(B))
  // Stryker disable next-line UpdateOperator: j-- never ends the loop (only a hang shows it, which mutation testing cannot wait for)
  for (let j = 0; j < G; j++) code.push(...V128_ZERO, ...set(S0 + j))
  if (even > 0) {
    code.push(...i32(0), ...set(KB), LOOP, NO_RESULT)
    code.push(...get(KB), ...V128_LOAD, ALIGN, ...uleb(vectorAt), ...set(W))
    // Stryker disable next-line UpdateOperator: j-- never ends the loop (only a hang shows it, which mutation testing cannot wait for)
    for (let j = 0; j < G; j++) {
      code.push(...get(S0 + j), ...get(B), ...get(KB), I32_ADD, ...V128_LOAD, ALIGN, ...uleb(j * stride))
      code.push(...get(W), ...F64X2_MUL, ...F64X2_ADD, ...set(S0 + j))
    }
    code.push(...get(KB), ...i32(16), I32_ADD, ...set(KB), ...get(KB), ...i32(even), I32_LT_U, BR_IF, 0, END)
  }
  // Stryker disable next-line UpdateOperator: j-- never ends the loop (only a hang shows it, which mutation testing cannot wait for)
  for (let j = 0; j < G; j++) {
    code.push(...get(OUT), ...get(A), ...i32(3), I32_SHL, I32_ADD)
    code.push(...get(S0 + j), ...F64X2_EXTRACT_LANE, 0, ...get(S0 + j), ...F64X2_EXTRACT_LANE, 1, F64_ADD)
    if (length & 1) {
      code.push(...get(B), F64_LOAD, ALIGN, ...uleb(j * stride + even))
      code.push(...i32(0), F64_LOAD, ALIGN, ...uleb(vectorAt + even), F64_MUL, F64_ADD)
    }
    code.push(F64_STORE, ALIGN, ...uleb(j * 8))
  }
  code.push(...get(A), ...i32(G), I32_ADD, ...set(A), BR, 0, END, END)
  return code
}

/**
 * One function body: rows of `length` numbers, `stride` bytes apart, times the vector at byte `vectorAt`.
 * @internal
 */
export function rowsBody(stride: number, length: number, vectorAt: number): number[] {
  const locals = vector([
    [...uleb(W - A), I32],
    [...uleb(1 + BLOCK), V128],
  ])
  const body = [...locals, ...rowLoop(BLOCK, stride, length, vectorAt), ...rowLoop(1, stride, length, vectorAt), END]
  return [...uleb(body.length), ...body]
}

/** The bytes of the module above for dimension d: "forms" (rows of A⁻¹ times the pairs) and "means" (θ times x). */
export function kernelModuleBytes(dimension: number): Uint8Array {
  const at = ridgeLayout(1, dimension)
  const P = at.packedSize
  return moduleBytes(
    [funcType([I32, I32, I32])],
    [
      { type: 0, body: rowsBody(P * 8, P, at.pairs), export: "forms" },
      { type: 0, body: rowsBody(dimension * 8, dimension, at.x), export: "means" },
    ],
  )
}
