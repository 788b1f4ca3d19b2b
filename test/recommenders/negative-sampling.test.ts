import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import {
  NegativeSampler,
  popularityNegativeWeights,
  scoreNegativeWeights,
  uniformNegativeWeights,
} from "../../src/recommenders/negative-sampling"

describe("negative sampling", () => {
  it("seed 004 §4.3: e^(−q/T) for q = (1, 0.5, 0), T = 1 is (0.368, 0.607, 1), normalised (0.1863, 0.3072, 0.5065)", () => {
    // numpy 1.24.2 by hand: e = exp(-[1, .5, 0]); e / e.sum() = [0.18632372, 0.30719589, 0.50648039].
    const w = scoreNegativeWeights([1, 0.5, 0], [], 1)
    const want = [0.18632372, 0.30719589, 0.50648039]
    w.forEach((v, i) => expect(v).toBeCloseTo(want[i], 8))
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14)
  })

  it("score-based: positives get 0, temperature flattens, prefer high gives hard negatives", () => {
    const w = scoreNegativeWeights([1, 0.5, 0], [2], 1)
    expect(w[2]).toBe(0)
    expect(w[0]).toBeCloseTo(Math.exp(-1) / (Math.exp(-1) + Math.exp(-0.5)), 14)
    expect(scoreNegativeWeights([1, 0.5, 0], [], 100)[0]).toBeCloseTo(1 / 3, 2)
    const hard = scoreNegativeWeights([1, 0.5, 0], [], 1, "high")
    expect(hard[0]).toBeCloseTo(0.50648039, 8)
  })

  it("popularity^0.75 (word2vec) and uniform", () => {
    // numpy by hand: w = [16,1,0,81]**0.75; w/w.sum() = [0.22222222, 0.02777778, 0, 0.75].
    const p = popularityNegativeWeights([16, 1, 0, 81])
    ;[8 / 36, 1 / 36, 0, 27 / 36].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14))
    expect(Array.from(popularityNegativeWeights([16, 1, 0, 81], [3]))).toEqual([8 / 9, 1 / 9, 0, 0])
    expect(Array.from(uniformNegativeWeights(4, [1]))).toEqual([1 / 3, 0, 1 / 3, 1 / 3])
  })

  it("the sampler draws in proportion to the weights and never a positive", () => {
    const weights = popularityNegativeWeights([16, 1, 0, 81, 5], [4])
    const draws = new NegativeSampler(weights).sample(createRng(3), 40_000)
    const freq = new Float64Array(5)
    for (const j of draws) freq[j] += 1 / draws.length
    expect(freq[4]).toBe(0)
    expect(freq[2]).toBe(0)
    for (let i = 0; i < 5; i++) expect(Math.abs(freq[i] - weights[i])).toBeLessThan(0.01)
  })

  it("clear errors", () => {
    expect(() => uniformNegativeWeights(2, [0, 1])).toThrow(/no item is left to sample/)
    expect(() => uniformNegativeWeights(2, [5])).toThrow(/positives\[0\] = 5 is not an item index/)
    expect(() => scoreNegativeWeights([1, Number.NaN])).toThrow(/scores\[1\] must be finite/)
    expect(() => scoreNegativeWeights([1], [], -1)).toThrow(/temperature must be a finite number > 0/)
    expect(() => popularityNegativeWeights([1, -2])).toThrow(/counts\[1\]/)
  })
})
