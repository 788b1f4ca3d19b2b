import { describe, expect, it } from "vitest"
import { cosineSimilarity } from "../../src/recommenders/cosine"

describe("cosineSimilarity", () => {
  it("seed 004 §4.1 erratum: a=(0.7,0.8,0.6), b=(0.4,0.5,0.6) → 0.9709, not 0.647", () => {
    // numpy 1.24.2 by hand: a @ b / norm(a) / norm(b) = 0.9709454759314559; docs/seed-documents.md (seed 004 §4.1).
    expect(cosineSimilarity([0.7, 0.8, 0.6], [0.4, 0.5, 0.6])).toBeCloseTo(0.9709454759314559, 14)
    // The seed's own numbers: 1.04 / (√2.69 · √1.29) ≈ 0.5583, not even its stated 0.647.
    expect(1.04 / Math.sqrt(2.69 * 1.29)).toBeCloseTo(0.5583, 4)
  })

  it("zero vectors give 0; mismatched lengths and NaN are errors", () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0)
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/same length, got 1 and 2/)
    expect(() => cosineSimilarity([Number.NaN], [1])).toThrow(/entry 0 is not finite/)
  })
})
