import { afterEach, describe, expect, it, vi } from "vitest"
import { FactorHeap } from "../../src/linalg/kernels/factor-heap"
import { factorRowsModuleBytes } from "../../src/linalg/kernels/factor-rows-module"

declare const WebAssembly: {
  Module: { new (bytes: Uint8Array): object; exports(m: object): { name: string; kind: string }[] }
  Instance: new (module: object, imports: object) => { exports: Record<string, (...args: number[]) => number> }
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer }
  validate(bytes: Uint8Array): boolean
}

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Both heaps (WebAssembly, JavaScript) of f = 8 with rows y_0 = (1..8), y_1 = (8..1), y_2 = (1, 0, 1, 0, …) at 0. */
function heaps(): FactorHeap[] {
  return [true, false].map((wasm) => {
    const h = FactorHeap.create(64, 8, { f: 8, wasm })
    h.f64.set([1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 0, 1, 0, 1, 0, 1, 0])
    return h
  })
}

describe("FactorHeap, values by hand", () => {
  it("runs in WebAssembly only for f a positive multiple of 4 (default 4) where WebAssembly exists", () => {
    expect(FactorHeap.create(4, 0).isWasm).toBe(true)
    expect(FactorHeap.create(4, 0, { f: 0 }).isWasm).toBe(false)
    expect(FactorHeap.create(4, 0, { f: 12 }).isWasm).toBe(true)
    expect(FactorHeap.create(4, 0, { f: 2 }).isWasm).toBe(false)
    vi.stubGlobal("WebAssembly", undefined)
    const js = FactorHeap.create(4, 2, { f: 4 })
    expect(js.isWasm).toBe(false)
    js.f64.set([1, 2, 3, 4])
    expect(js.dot(0, 0, 4)).toBe(30)
  })

  it("falls back to JavaScript when the memory cannot be had (RangeError) and passes any other error on", () => {
    const real = (globalThis as unknown as { WebAssembly: object }).WebAssembly
    vi.stubGlobal("WebAssembly", {
      ...real,
      Memory: class {
        constructor() {
          throw new RangeError("out of memory")
        }
      },
    })
    const h = FactorHeap.create(8, 0, { f: 4 })
    expect(h.isWasm).toBe(false)
    h.f64.set([1, 2, 3, 4, 1, 1, 1, 1])
    expect(h.dot(0, 4, 4)).toBe(10)
    vi.stubGlobal("WebAssembly", {
      ...real,
      Memory: class {
        constructor() {
          throw new TypeError("bad descriptor")
        }
      },
    })
    expect(() => FactorHeap.create(8, 0, { f: 4 })).toThrow("bad descriptor")
  })

  it("the JavaScript dot adds a tail of f mod 4 to the first partial sum (f = 6)", () => {
    const h = FactorHeap.create(16, 0, { f: 6 })
    h.f64.set([1, 2, 3, 4, 5, 6, 100, 100, 1, 1, 1, 1, 1, 10])
    expect(h.dot(0, 8, 6)).toBe(1 + 2 + 3 + 4 + 5 + 60)
    expect(h.dot(0, 0, 6)).toBe(91)
  })

  it("terms read items and rows from nonzero offsets", () => {
    for (const wasm of [true, false]) {
      const h = FactorHeap.create(40, 6, { f: 4, wasm })
      // Rows y_0 = (1, 1, 1, 1), y_1 = (1, 2, 3, 4) at 8; x at 0; out at 16; values at 20; items from int 2.
      h.f64.set([1, 0, 0, 0], 0)
      h.f64.set([1, 1, 1, 1, 1, 2, 3, 4], 8)
      h.f64[21] = 3
      h.i32.set([0, 0, 9, 1])
      h.residualTerms(2, 20, 1, 2, 8, 0, 16, 4, 2)
      // p = 1: i = items[2 + 1] = 1, c = 1 + 2·3 = 7, y_1·x = 1, coef = 7 − 6 = 1.
      expect(Array.from(h.f64.subarray(16, 20))).toEqual([1, 2, 3, 4])
      h.productTerms(2, 20, 1, 2, 8, 0, 16, 4, 2)
      // coef = (2·3)·1 = 6.
      expect(Array.from(h.f64.subarray(16, 20))).toEqual([7, 14, 21, 28])
    }
  })

  it("puts the int32s after the doubles, in a zero-filled heap", () => {
    for (const wasm of [true, false]) {
      const h = FactorHeap.create(3, 5, { wasm })
      expect(h.f64.length).toBe(3)
      expect(h.i32.length).toBe(5)
      expect(h.i32.byteOffset).toBe(24)
      expect(Array.from(h.i32)).toEqual([0, 0, 0, 0, 0])
      h.i32.fill(-1)
      expect(Array.from(h.f64)).toEqual([0, 0, 0])
    }
    expect(FactorHeap.create(7000, 2000).f64.buffer.byteLength).toBe(65536)
    expect(FactorHeap.create(8192, 1).f64.buffer.byteLength).toBe(2 * 65536)
  })

  it("dot and symv over two groups of four", () => {
    for (const h of heaps()) {
      expect(h.dot(0, 0, 8)).toBe(204) // Σ k² for k = 1..8
      expect(h.dot(0, 8, 8)).toBe(120) // Σ k(9 − k)
      expect(h.dot(8, 16, 8)).toBe(20) // 8 + 6 + 4 + 2
    }
    // G_rc = r + c (8 × 8) at 0, v = (1, 0, 1, 0, …) at 64, out at 72 with 16 sentinels after it.
    for (const wasm of [true, false]) {
      const h = FactorHeap.create(96, 0, { f: 8, wasm })
      for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) h.f64[r * 8 + c] = r + c
      h.f64.set([1, 0, 1, 0, 1, 0, 1, 0], 64)
      h.f64.fill(-5, 72, 96)
      h.symv(0, 64, 72, 8)
      // (G·v)_r = Σ_{c even} (r + c) = 4r + 12; out ends there.
      expect(Array.from(h.f64.subarray(72, 80))).toEqual([12, 16, 20, 24, 28, 32, 36, 40])
      expect(Array.from(h.f64.subarray(80, 96))).toEqual(new Array(16).fill(-5))
    }
  })

  it("residualTerms and productTerms add one term per interaction in [start, end)", () => {
    for (const h of heaps()) {
      // x = y_2 at 16; out at 24..32; values at 32..35; items (int32) 1, 0, 1.
      h.f64.set([0.5, 1, 2], 32)
      h.i32.set([1, 0, 1])
      h.residualTerms(0, 32, 1, 3, 0, 16, 24, 8, 2)
      // p = 1: i = 0, c = 1 + 2·1 = 3, y_0·x = 16, coef = 3 − 2·16 = −29.
      // p = 2: i = 1, c = 5, y_1·x = 20, coef = 5 − 4·20 = −75.
      const want = Array.from({ length: 8 }, (_, k) => -29 * (k + 1) - 75 * (8 - k))
      expect(Array.from(h.f64.subarray(24, 32))).toEqual(want)
      h.f64.fill(0, 24, 32)
      h.productTerms(0, 32, 0, 2, 0, 16, 24, 8, 2)
      // p = 0: i = 1, coef = (2·0.5)·20 = 20; p = 1: i = 0, coef = (2·1)·16 = 32.
      expect(Array.from(h.f64.subarray(24, 32))).toEqual(
        Array.from({ length: 8 }, (_, k) => 20 * (8 - k) + 32 * (k + 1)),
      )
      // Empty and reversed ranges add nothing.
      const before = h.f64.slice()
      h.residualTerms(0, 32, 2, 2, 0, 16, 24, 8, 2)
      h.residualTerms(0, 32, 3, 1, 0, 16, 24, 8, 2)
      h.productTerms(0, 32, 2, 2, 0, 16, 24, 8, 2)
      h.productTerms(0, 32, 3, 0, 0, 16, 24, 8, 2)
      expect(h.f64).toEqual(before)
    }
  })

  it("the module validates and exports its five functions in order", () => {
    const bytes = factorRowsModuleBytes()
    expect(WebAssembly.validate(bytes)).toBe(true)
    expect(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name)).toEqual([
      "dot",
      "axpy",
      "symv",
      "residualTerms",
      "productTerms",
    ])
  })

  it("a fresh instance of the module computes the five functions as by hand (byte addresses)", () => {
    // The heap caches its compiled module, so this checks the bytes of this very call.
    const memory = new WebAssembly.Memory({ initial: 1 })
    const w = new WebAssembly.Instance(new WebAssembly.Module(factorRowsModuleBytes()), { env: { memory } }).exports
    const h = new Float64Array(memory.buffer, 0, 200)
    const ints = new Int32Array(memory.buffer, 1600, 4)
    h.set([1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 0, 1, 0, 1, 0, 1, 0])
    expect(w.dot(0, 0, 8)).toBe(204)
    expect(w.dot(0, 64, 8)).toBe(120)
    expect(w.dot(64, 128, 8)).toBe(20)
    expect(w.dot(0, 32, 4)).toBe(5 + 12 + 21 + 32)
    // axpy: out (at double 24) ← out + 3·y_1, twice over 8 doubles.
    h.fill(1, 24, 32)
    w.axpy(3, 64, 192, 8)
    expect(Array.from(h.subarray(24, 32))).toEqual([25, 22, 19, 16, 13, 10, 7, 4])
    expect(h[32]).toBe(0)
    // symv: G_rc = r + c (8 × 8) at double 40, v = y_2 at 16, out at 104 with sentinels after it.
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) h[40 + r * 8 + c] = r + c
    h.fill(-5, 104, 120)
    w.symv(320, 128, 832, 8)
    expect(Array.from(h.subarray(104, 112))).toEqual([12, 16, 20, 24, 28, 32, 36, 40])
    expect(Array.from(h.subarray(112, 120))).toEqual(new Array(8).fill(-5))
    // Terms as in the heap test: values at 120, items 1, 0, 1 at byte 1600, out at 24.
    h.set([0.5, 1, 2], 120)
    ints.set([1, 0, 1])
    h.fill(0, 24, 32)
    w.residualTerms(1600, 960, 1, 3, 0, 128, 192, 8, 2)
    expect(Array.from(h.subarray(24, 32))).toEqual(Array.from({ length: 8 }, (_, k) => -29 * (k + 1) - 75 * (8 - k)))
    h.fill(0, 24, 32)
    w.productTerms(1600, 960, 0, 2, 0, 128, 192, 8, 2)
    expect(Array.from(h.subarray(24, 32))).toEqual(Array.from({ length: 8 }, (_, k) => 20 * (8 - k) + 32 * (k + 1)))
    const before = h.slice()
    w.residualTerms(1600, 960, 2, 2, 0, 128, 192, 8, 2)
    w.residualTerms(1600, 960, 3, 1, 0, 128, 192, 8, 2)
    w.productTerms(1600, 960, 2, 2, 0, 128, 192, 8, 2)
    w.productTerms(1600, 960, 3, 0, 0, 128, 192, 8, 2)
    expect(h).toEqual(before)
  })
})
