import { gemmModuleBytes } from "./gemm-module"

// ES2022 and @types/node declare no WebAssembly global: the members used here.
interface WasmMemory {
  buffer: ArrayBuffer
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory
}

/** `C ± A·B` on byte addresses, as exported by the module of {@link gemmModuleBytes}. */
type WasmGemm = (
  m: number,
  n: number,
  k: number,
  a: number,
  aStride: number,
  b: number,
  bStride: number,
  c: number,
  ldc: number,
) => void

/** +1: C ← C + A·B; −1: C ← C − A·B. */
export type GemmSign = 1 | -1

const PAGE = 65536
const modules = new Map<string, object>()

function gemmModule(shared: boolean, pages: number): object {
  const key = shared ? `shared:${pages}` : "plain"
  let module = modules.get(key)
  if (!module) {
    module = new WebAssembly.Module(gemmModuleBytes(shared, shared ? pages : 1, pages))
    modules.set(key, module)
  }
  return module
}

/**
 * A flat array of doubles that the dense kernel works in, with the product of packed panels
 * described in {@link gemmModuleBytes}: in WebAssembly SIMD when the machine has it (the array then
 * lives in the module's memory), else in JavaScript with the same arithmetic ({@link gemmJs}).
 * Offsets and strides are counted in doubles.
 * @example
 * const heap = DenseHeap.create(64)
 * heap.f64.set([1, 2, 3, 4], 0)   // …pack A at 0 and B at 16, then C ← C + A·B at 32:
 * heap.gemm(1, 4, 4, 1, 0, 4, 16, 4, 32, 4)
 */
export class DenseHeap {
  /**
   * A heap of `doubles` numbers, zero-filled. `wasm: false` (or a machine without WebAssembly, or
   * one that refuses the memory) gives the JavaScript heap; `shared` asks for a SharedArrayBuffer-backed
   * memory that worker threads can map.
   */
  static create(doubles: number, options: { wasm?: boolean; shared?: boolean } = {}): DenseHeap {
    const bytes = doubles * 8
    const pages = Math.max(1, Math.ceil(bytes / PAGE))
    if (options.wasm !== false && typeof WebAssembly !== "undefined" && pages <= 65536) {
      const shared = options.shared === true
      let memory: WasmMemory | null = null
      try {
        memory = shared
          ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true })
          : new WebAssembly.Memory({ initial: pages })
      } catch (e) {
        if (!(e instanceof RangeError)) throw e
      }
      if (memory)
        return new DenseHeap(
          memory.buffer,
          doubles,
          DenseHeap.instantiate(memory, shared, pages),
          memory,
          shared ? gemmModule(true, pages) : null,
        )
    }
    return new DenseHeap(new ArrayBuffer(bytes), doubles, null, null, null)
  }

  /** The exported products of a module instance on `memory`, for this thread or a worker. */
  static instantiate(memory: WasmMemory, shared: boolean, pages: number): { add: WasmGemm; sub: WasmGemm } {
    const exports = new WebAssembly.Instance(gemmModule(shared, pages), { env: { memory } }).exports
    return { add: exports.gemmAdd as WasmGemm, sub: exports.gemmSub as WasmGemm }
  }

  /** The numbers, viewed in place. */
  readonly f64: Float64Array
  /** The WebAssembly memory, or null for the JavaScript heap. */
  readonly memory: WasmMemory | null
  /** The compiled module when the memory is shared (worker threads instantiate it on the same memory), else null. */
  readonly sharedModule: object | null
  private readonly wasm: { add: WasmGemm; sub: WasmGemm } | null

  private constructor(
    buffer: ArrayBuffer,
    doubles: number,
    wasm: { add: WasmGemm; sub: WasmGemm } | null,
    memory: WasmMemory | null,
    sharedModule: object | null,
  ) {
    this.f64 = new Float64Array(buffer, 0, doubles)
    this.wasm = wasm
    this.memory = memory
    this.sharedModule = sharedModule
  }

  /** Whether the products run in WebAssembly. */
  get isWasm(): boolean {
    return this.wasm !== null
  }

  /**
   * C ← C + sign·A·B, A (m × k) packed at `a` with strips `aStride` apart, B (k × n) packed at `b`
   * with strips `bStride` apart, C row-major at `c` with row stride `ldc`; m and n multiples of 4.
   */
  gemm(
    sign: GemmSign,
    m: number,
    n: number,
    k: number,
    a: number,
    aStride: number,
    b: number,
    bStride: number,
    c: number,
    ldc: number,
  ): void {
    if (m <= 0 || n <= 0 || k <= 0) return
    if (this.wasm)
      (sign > 0 ? this.wasm.add : this.wasm.sub)(m, n, k, a * 8, aStride * 8, b * 8, bStride * 8, c * 8, ldc * 8)
    else gemmJs(this.f64, sign, m, n, k, a, aStride, b, bStride, c, ldc)
  }
}

