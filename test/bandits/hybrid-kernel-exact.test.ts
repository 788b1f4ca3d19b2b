import { afterEach, describe, expect, it, vi } from "vitest"
import { createRng } from "../../src/random/rng"
import { HybridLinUcb } from "../../src/bandits/hybrid-linucb"
import { HybridKernel, hybridScores } from "../../src/bandits/hybrid-kernel"
import { RidgeArms } from "../../src/bandits/ridge-arms"
import { pairedRowDots } from "../../src/bandits/ridge-kernel"

afterEach(() => {
  vi.unstubAllGlobals()
})

/** The WebAssembly namespace with `replaced` members over the real ones (the kernels read the global at each call). */
function stubWebAssembly(replaced: Record<string, unknown>): void {
  const real = (globalThis as unknown as { WebAssembly: object }).WebAssembly
  vi.stubGlobal("WebAssembly", Object.assign(Object.create(real), replaced))
}

function kernelFor(K: number, d: number, k: number): HybridKernel {
  const kernel = HybridKernel.create(K, d, k)
  if (!kernel) throw new Error("no WebAssembly memory")
  return kernel
}

describe("hybridScores on hand-computed numbers", () => {
  it("m_a = θ_aᵀx + (z_a − w_a)ᵀβ̂ and s_a from the upper triangle of A₀⁻¹, for each arm at a·k", () => {
    // Arm 0: v = z − w = (1, 2) − (0.5, 0.5) = (0.5, 1.5); m = 0.1 + 0.5·2 + 1.5·(−1) = −0.4;
    //   vᵀA₀⁻¹v = 2·0.25 + 2·0.5·(0.5·1.5) + 4·2.25 = 10.25, s = 0.3 + 10.25; p = m + 2√10.55.
    // Arm 1: v = (−1, 0), m = 0.2 − 2 = −1.8, vᵀA₀⁻¹v = 2, s = −20 + 2 < 0: no bonus, p = m.
    // The lower triangle (99) is never read.
    const v = new Float64Array(2)
    const out = Float64Array.of(7, 7, 7)
    hybridScores(
      2,
      2,
      Float64Array.of(1, 2, 0, 1),
      Float64Array.of(0.5, 0.5, 1, 1),
      Float64Array.of(0.3, -20),
      Float64Array.of(0.1, 0.2),
      Float64Array.of(2, -1),
      Float64Array.of(2, 0.5, 99, 4),
      2,
      v,
      out,
    )
    expect(out[0]).toBeCloseTo(-0.4 + 2 * Math.sqrt(10.55), 14)
    expect(out[1]).toBeCloseTo(-1.8, 14)
    expect(out[2]).toBe(7)
    // s = −2 + vᵀA₀⁻¹v = −2 + 2·1·(0.5·2·1) = 0 exactly: the bonus is 0, p = 0.5 + 1·1.
    hybridScores(
      1,
      1,
      Float64Array.of(1),
      Float64Array.of(0),
      Float64Array.of(-2),
      Float64Array.of(0.5),
      Float64Array.of(1),
      Float64Array.of(2),
      3,
      v,
      out,
    )
    expect(out[0]).toBe(1.5)
  })
})

const bits = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)))

