import { describe, expect, it } from "vitest"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { betaArgmaxXoshiro } from "../../src/bandits/beta-argmax-xoshiro"
import { createRng, type Rng } from "../../src/random/rng"

/** The same generator behind an object that is not a Xoshiro128, so betaArgmax takes its generic path. */
function opaque(rng: Rng): Rng {
  return { next: () => rng.next(), nextUint32: () => rng.nextUint32() }
}

describe("betaArgmax's inline loop at its edges", () => {
  it("shapes of exactly 1 (Beta(1, 1) priors, integer counts) give the generic path's draws bit for bit", () => {
    const K = 4
    const priorAlpha = new Float64Array(K).fill(1)
    const priorBeta = new Float64Array(K).fill(1)
    // Row 0: every shape 1; row 1: shapes 1 to 4.
    const successes = Float64Array.of(0, 0, 0, 0, 0, 1, 2, 3)
    const failures = Float64Array.of(0, 0, 0, 0, 3, 2, 1, 0)
    const inline = createRng(9)
    const generic = inline.clone()
    const wrapped = opaque(generic)
    const a = new Float64Array(K)
    const b = new Float64Array(K)
    for (let t = 0; t < 200; t++) {
      const row = (t % 2) * K
      expect(betaArgmax(inline, priorAlpha, priorBeta, successes, failures, row, K, a)).toBe(
        betaArgmax(wrapped, priorAlpha, priorBeta, successes, failures, row, K, b),
      )
      expect(Array.from(a)).toEqual(Array.from(b))
    }
    expect(inline.nextUint32()).toBe(generic.nextUint32())
  })

  it("shapes from 0.02 to 60 over 400 decisions (≈ 24,000 gammas: wedge, tail and boost) give the generic path's draws", () => {
    const K = 30
    const rng = createRng(21)
    const priorAlpha = Float64Array.from({ length: K }, (_, a) =>
      a % 3 === 0 ? 0.02 + 0.9 * rng.next() : 1 + 5 * rng.next(),
    )
    const priorBeta = Float64Array.from({ length: K }, () => 0.3 + 60 * rng.next())
    const counts = new Float64Array(K)
    const inline = createRng(33)
    const generic = inline.clone()
    const wrapped = opaque(generic)
    const a = new Float64Array(K)
    const b = new Float64Array(K)
    let differ = 0
    for (let t = 0; t < 400; t++) {
      if (
        betaArgmax(inline, priorAlpha, priorBeta, counts, counts, 0, K, a) !==
        betaArgmax(wrapped, priorAlpha, priorBeta, counts, counts, 0, K, b)
      )
        differ++
      for (let i = 0; i < K; i++) if (!Object.is(a[i], b[i])) differ++
    }
    expect(differ).toBe(0)
    expect(inline.nextUint32()).toBe(generic.nextUint32())
  })

  it("returns the first arm when every draw ties at 0 (tiny α: the boost u^(1/α) underflows)", () => {
    const K = 3
    const priorAlpha = new Float64Array(K).fill(1e-300)
    const priorBeta = new Float64Array(K).fill(5)
    const zero = new Float64Array(K)
    const out = new Float64Array(K).fill(7)
    for (let seed = 0; seed < 5; seed++) {
      expect(betaArgmaxXoshiro(createRng(seed), priorAlpha, priorBeta, zero, zero, 0, K, out)).toBe(0)
      expect(Array.from(out)).toEqual([0, 0, 0])
      expect(betaArgmax(opaque(createRng(seed)), priorAlpha, priorBeta, zero, zero, 0, K, null)).toBe(0)
    }
  })

  it("reads the posterior of the given row and draws each arm's Beta(α, β) as Ga/(Ga + Gb)", () => {
    const K = 2
    // Arm 1 of row 1 is Beta(1 + 999, 1): its draw is above 0.99 nearly surely; arm 0 Beta(1, 1000) is below 0.01.
    const priorAlpha = Float64Array.of(1, 1)
    const priorBeta = Float64Array.of(1, 1)
    const successes = Float64Array.of(999, 0, 0, 999)
    const failures = Float64Array.of(0, 999, 999, 0)
    const out = new Float64Array(K)
    const rng = createRng(3)
    for (let t = 0; t < 50; t++) {
      expect(betaArgmaxXoshiro(rng, priorAlpha, priorBeta, successes, failures, 2, K, out)).toBe(1)
      expect(out[0]).toBeLessThan(0.01)
      expect(out[1]).toBeGreaterThan(0.99)
      expect(betaArgmaxXoshiro(rng, priorAlpha, priorBeta, successes, failures, 0, K, out)).toBe(0)
      expect(betaArgmaxXoshiro(rng, priorAlpha, priorBeta, successes, failures, 2, K, null)).toBe(1)
    }
  })
})
