import { describe, expect, it } from "vitest"
// normalQuantile is accurate to about 1e-9, hence 9 digits.
import { wilsonInterval } from "../../src/stats/wilson-interval"

// Reference numbers: test/stats/reference/two_sample_sequential.py (run by hand).
describe("wilsonInterval", () => {
  it("matches the Wilson score formula", () => {
    const [lo, hi] = wilsonInterval(12, 400)
    expect(lo).toBeCloseTo(0.017243020965143054, 9)
    expect(hi).toBeCloseTo(0.05169853570909567, 9)
    const [lo0, hi0] = wilsonInterval(0, 50)
    expect(lo0).toBeCloseTo(0, 14)
    expect(hi0).toBeCloseTo(0.07134759913335872, 9)
  })

  it("refuses bad counts", () => {
    expect(() => wilsonInterval(3, 0)).toThrow(/trials must be an integer >= 1, got 0/)
    expect(() => wilsonInterval(5, 4)).toThrow(/successes must be an integer in \[0, 4\], got 5/)
  })
})