describe("HybridKernel against its JavaScript fall-back on small sizes", () => {
  it("decide: the bits of pair products, row dots and hybridScores, for odd and even K, d and k", () => {
    const rng = createRng(17)
    const fill = (a: Float64Array) => {
      for (let i = 0; i < a.length; i++) a[i] = (rng.next() - 0.5) * 4
    }
    for (const [K, d, k] of [
      [1, 2, 1],
      [2, 1, 2],
      [3, 3, 3],
      [4, 2, 1],
      [5, 4, 2],
      [6, 5, 4],
      [9, 7, 6],
    ]) {
      const kernel = kernelFor(K, d, k)
      fill(kernel.ridge.inverse) // not positive definite: some s_a < 0, whose width is 0
      fill(kernel.ridge.theta)
      fill(kernel.rows)
      fill(kernel.x)
      fill(kernel.z.subarray(0, K * k))
      fill(kernel.beta)
      fill(kernel.inverse)
      kernel.alpha[0] = 0.7
      const got = Float64Array.from(kernel.decide())
      const js = new RidgeArms(K, d, 1, { kernel: false })
      js.inverse.set(kernel.ridge.inverse)
      js.theta.set(kernel.ridge.theta)
      js.setPairs(kernel.x, 0)
      const widths = js.pairQuadraticForms(new Float64Array(K))
      const means = pairedRowDots(js.theta, d, K, kernel.x, 0, new Float64Array(K))
      const w = pairedRowDots(kernel.rows, d, K * k, kernel.x, 0, new Float64Array(K * k))
      const want = hybridScores(
        K,
        k,
        kernel.z.slice(0, K * k),
        w,
        widths,
        means,
        kernel.beta,
        kernel.inverse,
        0.7,
        new Float64Array(k),
        new Float64Array(K),
      )
      expect(bits(got)).toEqual(bits(want))
      // What decide leaves in memory: the widths, means and w of every arm.
      expect(bits(kernel.widths.subarray(0, K))).toEqual(bits(widths))
      expect(bits(kernel.means.subarray(0, K))).toEqual(bits(means))
      expect(bits(kernel.w.subarray(0, K * k))).toEqual(bits(w))
      expect(bits(kernel.ridge.pairs)).toEqual(bits(js["pairs"]))
    }
  })

  it("update: a policy with the kernel and one without keep the same state, to the last bit", () => {
    for (const [K, d, f] of [
      [3, 2, 1],
      [2, 3, 0],
      [5, 1, 2],
    ]) {
      const options = { arms: K, dimension: d, users: 3, factors: f, alpha: 0.8, lambda: 0.5 }
      const wasm = new HybridLinUcb(options)
      vi.stubGlobal("WebAssembly", undefined)
      const js = new HybridLinUcb(options)
      vi.unstubAllGlobals()
      expect(wasm.wasmKernel?.updates).toBe(true)
      expect(js.wasmKernel).toBeNull()
      const env = createRng(5)
      const a = new Float64Array(K)
      const b = new Float64Array(K)
      for (let t = 0; t < 25; t++) {
        const context = { user: t % 3, features: Float64Array.from({ length: d }, () => env.next() - 0.5) }
        expect(bits(wasm.indices(context, a))).toEqual(bits(js.indices(context, b)))
        const arm = Math.floor(env.next() * K)
        const reward = env.next() < 0.4 ? 1 : 0
        wasm.update(arm, reward, context)
        js.update(arm, reward, context)
      }
      expect(bits(wasm.model.inverse)).toEqual(bits(js.model.inverse))
      expect(bits(wasm.model.theta)).toEqual(bits(js.model.theta))
      expect(bits(wasm["mTransposed"])).toEqual(bits(js["mTransposed"]))
      expect(bits(wasm["a0Inverse"])).toEqual(bits(js["a0Inverse"]))
      expect(bits(wasm["b0"])).toEqual(bits(js["b0"]))
      expect(bits(wasm.beta)).toEqual(bits(js.beta))
    }
  })
})

