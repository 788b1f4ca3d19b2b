import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { createRng, splitRng, Xoshiro128 } from "../../src/random/rng"

// createRng's seeding (SplitMix32 over the seed's and the stream's two 32-bit words) and the double
// conversion, against the independent Python implementation in reference/xoshiro_seeding.py (run by hand;
// its output is pasted here). rng.test.ts checks the generator itself against the C reference.

const firstWords = (r: Rng) => [r.nextUint32(), r.nextUint32(), r.nextUint32()]

describe("createRng seeds as the reference does", () => {
  it.each([
    [0, 0, [744213956, 847201580, 2578537603], 0.967133996989173],
    [42, 0, [2669080354, 2308200711, 658645022], 0.23065162397804095],
    [42, 1, [2006728268, 2352722940, 606819821], 0.7280435985968366],
    [2 ** 32 + 5, 0, [1355031734, 3438048466, 1155718084], 0.3242371042116706],
    [Number.MAX_SAFE_INTEGER, 3, [2028706507, 695465725, 337037210], 0.3415588410603868],
    [7, 2 ** 32 + 1, [3251640725, 2550044848, 979130757], 0.2901756812702516],
    [-5, 0, [2768539408, 111464155, 1597967075], 0.042821780240780205],
  ])("seed %d, stream %d", (seed, stream, words, double) => {
    const r = createRng(seed, stream)
    expect(firstWords(r)).toEqual(words)
    expect(r.next()).toBe(double)
  })

  it("uses stream 0 by default", () => {
    expect(firstWords(createRng(42))).toEqual(firstWords(createRng(42, 0)))
  })

  it("splits off the generator whose state is the parent's next four words", () => {
    const parent = createRng(5)
    const child = splitRng(parent)
    expect([child.nextUint32(), child.nextUint32()]).toEqual([3765140563, 403312775])
    expect(parent.nextUint32()).toBe(2838738621)
  })

  it("splits a parent whose four words are all zero into the state (1, 0, 0, 0), whose words are 0, 5760, 5760", () => {
    const zeros: Rng = { next: () => 0, nextUint32: () => 0 }
    expect(firstWords(splitRng(zeros))).toEqual([0, 5760, 5760])
    expect(firstWords(new Xoshiro128(1, 0, 0, 0))).toEqual([0, 5760, 5760])
  })

  it("reads state words modulo 2^32 and saves and loads them at offset 0 by default", () => {
    expect(firstWords(new Xoshiro128(2 ** 32 - 1, 2, 3, 4))).toEqual(firstWords(new Xoshiro128(-1, 2, 3, 4)))
    const a = createRng(9)
    const st = new Int32Array(4)
    a.saveState(st)
    const b = new Xoshiro128(1, 0, 0, 0)
    b.loadState(st)
    expect(firstWords(b)).toEqual(firstWords(a))
  })

  it("names the bad argument", () => {
    expect(() => createRng(1.5)).toThrow("createRng: seed must be a safe integer, got 1.5")
    expect(() => createRng(2 ** 53)).toThrow("createRng: seed must be a safe integer, got 9007199254740992")
    expect(() => createRng(1, -1)).toThrow("createRng: stream must be a non-negative safe integer, got -1")
    expect(() => createRng(1, 0.5)).toThrow("createRng: stream must be a non-negative safe integer, got 0.5")
    expect(() => new Xoshiro128(0, 0, 0, 0)).toThrow("Xoshiro128: the state must not be all zero")
  })
})
