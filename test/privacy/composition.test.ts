import { describe, expect, it } from "vitest"
import { advancedComposition, bestComposition, sequentialComposition } from "../../src/privacy/composition"

describe("composition", () => {
  it("sums budgets sequentially", () => {
    const r = sequentialComposition([
      { epsilon: 0.5, delta: 0 },
      { epsilon: 0.3, delta: 1e-6 },
      { epsilon: 0.2, delta: 2e-6 },
    ])
    expect(r.epsilon).toBeCloseTo(1.0, 12)
    expect(r.delta).toBeCloseTo(3e-6, 18)
  })

  it("matches the advanced composition closed form (Dwork, Rothblum & Vadhan 2010)", () => {
    // python: math.sqrt(2*100*math.log(1e5))*0.1 + 100*0.1*math.expm1(0.1) = 5.8502350929445575
    const r = advancedComposition({ epsilon: 0.1, delta: 1e-7 }, 100, 1e-5)
    expect(r.epsilon).toBeCloseTo(5.8502350929445575, 10)
    expect(r.delta).toBeCloseTo(100 * 1e-7 + 1e-5, 15)
    // k = 10000 runs at ε = 0.01: √(2·10⁴·ln 10⁶)·0.01 + 10⁴·0.01·(e^0.01 − 1)
    const big = advancedComposition({ epsilon: 0.01, delta: 0 }, 10_000, 1e-6)
    expect(big.epsilon).toBeCloseTo(Math.sqrt(2e4 * Math.log(1e6)) * 0.01 + 100 * Math.expm1(0.01), 10)
    expect(big.epsilon).toBeLessThan(10_000 * 0.01)
  })

  it("picks sequential composition when it is tighter", () => {
    expect(bestComposition({ epsilon: 1, delta: 0 }, 3, 1e-5)).toEqual({ epsilon: 3, delta: 0, rule: "sequential" })
    expect(bestComposition({ epsilon: 0.1, delta: 0 }, 1000, 1e-5).rule).toBe("advanced")
  })

  it("refuses bad input", () => {
    expect(() => sequentialComposition([])).toThrow(/at least one/)
    expect(() => sequentialComposition([{ epsilon: 0, delta: 0 }])).toThrow(/budget 0.*epsilon/)
    expect(() => advancedComposition({ epsilon: 0.1, delta: 0 }, 0, 1e-5)).toThrow(/k must be a positive integer/)
    expect(() => advancedComposition({ epsilon: 0.1, delta: 0 }, 10, 0)).toThrow(
      /deltaPrime.*delta must be in \(0, 1\)/,
    )
    expect(() => advancedComposition({ epsilon: 0.1, delta: 1 }, 10, 1e-5)).toThrow(/delta must be in \[0, 1\)/)
  })
})
