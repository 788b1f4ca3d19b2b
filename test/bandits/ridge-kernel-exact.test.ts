import { afterEach, describe, expect, it, vi } from "vitest"
import { RidgeKernel, pairedRowDots, ridgeLayout } from "../../src/bandits/ridge-kernel"

afterEach(() => {
  vi.unstubAllGlobals()
})

/** The WebAssembly namespace with `replaced` members over the real ones (the kernels read the global at each call). */
function stubWebAssembly(replaced: Record<string, unknown>): void {
  const real = (globalThis as unknown as { WebAssembly: object }).WebAssembly
  vi.stubGlobal("WebAssembly", Object.assign(Object.create(real), replaced))
}

describe("ridgeLayout and the kernel's views", () => {
  it("places pairs, x, A⁻¹, θ and the two outputs one after the other, the vectors padded to an even count", () => {
    // K = 3, d = 2: P = 3 pairs padded to 4 doubles (32 bytes), x 2 doubles (16), A⁻¹ 3·3·8 = 72, θ 3·2·8 = 48, 3·8 each out.
    expect(ridgeLayout(3, 2)).toEqual({
      packedSize: 3,
      pairs: 0,
      x: 32,
      inverse: 48,
      theta: 120,
      forms: 168,
      means: 192,
      end: 216,
    })
    // K = 2, d = 3: P = 6 (48 bytes), x 3 doubles padded to 4 (32), A⁻¹ 2·6·8 = 96, θ 2·3·8 = 48.
    expect(ridgeLayout(2, 3)).toEqual({
      packedSize: 6,
      pairs: 0,
      x: 48,
      inverse: 80,
      theta: 176,
      forms: 224,
      means: 240,
      end: 256,
    })
    const kernel = RidgeKernel.create(3, 2)
    if (!kernel) throw new Error("no WebAssembly memory")
    const offsets = [kernel.pairs, kernel.x, kernel.inverse, kernel.theta, kernel.quadraticForms(), kernel.means()].map(
      (a) => [a.byteOffset, a.length],
    )
    expect(offsets).toEqual([
      [0, 3],
      [32, 2],
      [48, 9],
      [120, 6],
      [168, 3],
      [192, 3],
    ])
  })

  it("over: a kernel on the first bytes of a memory its owner made, at the layout's addresses", () => {
    const memory = new (
      globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } } }
    ).WebAssembly.Memory({ initial: 1 })
    const kernel = RidgeKernel.over(2, 3, memory)
    expect([kernel.nArms, kernel.dimension, kernel.x.buffer]).toEqual([2, 3, memory.buffer])
    expect([kernel.x.byteOffset, kernel.inverse.byteOffset, kernel.theta.byteOffset]).toEqual([48, 80, 176])
    // θ rows (1, 2, 3) and (4, 5, 6) times x = (1, 10, 100): 321 and 654, written at byte 240.
    kernel.theta.set([1, 2, 3, 4, 5, 6])
    kernel.x.set([1, 10, 100])
    const means = kernel.means()
    expect([means.byteOffset, ...means]).toEqual([240, 321, 654])
    expect(Array.from(new Float64Array(memory.buffer, 240, 2))).toEqual([321, 654])
  })

  it("asks for ⌈end/64 KiB⌉ pages, gives null when the memory is refused and passes on any other error", () => {
    const asked: number[] = []
    stubWebAssembly({
      Memory: class {
        constructor(descriptor: { initial: number }) {
          asked.push(descriptor.initial)
          throw new RangeError("WebAssembly.Memory(): could not allocate memory")
        }
      },
    })
    // K = 100, d = 30: end = 401568 bytes (P = 465: x at 3728, A⁻¹ at 3968, θ at 375968, outputs at 399968 and 400768).
    expect(ridgeLayout(100, 30).end).toBe(401568)
    expect(RidgeKernel.create(100, 30)).toBeNull()
    expect(RidgeKernel.create(3, 2)).toBeNull()
    expect(asked).toEqual([7, 1])
    stubWebAssembly({
      Memory: class {
        constructor() {
          throw new TypeError("not a memory")
        }
      },
    })
    expect(() => RidgeKernel.create(3, 2)).toThrow(TypeError)
    vi.stubGlobal("WebAssembly", undefined)
    expect(RidgeKernel.create(3, 2)).toBeNull()
  })

  it("compiles the module of a dimension once and reuses it for every kernel of that dimension", () => {
    const real = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly
    const compiled: number[] = []
    stubWebAssembly({
      // Called with `new`: the object returned (the real compiled module) is the result.
      Module: function Module(bytes: Uint8Array) {
        compiled.push(bytes.length)
        return new real.Module(bytes)
      },
    })
    // d = 37 is used by no other test: the first kernel may compile it (once), the next ones do not.
    const first = RidgeKernel.create(2, 37)
    const before = compiled.length
    expect(before).toBeLessThanOrEqual(1)
    const second = RidgeKernel.create(5, 37)
    const third = RidgeKernel.create(1, 37)
    expect(compiled.length).toBe(before)
    for (const kernel of [first, second, third]) {
      if (!kernel) throw new Error("no WebAssembly memory")
      kernel.theta.fill(0.5)
      kernel.x.fill(2)
      expect(Array.from(kernel.means())).toEqual(new Array(kernel.nArms).fill(37))
    }
  })
})

