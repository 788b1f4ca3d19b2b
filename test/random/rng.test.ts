import { describe, expect, it } from "vitest"
import { createRng, nextWord, splitRng, Xoshiro128 } from "../../src/random/rng"
import { chiSquare, chiSquareCritical999 } from "./gof"

describe("Xoshiro128", () => {
  it("matches the C reference implementation (xoshiro128starstar.c, state {1,2,3,4})", () => {
    // Produced by compiling Blackman & Vigna's reference xoshiro128starstar.c with gcc -O2.
    const r = new Xoshiro128(1, 2, 3, 4)
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ])
  })

  it("rejects the all-zero state", () => {
    expect(() => new Xoshiro128(0, 0, 0, 0)).toThrow(/all zero/)
  })

  it("gives doubles in [0, 1) that are uniform (χ² over 100 bins)", () => {
    const r = createRng(1)
    const n = 200_000
    const counts = new Float64Array(100)
    let outside = 0
    for (let i = 0; i < n; i++) {
      const x = r.next()
      if (!(x >= 0 && x < 1)) outside++
      else counts[Math.floor(x * 100)]++
    }
    expect(outside).toBe(0)
    const { statistic, df } = chiSquare(counts, new Float64Array(100).fill(0.01), n)
    expect(statistic).toBeLessThan(chiSquareCritical999(df))
  })

  it("is reproducible for a seed and differs across seeds and streams", () => {
    const a = createRng(42)
    const b = createRng(42)
    const seqA = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA)
    const c = createRng(43)
    const d = createRng(42, 1)
    expect(c.next()).not.toBe(seqA[0])
    expect(d.next()).not.toBe(seqA[0])
  })

  it("has streams that are uncorrelated (first draws of 10,000 consecutive streams)", () => {
    const xs: number[] = []
    const ys: number[] = []
    for (let s = 0; s < 10_000; s++) {
      const r = createRng(7, s)
      xs.push(r.next())
      ys.push(r.next())
    }
    const mx = xs.reduce((a, b) => a + b) / xs.length
    const my = ys.reduce((a, b) => a + b) / ys.length
    let cov = 0
    for (let i = 0; i < xs.length; i++) cov += (xs[i] - mx) * (ys[i] - my)
    // Correlation of independent uniforms has sd 1/sqrt(n) = 0.01.
    expect(Math.abs(cov / xs.length / (1 / 12))).toBeLessThan(0.04)
  })

  it("steps state words in a typed array exactly as the object does (saveState, nextWord, loadState)", () => {
    const a = createRng(5, 3)
    const b = createRng(5, 3)
    const st = new Int32Array(6)
    b.saveState(st, 2)
    for (let i = 0; i < 1000; i++) expect(nextWord(st, 2)).toBe(a.nextUint32())
    b.loadState(st, 2)
    for (let i = 0; i < 10; i++) expect(b.next()).toBe(a.next())
  })

  it("clones and splits deterministically", () => {
    const r = createRng(3)
    const c = r.clone()
    expect(c.next()).toBe(r.next())
    const s1 = splitRng(createRng(5))
    const s2 = splitRng(createRng(5))
    expect(s1.next()).toBe(s2.next())
  })

  it("rejects bad seeds with the parameter's name", () => {
    expect(() => createRng(1.5)).toThrow(/seed must be a safe integer/)
    expect(() => createRng(1, -1)).toThrow(/stream must be/)
  })
})