describe("HybridKernel layout, memory and module", () => {
  it("puts β̂, A₀⁻¹, b₀, α, M_aᵀ, w, z, the widths, means and indices after the ridge arrays, 16-byte aligned", () => {
    // K = 3, d = 2, k = 3: the ridge arrays end at 216 (see ridgeLayout), rounded up to 224; then
    // β̂ 3 doubles padded to 4 (32 bytes), A₀⁻¹ 9 → 10 (80), b₀ 32, α 1 → 2 (16), M_aᵀ 3·3·2 = 18 (144),
    // w and z 4 arms (K rounded up to even) × 3 = 12 (96 each), widths and means 4 (32 each), indices 4 (32).
    const kernel = kernelFor(3, 2, 3)
    const arrays = [
      kernel.beta,
      kernel.inverse,
      kernel.b0,
      kernel.alpha,
      kernel.rows,
      kernel.w,
      kernel.z,
      kernel.widths,
      kernel.means,
      kernel.decide(),
    ]
    expect(arrays.map((a) => [a.byteOffset, a.length])).toEqual([
      [224, 3],
      [256, 9],
      [336, 3],
      [368, 1],
      [384, 18],
      [528, 12],
      [624, 12],
      [720, 4],
      [752, 4],
      [784, 3],
    ])
    expect([kernel.nArms, kernel.dimension, kernel.shared, kernel.updates]).toEqual([3, 2, 3, true])
    expect(kernel.x).toBe(kernel.ridge.x)
    expect([kernel.ridge.inverse.byteOffset, kernel.ridge.theta.byteOffset]).toEqual([48, 120])
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
    // K = 101, d = 30, k = 5: the ridge arrays end at 405544, β̂ starts at 405552 and the indices end at 537680 (8.2 pages).
    expect(HybridKernel.create(101, 30, 5)).toBeNull()
    expect(HybridKernel.create(3, 2, 3)).toBeNull()
    // K = 13, d = 29, k = 4: the indices start at 65472 and end at 65696, just past the first page.
    expect(HybridKernel.create(13, 29, 4)).toBeNull()
    expect(asked).toEqual([9, 1, 2])
    stubWebAssembly({
      Memory: class {
        constructor() {
          throw new TypeError("not a memory")
        }
      },
    })
    expect(() => HybridKernel.create(3, 2, 3)).toThrow(TypeError)
    vi.stubGlobal("WebAssembly", undefined)
    expect(HybridKernel.create(3, 2, 3)).toBeNull()
  })

  it("compiles one module per (K, d, k) and reuses it", () => {
    const real = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly
    let compiled = 0
    stubWebAssembly({
      // Called with `new`: the object returned (the real compiled module) is the result.
      Module: function Module(bytes: Uint8Array) {
        compiled++
        return new real.Module(bytes)
      },
    })
    // A new (K, d, k) compiles its module and, for a new d, its RidgeKernel's (none if an earlier run
    // of this module left them cached); a repeated (K, d, k) compiles nothing.
    kernelFor(3, 6, 1)
    const first = compiled
    expect(first).toBeLessThanOrEqual(2)
    kernelFor(3, 6, 1)
    expect(compiled).toBe(first)
    for (const [K, d, k] of [
      [5, 6, 1],
      [3, 7, 1],
      [3, 6, 2],
    ]) {
      const kernel = kernelFor(K, d, k)
      kernel.ridge.theta.fill(1)
      kernel.x.fill(1)
      kernel.alpha[0] = 0
      expect(Array.from(kernel.decide())).toEqual(new Array(K).fill(d))
      const before = compiled
      kernelFor(K, d, k)
      expect(compiled).toBe(before)
    }
  })

  it("has `update` up to d = 64, where the policy's state matches the JavaScript fall-back bit for bit", () => {
    const at65 = kernelFor(1, 65, 1)
    expect(at65.updates).toBe(false)
    expect(() => at65.update(0, 1)).toThrow("HybridKernel: no update for d = 65 > 64")
    // k = 2 + 0 factors: the policy's module.
    expect(kernelFor(2, 64, 2).updates).toBe(true)
    const options = { arms: 2, dimension: 64, users: 2, factors: 0, alpha: 0.5 }
    const wasm = new HybridLinUcb(options)
    vi.stubGlobal("WebAssembly", undefined)
    const js = new HybridLinUcb(options)
    vi.unstubAllGlobals()
    expect(wasm.wasmKernel?.updates).toBe(true)
    expect(js.wasmKernel).toBeNull()
    const env = createRng(3)
    for (let t = 0; t < 4; t++) {
      const context = { user: t % 2, features: Float64Array.from({ length: 64 }, () => env.next() - 0.5) }
      const arm = t % 2
      const reward = env.next() < 0.5 ? 1 : 0
      wasm.update(arm, reward, context)
      js.update(arm, reward, context)
    }
    expect(Array.from(wasm.model.inverse)).toEqual(Array.from(js.model.inverse))
    expect(Array.from(wasm.model.theta)).toEqual(Array.from(js.model.theta))
    expect(Array.from(wasm.beta)).toEqual(Array.from(js.beta))
    expect(Array.from(wasm["mTransposed"])).toEqual(Array.from(js["mTransposed"]))
  })
})