/**
 * The module's product in JavaScript, with the same order of operations: for each 4 × 4 tile of C
 * sixteen accumulators start at 0 and add a_rp·b_pc for p = 0 … k − 1; then C ± accumulator.
 */
export function gemmJs(
  h: Float64Array,
  sign: GemmSign,
  m: number,
  n: number,
  k: number,
  a: number,
  aStride: number,
  b: number,
  bStride: number,
  c: number,
  ldc: number,
): void {
  for (let s = 0; s < m; s += 4) {
    const as = a + (s >> 2) * aStride
    for (let t = 0; t < n; t += 4) {
      const bs = b + (t >> 2) * bStride
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0
      for (let p = 0; p < k; p++) {
        const pa = as + 4 * p
        const pb = bs + 4 * p
        const b0 = h[pb],
          b1 = h[pb + 1],
          b2 = h[pb + 2],
          b3 = h[pb + 3]
        const a0 = h[pa],
          a1 = h[pa + 1],
          a2 = h[pa + 2],
          a3 = h[pa + 3]
        c00 += a0 * b0
        c01 += a0 * b1
        c02 += a0 * b2
        c03 += a0 * b3
        c10 += a1 * b0
        c11 += a1 * b1
        c12 += a1 * b2
        c13 += a1 * b3
        c20 += a2 * b0
        c21 += a2 * b1
        c22 += a2 * b2
        c23 += a2 * b3
        c30 += a3 * b0
        c31 += a3 * b1
        c32 += a3 * b2
        c33 += a3 * b3
      }
      const r0 = c + s * ldc + t
      const r1 = r0 + ldc
      const r2 = r1 + ldc
      const r3 = r2 + ldc
      if (sign > 0) {
        h[r0] += c00
        h[r0 + 1] += c01
        h[r0 + 2] += c02
        h[r0 + 3] += c03
        h[r1] += c10
        h[r1 + 1] += c11
        h[r1 + 2] += c12
        h[r1 + 3] += c13
        h[r2] += c20
        h[r2 + 1] += c21
        h[r2 + 2] += c22
        h[r2 + 3] += c23
        h[r3] += c30
        h[r3 + 1] += c31
        h[r3 + 2] += c32
        h[r3 + 3] += c33
      } else {
        h[r0] -= c00
        h[r0 + 1] -= c01
        h[r0 + 2] -= c02
        h[r0 + 3] -= c03
        h[r1] -= c10
        h[r1 + 1] -= c11
        h[r1 + 2] -= c12
        h[r1 + 3] -= c13
        h[r2] -= c20
        h[r2 + 1] -= c21
        h[r2 + 2] -= c22
        h[r2 + 3] -= c23
        h[r3] -= c30
        h[r3 + 1] -= c31
        h[r3 + 2] -= c32
        h[r3 + 3] -= c33
      }
    }
  }
}
