import { describe, expect, it } from "vitest"
import { logGamma, regularizedIncompleteBeta } from "../../src/stats/special"

describe("special functions", () => {
  it("logGamma matches ln((n−1)!) and Γ(½) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12)
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12)
  })

  it("regularizedIncompleteBeta has the closed forms of Beta(1, b) and Beta(a, 1) and rejects bad input", () => {
    // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - Math.pow(0.7, 4), 12)
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(Math.pow(0.3, 2.5), 12)
    expect(regularizedIncompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 12)
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(/x must be in \[0, 1\]/)
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(/a and b must be > 0/)
  })
})
