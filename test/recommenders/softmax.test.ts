import { describe, expect, it } from "vitest"
import { entropy, softmax } from "../../src/recommenders/softmax"

describe("softmax", () => {
  it("seed 004 §4.4 erratum: (0.8, 0.6, 0.4, 0.2, 0) → (0.2868, 0.2348, 0.1922, 0.1574, 0.1289), not 0.396, 0.328", () => {
    // numpy 1.24.2 by hand: q = [.8,.6,.4,.2,0]; exp(q)/exp(q).sum(); docs/seed-documents.md (seed 004 §4.4).
    const want = [0.28676373, 0.23478228, 0.19222347, 0.15737927, 0.12885125]
    const p = softmax([0.8, 0.6, 0.4, 0.2, 0])
    p.forEach((v, i) => expect(v).toBeCloseTo(want[i], 8))
    expect(p[0]).not.toBeCloseTo(0.396, 2)
  })

  it("temperature: T → 0 concentrates on the best, large T flattens; shift invariance and no overflow", () => {
    const q = [2, 1, 0]
    expect(softmax(q, 0.01)[0]).toBeCloseTo(1, 12)
    expect(entropy(softmax(q, 1e6))).toBeCloseTo(Math.log(3), 9)
    expect(Array.from(softmax([1002, 1001, 1000]))).toEqual(Array.from(softmax(q)))
    expect(entropy(softmax(q, 0.5))).toBeLessThan(entropy(softmax(q, 2)))
  })

  it("rejects bad temperatures and scores", () => {
    expect(() => softmax([1], 0)).toThrow(/temperature must be a finite number > 0, got 0/)
    expect(() => softmax([1, Number.NaN])).toThrow(/scores\[1\] must be finite, got NaN/)
    expect(() => softmax([])).toThrow(/must not be empty/)
    expect(() => entropy([0.5, 1.5])).toThrow(/p\[1\]/)
  })
})