describe("pairedRowDots", () => {
  it("writes rows 0 … nRows − 1 only, whatever the length of `out`, odd and even row counts", () => {
    // Rows 1..3, 4..6, …: row r of length 3 times (1, 10, 100) is 100·(3r + 3) + 10·(3r + 2) + (3r + 1).
    const rows = Float64Array.from({ length: 15 }, (_, i) => i + 1)
    const v = Float64Array.of(7, 1, 10, 100)
    for (const nRows of [1, 2, 3, 4]) {
      const out = new Float64Array(6).fill(-1)
      pairedRowDots(rows, 3, nRows, v, 1, out)
      expect(Array.from(out)).toEqual([321, 654, 987, 1320, -1, -1].map((x, r) => (r < nRows ? x : -1)))
    }
    // Length 4 (even: no last term), 3 rows: row r is (4r + 1) + 10(4r + 2) + 100(4r + 3) + 1000(4r + 4).
    const out = new Float64Array(5).fill(-1)
    pairedRowDots(rows, 4, 3, Float64Array.of(1, 10, 100, 1000), 0, out)
    expect(Array.from(out)).toEqual([4321, 8765, 13209, -1, -1])
    // Length 1: only the last term.
    expect(Array.from(pairedRowDots(rows, 1, 3, Float64Array.of(0, 3), 1, new Float64Array(3)))).toEqual([3, 6, 9])
  })

  it("adds even and odd terms apart, then the last term: the order shows in the rounding", () => {
    // 1e16 + 1 + (−1e16) + 1: even terms 1e16 − 1e16 = 0, odd terms 1 + 1 = 2, sum 2 (a plain left-to-right sum gives 1).
    const rows = Float64Array.of(1e16, 1, -1e16, 1, 1e16, 1, -1e16, 1, 3)
    const ones = Float64Array.of(1, 1, 1, 1, 1)
    expect(Array.from(pairedRowDots(rows, 4, 2, ones, 0, new Float64Array(2)))).toEqual([2, 2])
    // Length 5 with the last term 3 added after (even + odd): 0 + 2 + 3.
    const five = Float64Array.of(1e16, 1, -1e16, 1, 3, 1e16, 1, -1e16, 1, 3)
    expect(Array.from(pairedRowDots(five, 5, 2, ones, 0, new Float64Array(2)))).toEqual([5, 5])
    const kernel = RidgeKernel.create(2, 4)
    if (!kernel) throw new Error("no WebAssembly memory")
    kernel.theta.set(rows.subarray(0, 8))
    kernel.x.set(ones.subarray(0, 4))
    expect(Array.from(kernel.means())).toEqual([2, 2])
  })
})
