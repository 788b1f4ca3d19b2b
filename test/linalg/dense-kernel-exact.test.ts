import { availableParallelism } from "node:os"
import { afterEach, describe, expect, it, vi } from "vitest"
import { DenseHeap, gemmJs } from "../../src/linalg/kernels/dense-heap"
import { GemmBatch, defaultWorkers } from "../../src/linalg/kernels/gemm-batch"
import { gemmModuleBytes } from "../../src/linalg/kernels/gemm-module"

declare const WebAssembly: {
  Module: { new (bytes: Uint8Array): object; imports(m: object): { module: string; name: string; kind: string }[] }
  Instance: new (module: object, imports: object) => { exports: Record<string, (...args: number[]) => void> }
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { buffer: ArrayBuffer }
  validate(bytes: Uint8Array): boolean
}

/** Packs the row-major m × k `a` as 4-row strips (k-major) at `at` of `h`. */
function packA(h: Float64Array, at: number, a: number[], m: number, k: number): void {
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) h[at + (i >> 2) * 4 * k + 4 * p + (i & 3)] = a[i * k + p]
}

/** Packs the row-major k × n `b` as 4-column strips at `at`. */
function packB(h: Float64Array, at: number, b: number[], k: number, n: number): void {
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) h[at + (j >> 2) * 4 * k + 4 * p + (j & 3)] = b[p * n + j]
}

/** A = [i + 2p + 1] (8 × 3), B = [p − j] (3 × 8): C_ij = Σ_p (i + 2p + 1)(p − j), an integer closed form. */
function closedForm(i: number, j: number): number {
  let s = 0
  for (let p = 0; p < 3; p++) s += (i + 2 * p + 1) * (p - j)
  return s
}

