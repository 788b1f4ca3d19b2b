import { describe, expect, it } from "vitest"
import { wilsonHilfertyF32 } from "../../src/bandits/counter-normals"
import { WilsonHilfertySimd } from "../../src/bandits/wilson-hilferty-simd"
import { countSlot, wilsonHilfertySimdLayout } from "../../src/bandits/wilson-hilferty-simd-module"
import { createRng, type Rng } from "../../src/random/rng"

/** Runs `body` with globalThis.WebAssembly replaced by `replacement`, then puts the real one back. */
function withWebAssembly<T>(replacement: unknown, body: () => T): T {
  const real = Reflect.get(globalThis, "WebAssembly")
  Reflect.set(globalThis, "WebAssembly", replacement)
  try {
    return body()
  } finally {
    Reflect.set(globalThis, "WebAssembly", real)
  }
}

/**
 * A wasm kernel and a `{ wasm: false }` one loaded with the same posteriors: every real arm's mean below 10⁻⁴
 * (prior α ∈ [0.2, 3.2), β ∈ [10⁵, 2·10⁵), S up to 3, F up to 30), so a padding lane (prior Beta(1, 1),
 * counts 0, θ around 0.5) would win almost every decision if it were not masked.
 */
function lowKernels(users: number, K: number, seed: number) {
  const rng = createRng(seed)
  const S = Float64Array.from({ length: users * K }, () => Math.floor(4 * rng.next()))
  const F = Float64Array.from({ length: users * K }, () => Math.floor(30 * rng.next()))
  const alpha = Float64Array.from({ length: K }, () => 0.2 + 3 * rng.next())
  const beta = Float64Array.from({ length: K }, () => 1e5 + 1e5 * rng.next())
  const wasm = WilsonHilfertySimd.create(users, K)
  const js = WilsonHilfertySimd.create(users, K, { wasm: false })
  wasm.load(S, F, alpha, beta)
  js.load(S, F, alpha, beta)
  return { wasm, js }
}

describe("wilsonHilfertySimdLayout and countSlot: the kernel's addresses", () => {
  it("pads K to K₈ = 8⌈K/8⌉; a row is 8·K₈ bytes, then the priors (one row), the draws (K₈ floats), the key (16 bytes)", () => {
    expect(wilsonHilfertySimdLayout(1, 1)).toEqual({
      padded: 8,
      rowBytes: 64,
      priors: 64,
      draws: 128,
      keys: 160,
      end: 176,
    })
    expect(wilsonHilfertySimdLayout(2, 8)).toEqual({
      padded: 8,
      rowBytes: 64,
      priors: 128,
      draws: 192,
      keys: 224,
      end: 240,
    })
    expect(wilsonHilfertySimdLayout(3, 13)).toEqual({
      padded: 16,
      rowBytes: 128,
      priors: 384,
      draws: 512,
      keys: 576,
      end: 592,
    })
    expect(wilsonHilfertySimdLayout(5, 50)).toEqual({
      padded: 56,
      rowBytes: 448,
      priors: 2240,
      draws: 2688,
      keys: 2912,
      end: 2928,
    })
  })

  it("puts arm a's S at 16⌊a/8⌋ + (4 if bit 2 of a) + a mod 4 floats, its F 4 floats further", () => {
    const arms = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 15, 16, 49]
    expect(arms.map(countSlot)).toEqual([0, 1, 2, 3, 8, 9, 10, 11, 16, 19, 24, 25, 27, 32, 97])
  })
})

