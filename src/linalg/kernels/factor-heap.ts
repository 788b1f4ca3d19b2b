import { factorRowsModuleBytes } from "./factor-rows-module"

// ES2022 and @types/node declare no WebAssembly global: the members used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer }
}

type Terms = (
  items: number,
  values: number,
  start: number,
  end: number,
  y: number,
  x: number,
  out: number,
  f: number,
  alpha: number,
) => void
interface FactorRowsWasm {
  dot: (a: number, b: number, f: number) => number
  symv: (g: number, v: number, out: number, f: number) => void
  residualTerms: Terms
  productTerms: Terms
}

const PAGE = 65536
let compiled: object | null = null

/**
 * A flat array of doubles (with an int32 view of the same bytes) holding factor rows, on which the
 * products of implicit ALS's conjugate-gradient sweep run: in WebAssembly SIMD when the machine has
 * it and f is a multiple of 4 ({@link factorRowsModuleBytes}), else in JavaScript. Both follow the
 * same order of operations, so they give the same bits. Offsets count doubles (for `f64`) or int32s
 * (for `i32`); rows are f doubles long.
 * @example
 * const heap = FactorHeap.create(16, 8)
 * heap.f64.set([1, 2, 3, 4], 0); heap.f64.set([1, 1, 1, 1], 4)
 * heap.dot(0, 4, 4) // 10
 */
export class FactorHeap {
  /** A zero-filled heap of `doubles` doubles and `ints` int32s (placed after the doubles); `wasm: false` gives the JavaScript one. */
  static create(doubles: number, ints: number, options: { wasm?: boolean; f?: number } = {}): FactorHeap {
    const bytes = doubles * 8 + ints * 4
    const f = options.f ?? 4
    if (options.wasm !== false && f % 4 === 0 && f > 0 && typeof WebAssembly !== "undefined") {
      const pages = Math.max(1, Math.ceil(bytes / PAGE))
      let memory: { buffer: ArrayBuffer } | null = null
      try {
        memory = new WebAssembly.Memory({ initial: pages })
      } catch (e) {
        if (!(e instanceof RangeError)) throw e
      }
      if (memory) {
        compiled ??= new WebAssembly.Module(factorRowsModuleBytes())
        const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as FactorRowsWasm
        return new FactorHeap(memory.buffer, doubles, ints, exports)
      }
    }
    return new FactorHeap(new ArrayBuffer(bytes), doubles, ints, null)
  }

  readonly f64: Float64Array
  readonly i32: Int32Array
  private readonly wasm: FactorRowsWasm | null
  /** Byte offset of the int32 part. */
  private readonly intBase: number

  private constructor(buffer: ArrayBuffer, doubles: number, ints: number, wasm: FactorRowsWasm | null) {
    this.f64 = new Float64Array(buffer, 0, doubles)
    this.intBase = doubles * 8
    this.i32 = new Int32Array(buffer, this.intBase, ints)
    this.wasm = wasm
  }

  /** Whether the products run in WebAssembly. */
  get isWasm(): boolean {
    return this.wasm !== null
  }

  /** Σ_k f64[a + k]·f64[b + k], in four partial sums ((s₀ + s₁) + s₂) + s₃ (the tail of f mod 4 goes to s₀). */
  dot(a: number, b: number, f: number): number {
    if (this.wasm) return this.wasm.dot(a * 8, b * 8, f)
    return dotJs(this.f64, a, b, f)
  }

  /** out ← G·v, G the row-major f × f matrix at `g`: out_r = dot(G_r, v). */
  symv(g: number, v: number, out: number, f: number): void {
    if (this.wasm) {
      this.wasm.symv(g * 8, v * 8, out * 8, f)
      return
    }
    const h = this.f64
    for (let r = 0; r < f; r++) h[out + r] = dotJs(h, g + r * f, v, f)
  }

  /**
   * For p in [start, end), i = i32[items + p], c = 1 + α·f64[values + p]:
   * out ← out + (c − (c − 1)·(y_i·x))·y_i, with y_i the row at y + i·f.
   */
  residualTerms(
    items: number,
    values: number,
    start: number,
    end: number,
    y: number,
    x: number,
    out: number,
    f: number,
    alpha: number,
  ): void {
    if (this.wasm) {
      this.wasm.residualTerms(this.intBase + items * 4, values * 8, start, end, y * 8, x * 8, out * 8, f, alpha)
      return
    }
    const h = this.f64
    const ix = this.i32
    for (let p = start; p < end; p++) {
      const yi = y + ix[items + p] * f
      const c = 1 + alpha * h[values + p]
      axpyJs(h, c - (c - 1) * dotJs(h, yi, x, f), yi, out, f)
    }
  }

  /** For p in [start, end), i = i32[items + p]: out ← out + ((α·f64[values + p])·(y_i·d))·y_i. */
  productTerms(
    items: number,
    values: number,
    start: number,
    end: number,
    y: number,
    d: number,
    out: number,
    f: number,
    alpha: number,
  ): void {
    if (this.wasm) {
      this.wasm.productTerms(this.intBase + items * 4, values * 8, start, end, y * 8, d * 8, out * 8, f, alpha)
      return
    }
    const h = this.f64
    const ix = this.i32
    for (let p = start; p < end; p++) {
      const yi = y + ix[items + p] * f
      axpyJs(h, alpha * h[values + p] * dotJs(h, yi, d, f), yi, out, f)
    }
  }
}

/** Σ_k h[a + k]·h[b + k] for k < f, with four partial sums so that V8 overlaps the multiply-adds. */
function dotJs(h: Float64Array, a: number, b: number, f: number): number {
  const f4 = f - (f % 4)
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let k = 0
  for (; k < f4; k += 4) {
    s0 += h[a + k] * h[b + k]
    s1 += h[a + k + 1] * h[b + k + 1]
    s2 += h[a + k + 2] * h[b + k + 2]
    s3 += h[a + k + 3] * h[b + k + 3]
  }
  for (; k < f; k++) s0 += h[a + k] * h[b + k]
  return s0 + s1 + s2 + s3
}

/** h[out + k] += s·h[a + k] for k < f. */
function axpyJs(h: Float64Array, s: number, a: number, out: number, f: number): void {
  for (let k = 0; k < f; k++) h[out + k] += s * h[a + k]
}