/** A heap holding that A at 0, B at 24 and C (8 × 8, row stride 8) at 48 filled with 1000. */
function loaded(wasm: boolean): DenseHeap {
  const heap = DenseHeap.create(48 + 64 + 8, { wasm })
  const a = Array.from({ length: 24 }, (_, t) => Math.floor(t / 3) + 2 * (t % 3) + 1)
  const b = Array.from({ length: 24 }, (_, t) => Math.floor(t / 8) - (t % 8))
  packA(heap.f64, 0, a, 8, 3)
  packB(heap.f64, 24, b, 3, 8)
  heap.f64.fill(1000, 48, 112)
  return heap
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe("the packed product C ± A·B", () => {
  it("adds and subtracts the closed-form product over two strips each way, in WebAssembly and JavaScript", () => {
    for (const wasm of [true, false]) {
      const heap = loaded(wasm)
      expect(heap.isWasm).toBe(wasm)
      heap.gemm(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
      for (let i = 0; i < 8; i++)
        for (let j = 0; j < 8; j++) expect(heap.f64[48 + i * 8 + j]).toBe(1000 + closedForm(i, j))
      heap.gemm(-1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
      heap.gemm(-1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
      for (let i = 0; i < 8; i++)
        for (let j = 0; j < 8; j++) expect(heap.f64[48 + i * 8 + j]).toBe(1000 - closedForm(i, j))
      // Nothing outside C was written.
      expect(heap.f64.subarray(112)).toEqual(new Float64Array(8))
    }
  })

  it("runs in the module's exports on a WebAssembly heap, gemmAdd for +1 and gemmSub for −1, with byte addresses", () => {
    const heap = loaded(true)
    const exports = Reflect.get(heap, "wasm") as Record<"add" | "sub", (...args: number[]) => void>
    expect([exports.add.length, exports.sub.length]).toEqual([9, 9])
    const calls: string[] = []
    for (const name of ["add", "sub"] as const) {
      const run = exports[name]
      exports[name] = (...args: number[]) => {
        calls.push(`${name}(${args.join(",")})`)
        run(...args)
      }
    }
    heap.gemm(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
    heap.gemm(-1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
    expect(calls).toEqual(["add(8,8,3,0,96,192,96,384,64)", "sub(8,8,3,0,96,192,96,384,64)"])
    expect(heap.f64[48]).toBe(1000)
  })

  it("writes a 4 × 4 tile into a wider C with its row stride and leaves the rest alone", () => {
    for (const wasm of [true, false]) {
      const heap = loaded(wasm)
      // The lower-left 4 × 4 block: rows 4..8 of A (second strip), columns 0..4 of B, into C at row 4 with stride 8.
      heap.gemm(1, 4, 4, 3, 12, 12, 24, 12, 48 + 4 * 8, 8)
      for (let i = 0; i < 8; i++) {
        for (let j = 0; j < 8; j++) {
          const want = i >= 4 && j < 4 ? 1000 + closedForm(i, j) : 1000
          expect(heap.f64[48 + i * 8 + j]).toBe(want)
        }
      }
    }
  })

  it("does nothing when m, n or k is 0 (the WebAssembly loops would otherwise run once)", () => {
    const heap = loaded(true)
    const before = heap.f64.slice()
    heap.gemm(1, 0, 8, 3, 0, 12, 24, 12, 48, 8)
    heap.gemm(1, 8, 0, 3, 0, 12, 24, 12, 48, 8)
    heap.gemm(1, 8, 8, 0, 0, 12, 24, 12, 48, 8)
    heap.gemm(-1, -4, 8, 3, 0, 12, 24, 12, 48, 8)
    expect(heap.f64).toEqual(before)
  })

  it("gemmJs works on any array with the module's arithmetic", () => {
    const heap = loaded(false)
    const h = heap.f64.slice()
    gemmJs(h, -1, 8, 4, 3, 0, 12, 24 + 12, 12, 48 + 4, 8)
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++) expect(h[48 + i * 8 + j]).toBe(j >= 4 ? 1000 - closedForm(i, j) : 1000)
  })
})

describe("DenseHeap.create", () => {
  it("zero-fills the asked number of doubles, in WebAssembly memory unless told otherwise", () => {
    const w = DenseHeap.create(10)
    expect(w.isWasm).toBe(true)
    expect(w.f64.length).toBe(10)
    expect(w.memory?.buffer.byteLength).toBe(65536)
    expect(w.sharedModule).toBeNull()
    expect(w.f64).toEqual(new Float64Array(10))
    const big = DenseHeap.create(8193)
    expect(big.memory?.buffer.byteLength).toBe(2 * 65536)
    expect(DenseHeap.create(8192).memory?.buffer.byteLength).toBe(65536)
    const js = DenseHeap.create(10, { wasm: false })
    expect(js.isWasm).toBe(false)
    expect(js.memory).toBeNull()
    expect(js.sharedModule).toBeNull()
    expect(js.f64.length).toBe(10)
    expect(js.f64.buffer.byteLength).toBe(80)
    expect(DenseHeap.create(0).f64.length).toBe(0)
  })

  it("falls back to JavaScript where there is no WebAssembly, with the same numbers", () => {
    vi.stubGlobal("WebAssembly", undefined)
    const heap = loaded(true)
    expect(heap.isWasm).toBe(false)
    expect(heap.memory).toBeNull()
    heap.gemm(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
    expect(heap.f64[48 + 7 * 8 + 7]).toBe(1000 + closedForm(7, 7))
  })

  it("falls back to JavaScript when the memory cannot be had (RangeError) and passes any other error on", () => {
    const real = (globalThis as unknown as { WebAssembly: object }).WebAssembly
    const refusing = (error: Error) => ({
      ...real,
      Memory: class {
        constructor() {
          throw error
        }
      },
    })
    vi.stubGlobal("WebAssembly", refusing(new RangeError("out of memory")))
    const heap = loaded(true)
    expect(heap.isWasm).toBe(false)
    expect(heap.memory).toBeNull()
    heap.gemm(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
    expect(heap.f64[48 + 5 * 8 + 2]).toBe(1000 + closedForm(5, 2))
    vi.stubGlobal("WebAssembly", refusing(new TypeError("bad descriptor")))
    expect(() => DenseHeap.create(8, { shared: true })).toThrow("bad descriptor")
  })

  it("gives shared memory and the compiled module for worker threads when asked, one module per size", () => {
    const plainFirst = DenseHeap.create(9000)
    const shared = DenseHeap.create(16, { shared: true })
    expect(shared.isWasm).toBe(true)
    expect(shared.sharedModule).not.toBeNull()
    expect(shared.memory?.buffer).toBeInstanceOf(SharedArrayBuffer)
    const shared2 = DenseHeap.create(9000, { shared: true })
    expect(shared2.memory?.buffer.byteLength).toBe(2 * 65536)
    expect(shared2.sharedModule).not.toBe(shared.sharedModule)
    expect(DenseHeap.create(20, { shared: true }).sharedModule).toBe(shared.sharedModule)
    // A plain heap of another size than the first plain one still links (the plain module asks for one page).
    const plain = DenseHeap.create(16)
    expect(plain.memory?.buffer).toBeInstanceOf(ArrayBuffer)
    expect(plain.memory?.buffer).not.toBeInstanceOf(SharedArrayBuffer)
    for (const heap of [plainFirst, shared, shared2, plain]) {
      heap.f64.set([1, 2, 3, 4, 1, 1, 1, 1])
      heap.gemm(1, 4, 4, 1, 0, 4, 4, 4, 8, 0)
      // ldc 0: all four rows land on the same four doubles, adding a_r·b_c for r = 0..3 in turn.
      expect(Array.from(heap.f64.subarray(8, 12))).toEqual([10, 10, 10, 10])
    }
  })
})

describe("gemmModuleBytes", () => {
  it("imports env.memory with the limits asked for and exports gemmAdd and gemmSub", () => {
    const plain = gemmModuleBytes(false, 3, 3)
    const shared = gemmModuleBytes(true, 2, 300)
    expect(WebAssembly.validate(plain)).toBe(true)
    expect(WebAssembly.validate(shared)).toBe(true)
    expect(Array.from(plain.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0])
    const memoryImport = (bytes: Uint8Array, limits: number[]) => {
      const want = [3, 0x65, 0x6e, 0x76, 6, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, ...limits]
      const s = Array.from(bytes)
      return s.some((_, i) => want.every((v, t) => s[i + t] === v))
    }
    expect(memoryImport(plain, [0x00, 3])).toBe(true)
    expect(memoryImport(shared, [0x03, 2, 0xac, 0x02])).toBe(true)
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(plain))
    expect(imports).toEqual([{ module: "env", name: "memory", kind: "memory" }])
  })
  it("a fresh instance, plain or shared, adds and subtracts the closed-form product (byte addresses)", () => {
    // DenseHeap caches its compiled modules, so this checks the bytes of these very calls.
    for (const shared of [false, true]) {
      const memory = shared
        ? new WebAssembly.Memory({ initial: 2, maximum: 3, shared: true })
        : new WebAssembly.Memory({ initial: 1 })
      const w = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes(shared, shared ? 2 : 1, 3)), {
        env: { memory },
      }).exports
      const h = new Float64Array(memory.buffer, 0, 120)
      h.set(loaded(false).f64)
      w.gemmAdd(8, 8, 3, 0, 96, 192, 96, 384, 64)
      for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(h[48 + i * 8 + j]).toBe(1000 + closedForm(i, j))
      w.gemmSub(8, 8, 3, 0, 96, 192, 96, 384, 64)
      w.gemmSub(8, 8, 3, 0, 96, 192, 96, 384, 64)
      for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(h[48 + i * 8 + j]).toBe(1000 - closedForm(i, j))
      expect(h.subarray(112)).toEqual(new Float64Array(8))
      // One 4 × 4 tile (second strip of A, second strip of B) into C's lower right with stride 8.
      h.fill(0, 48, 112)
      w.gemmAdd(4, 4, 3, 96, 96, 288, 96, 384 + 8 * (4 * 8 + 4), 64)
      for (let i = 0; i < 8; i++)
        for (let j = 0; j < 8; j++) expect(h[48 + i * 8 + j]).toBe(i >= 4 && j >= 4 ? closedForm(i, j) : 0)
    }
  })
})

describe("GemmBatch", () => {
  it("runs queued products in order of queue, drops empty ones and grows past 64 tasks", () => {
    for (const wasm of [true, false]) {
      const heap = loaded(wasm)
      const batch = GemmBatch.create(heap, 0)
      expect(batch.threads).toBe(1)
      // 70 products on the same C: 35 add and 35 subtract A·B, then one more add: C = 1000 + A·B.
      for (let t = 0; t < 70; t++) batch.add(t % 2 === 0 ? 1 : -1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
      batch.add(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
      batch.add(1, 0, 8, 3, 0, 12, 24, 12, 48, 8)
      batch.add(1, 8, 0, 3, 0, 12, 24, 12, 48, 8)
      batch.add(1, 8, 8, 0, 0, 12, 24, 12, 48, 8)
      batch.run()
      for (let i = 0; i < 8; i++)
        for (let j = 0; j < 8; j++) expect(heap.f64[48 + i * 8 + j]).toBe(1000 + closedForm(i, j))
      // The queue was emptied: running again changes nothing.
      batch.run()
      expect(heap.f64[48]).toBe(1000 + closedForm(0, 0))
      batch.close()
    }
  })

  it("uses workers only on a shared WebAssembly heap, and they give the same bits, also past 4096 tasks", () => {
    expect(GemmBatch.create(loaded(true), 2).threads).toBe(1)
    expect(GemmBatch.create(loaded(false), 2).threads).toBe(1)
    // 4108 products, each into its own 4 × 4 tile (the products of one batch must write disjoint parts of C, since
    // threads run them at the same time): the queue of 4096 tasks is run early once, and a task skipped or run twice
    // leaves its tile at 0 or doubles it.
    const tasks = 4108
    const heap = DenseHeap.create(48 + 16 * tasks, { shared: true })
    heap.f64.set(loaded(true).f64.subarray(0, 48))
    const batch = GemmBatch.create(heap, 2)
    expect(batch.threads).toBe(3)
    for (let t = 0; t < tasks; t++)
      batch.add(1, 4, 4, 3, 12 * (t & 1), 12, 24 + 12 * ((t >> 1) & 1), 12, 48 + 16 * t, 4)
    batch.run()
    batch.close()
    batch.close()
    let wrong = 0
    for (let t = 0; t < tasks; t++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++)
          if (heap.f64[48 + 16 * t + 4 * i + j] !== closedForm(4 * (t & 1) + i, 4 * ((t >> 1) & 1) + j)) wrong++
    expect(wrong).toBe(0)
  })

  it("splits tasks by multiply-adds: a single task runs here, uneven tasks are all done once", () => {
    const heap = DenseHeap.create(120, { shared: true })
    heap.f64.set(loaded(true).f64)
    const batch = GemmBatch.create(heap, 3)
    batch.add(1, 8, 8, 3, 0, 12, 24, 12, 48, 8)
    batch.run()
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++) expect(heap.f64[48 + i * 8 + j]).toBe(1000 + closedForm(i, j))
    // One big product then two small ones: the first thread takes the big one, the rest share the others.
    batch.add(-1, 8, 4, 3, 0, 12, 24, 12, 48, 8)
    batch.add(-1, 4, 4, 3, 0, 12, 36, 12, 52, 8)
    batch.add(-1, 4, 4, 3, 12, 12, 36, 12, 84, 8)
    batch.run()
    batch.close()
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(heap.f64[48 + i * 8 + j]).toBe(1000)
  })

  it("reports a product that fails in a worker thread", () => {
    const heap = DenseHeap.create(120, { shared: true })
    const batch = GemmBatch.create(heap, 1)
    batch.add(1, 4, 4, 1, 0, 4, 4, 4, 8, 4)
    // Far outside the memory: the worker's WebAssembly traps.
    batch.add(1, 4, 4, 1, 0, 4, 4, 4, 1e8, 4)
    expect(() => batch.run()).toThrow("dense kernel: a worker thread failed in a product")
    batch.close()
  })

  it("uses one worker per further core, at most 3, by default", () => {
    expect(defaultWorkers()).toBe(Math.max(0, Math.min(3, availableParallelism() - 1)))
  })
})