describe("WilsonHilfertySimd: the last quad's masking, ties, the key and the fall-backs", () => {
  it.each([1, 2, 3, 5, 6, 7, 9, 50])(
    "at K = %i gives the fall-back's draws bit for bit, never an arm ≥ K, and writes only K draws",
    (K) => {
      const users = 3
      const { wasm, js } = lowKernels(users, K, 40 + K)
      expect([wasm.wasm, js.wasm]).toEqual([true, false])
      const a = new Float64Array(K + 8).fill(7)
      const b = new Float64Array(K + 8).fill(7)
      const rng = createRng(K)
      let differ = 0
      let beyond = 0
      for (let t = 0; t < 300; t++) {
        const k0 = rng.nextUint32()
        const k1 = rng.nextUint32()
        const user = t % users
        wasm.key(k0, k1)
        js.key(k0, k1)
        const armW = wasm.draw(user, a)
        const armJ = js.draw(user, b)
        if (armW >= K || wasm.decide(user) >= K) beyond++
        if (armW !== armJ || wasm.decide(user) !== armW || js.decide(user) !== armW) differ++
        for (let i = 0; i < K; i++) if (!Object.is(a[i], b[i]) || !(a[i] < 1e-3)) differ++
        let first = 0
        for (let i = 1; i < K; i++) if (a[i] > a[first]) first = i
        if (first !== armW) differ++
      }
      expect(beyond).toBe(0)
      expect(differ).toBe(0)
      expect(Array.from(a.subarray(K))).toEqual(new Array(8).fill(7))
      expect(Array.from(b.subarray(K))).toEqual(new Array(8).fill(7))
    },
  )

  it("breaks exact ties for the first arm: β = 0 gives θ = 1 whatever z, in any lane and quad", () => {
    const K = 13
    const zeros = new Float64Array(2 * K)
    expect(wilsonHilfertyF32(1, 0, 2.5)).toBe(1)
    expect(wilsonHilfertyF32(1, 0, -2.5)).toBe(1)
    for (const tied of [
      [5, 9],
      [6, 11],
      [3, 4, 12],
      [12, 7],
    ]) {
      const alpha = new Float64Array(K).fill(1)
      const beta = Float64Array.from({ length: K }, (_, a) => (tied.includes(a) ? 0 : 1e6))
      for (const wasm of [true, false]) {
        const k = WilsonHilfertySimd.create(2, K, { wasm })
        k.load(zeros, zeros, alpha, beta)
        const out = new Float64Array(K)
        const rng = createRng(tied[0])
        for (let t = 0; t < 20; t++) {
          k.drawKey(rng)
          expect(k.decide(t % 2)).toBe(Math.min(...tied))
          expect(k.draw(t % 2, out)).toBe(Math.min(...tied))
          for (const a of tied) expect(out[a]).toBe(1)
        }
      }
    }
  })

  it("drawKey keys a decision with two words of the generator, k0 then k1, for a Xoshiro128 and for any Rng", () => {
    const K = 11
    const S = Float64Array.from({ length: 2 * K }, (_, i) => i % 5)
    const F = Float64Array.from({ length: 2 * K }, (_, i) => (3 * i) % 7)
    const prior = new Float64Array(K).fill(1)
    const keyed = WilsonHilfertySimd.create(2, K)
    const byWords = WilsonHilfertySimd.create(2, K)
    keyed.load(S, F, prior, prior)
    byWords.load(S, F, prior, prior)
    const inline = createRng(12)
    const words = inline.clone()
    const generic = inline.clone()
    const opaque: Rng = { next: () => generic.next(), nextUint32: () => generic.nextUint32() }
    const x = new Float64Array(K)
    const y = new Float64Array(K)
    const previous = new Float64Array(K)
    let changed = 0
    for (let t = 0; t < 50; t++) {
      const k0 = words.nextUint32()
      const k1 = words.nextUint32()
      byWords.key(k0, k1)
      byWords.draw(t % 2, y)
      for (const rng of [inline, opaque]) {
        keyed.drawKey(rng)
        keyed.draw(t % 2, x)
        expect(Array.from(x)).toEqual(Array.from(y))
      }
      if (x.some((v, a) => v !== previous[a])) changed++
      previous.set(x)
      byWords.key(k1, k0)
      byWords.draw(t % 2, y)
      expect(Array.from(x)).not.toEqual(Array.from(y))
    }
    expect(changed).toBe(50)
    // both generators stepped by exactly the two words per decision
    const next = words.nextUint32()
    expect(inline.nextUint32()).toBe(next)
    expect(generic.nextUint32()).toBe(next)
  })

  it("falls back to JavaScript when the memory is refused (RangeError), and passes any other error on", () => {
    const { Module, Instance } = Reflect.get(globalThis, "WebAssembly")
    const refusing = {
      Module,
      Instance,
      Memory: class {
        constructor() {
          throw new RangeError("WebAssembly.Memory(): could not allocate memory")
        }
      },
    }
    const K = 6
    const S = Float64Array.from({ length: 2 * K }, (_, i) => i % 3)
    const F = Float64Array.from({ length: 2 * K }, (_, i) => i % 4)
    const prior = new Float64Array(K).fill(0.5)
    const k = withWebAssembly(refusing, () => WilsonHilfertySimd.create(2, K))
    const reference = WilsonHilfertySimd.create(2, K)
    expect([k.wasm, reference.wasm]).toEqual([false, true])
    k.load(S, F, prior, prior)
    reference.load(S, F, prior, prior)
    const a = createRng(2)
    const b = createRng(2)
    for (let t = 0; t < 50; t++) {
      k.drawKey(a)
      reference.drawKey(b)
      expect(k.decide(t % 2)).toBe(reference.decide(t % 2))
    }
    const broken = {
      Module,
      Instance,
      Memory: class {
        constructor() {
          throw new TypeError("WebAssembly.Memory(): broken")
        }
      },
    }
    expect(() => withWebAssembly(broken, () => WilsonHilfertySimd.create(2, K))).toThrow(
      /^WebAssembly.Memory\(\): broken$/,
    )
  })

  it("compiles one module per shape (users, K): a second kernel of that shape reuses it", () => {
    const { Module, Instance, Memory } = Reflect.get(globalThis, "WebAssembly")
    let compiled = 0
    const counting = {
      Instance,
      Memory,
      Module: new Proxy(Module, {
        construct(target, args) {
          compiled++
          return Reflect.construct(target, args)
        },
      }),
    }
    const kernels = withWebAssembly(counting, () => [
      WilsonHilfertySimd.create(3, 29),
      WilsonHilfertySimd.create(3, 29),
      WilsonHilfertySimd.create(3, 30),
    ])
    expect(kernels.map((k) => k.wasm)).toEqual([true, true, true])
    expect(compiled).toBe(2)
  })

  it("store gives back what load and setCounts wrote, rounded to single precision, each cell at its own place", () => {
    const users = 4
    const K = 11
    for (const wasm of [true, false]) {
      const k = WilsonHilfertySimd.create(users, K, { wasm })
      const S = Float64Array.from({ length: users * K }, (_, i) => i / 10)
      const F = Float64Array.from({ length: users * K }, (_, i) => 1000 + i)
      const prior = new Float64Array(K).fill(1)
      k.load(S, F, prior, prior)
      const S2 = new Float64Array(users * K)
      const F2 = new Float64Array(users * K)
      k.store(S2, F2)
      expect(Array.from(S2)).toEqual(Array.from(S, Math.fround))
      expect(Array.from(F2)).toEqual(Array.from(F))
      expect(S2[1]).not.toBe(S[1])
      const cell = new Float64Array(2)
      for (let u = 0; u < users; u++)
        for (let a = 0; a < K; a++) {
          k.countsOf(u, a, cell)
          expect(Array.from(cell)).toEqual([Math.fround(S[u * K + a]), F[u * K + a]])
        }
      k.setCounts(2, 9, Float64Array.of(0.3, 7.25))
      k.store(S2, F2)
      const expectedS = Array.from(S, Math.fround)
      const expectedF = Array.from(F)
      expectedS[2 * K + 9] = Math.fround(0.3)
      expectedF[2 * K + 9] = 7.25
      expect(Array.from(S2)).toEqual(expectedS)
      expect(Array.from(F2)).toEqual(expectedF)
    }
  })
})
