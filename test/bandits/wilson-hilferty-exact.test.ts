import { describe, expect, it } from "vitest"
import { wilsonHilfertyArgmax, wilsonHilfertyDraw } from "../../src/bandits/wilson-hilferty-argmax"
import { oneWordNormal } from "../../src/random/one-word-normal"
import { createRng, type Rng } from "../../src/random/rng"

/** The same generator behind an object that is not a Xoshiro128, so wilsonHilfertyArgmax takes its generic path. */
function opaque(rng: Rng): Rng {
  return { next: () => rng.next(), nextUint32: () => rng.nextUint32() }
}

describe("wilsonHilfertyDraw and wilsonHilfertyArgmax: exact values", () => {
  it("m·(1 − r²/9 + z·r/3)³ by hand: Beta(2, 6) has m = 1/4, r² = 6/(2·9) = 1/3", () => {
    // t = 26/27 ± (1/√3)/3·1.5 = 26/27 ± 0.5/√3.
    expect(wilsonHilfertyDraw(2, 6, 1.5)).toBeCloseTo(0.4902034123278047, 14)
    expect(wilsonHilfertyDraw(2, 6, -1.5)).toBeCloseTo(0.07664361302402174, 14)
    // Beta(1, 9) at z = 0: 0.1·(10/11)³.
    expect(wilsonHilfertyDraw(1, 9, 0)).toBeCloseTo(0.07513148009015777, 15)
  })

  it("the generic path draws one oneWordNormal per arm, in arm order, on the given row", () => {
    const priorAlpha = Float64Array.of(1, 2, 0.5)
    const priorBeta = Float64Array.of(3, 1, 4)
    const successes = Float64Array.of(9, 9, 9, 1, 0, 2)
    const failures = Float64Array.of(9, 9, 9, 3, 5, 0)
    const rng = createRng(4)
    const check = rng.clone()
    const out = new Float64Array(3)
    for (let t = 0; t < 40; t++) {
      const best = wilsonHilfertyArgmax(opaque(rng), priorAlpha, priorBeta, successes, failures, 3, 3, out)
      const draws = [0, 1, 2].map((a) =>
        wilsonHilfertyDraw(priorAlpha[a] + successes[3 + a], priorBeta[a] + failures[3 + a], oneWordNormal(check)),
      )
      expect(Array.from(out)).toEqual(draws)
      expect(best).toBe(draws.indexOf(Math.max(...draws)))
    }
  })

  it("on a Xoshiro128 the inline loop steps the state words itself, never calling the generator's methods, and draws the generic path's values (wedge and tail included)", () => {
    const K = 30
    const shapes = createRng(2)
    const priorAlpha = Float64Array.from({ length: K }, () => 0.3 + 4 * shapes.next())
    const priorBeta = Float64Array.from({ length: K }, () => 0.5 + 30 * shapes.next())
    // Row 1 of two users' counts, so that both the prior and the counts are read.
    const successes = Float64Array.from({ length: 2 * K }, (_, i) => i % 4)
    const failures = Float64Array.from({ length: 2 * K }, (_, i) => (3 * i) % 7)
    const rng = createRng(12)
    const generic = opaque(rng.clone())
    const normals = rng.clone()
    rng.nextUint32 = () => {
      throw new Error("called nextUint32")
    }
    rng.next = () => {
      throw new Error("called next")
    }
    const a = new Float64Array(K)
    const b = new Float64Array(K)
    let differ = 0
    for (let t = 0; t < 300; t++) {
      if (
        wilsonHilfertyArgmax(rng, priorAlpha, priorBeta, successes, failures, K, K, a) !==
        wilsonHilfertyArgmax(generic, priorAlpha, priorBeta, successes, failures, K, K, b)
      )
        differ++
      for (let i = 0; i < K; i++) if (!Object.is(a[i], b[i])) differ++
    }
    expect(differ).toBe(0)
    // The 9,000 normals drawn include the ziggurat's tail (|z| > R = 3.4426) more than once.
    let tail = 0
    for (let i = 0; i < 300 * K; i++) if (Math.abs(oneWordNormal(normals)) > 3.4426) tail++
    expect(tail).toBeGreaterThan(1)
  })

  it("returns the first of tied arms on either path: Beta(1, 0) draws exactly 1 whatever z", () => {
    const ones = Float64Array.of(1, 1, 1)
    const zero = new Float64Array(3)
    const out = new Float64Array(3)
    expect(wilsonHilfertyDraw(1, 0, 2.5)).toBe(1)
    for (let seed = 0; seed < 5; seed++) {
      expect(wilsonHilfertyArgmax(createRng(seed), ones, zero, zero, zero, 0, 3, out)).toBe(0)
      expect(Array.from(out)).toEqual([1, 1, 1])
      expect(wilsonHilfertyArgmax(opaque(createRng(seed)), ones, zero, zero, zero, 0, 3, null)).toBe(0)
    }
  })

  it("a clear winner is found on either path, with or without `out`", () => {
    const priorAlpha = Float64Array.of(1, 1, 1)
    const priorBeta = Float64Array.of(1, 1, 1)
    const successes = Float64Array.of(0, 0, 900)
    const failures = Float64Array.of(900, 900, 0)
    for (let seed = 0; seed < 20; seed++) {
      expect(wilsonHilfertyArgmax(createRng(seed), priorAlpha, priorBeta, successes, failures, 0, 3, null)).toBe(2)
      expect(
        wilsonHilfertyArgmax(opaque(createRng(seed)), priorAlpha, priorBeta, successes, failures, 0, 3, null),
      ).toBe(2)
    }
  })
})
