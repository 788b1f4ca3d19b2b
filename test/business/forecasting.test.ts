import { describe, expect, it } from "vitest"
import { holtWintersAdditive, mape, seasonalNaive, simpleExponentialSmoothing } from "../../src/business/forecasting"

describe("forecasting", () => {
  it("seasonal naive repeats the last season", () => {
    expect(Array.from(seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8], 7, 3))).toEqual([2, 3, 4])
    expect(Array.from(seasonalNaive([1, 2, 3, 4], 2, 5))).toEqual([3, 4, 3, 4, 3])
  })

  it("simple exponential smoothing follows ℓ_t = αy_t + (1−α)ℓ_{t−1}", () => {
    expect(Array.from(simpleExponentialSmoothing([3, 5, 4], 0.5, 2))).toEqual([4, 4])
  })

  it("Holt–Winters forecasts a linear trend plus a fixed season exactly, whatever the parameters", () => {
    const season = [3, -1, 0, -2]
    const y = Array.from({ length: 20 }, (_, t) => 10 + 0.5 * t + season[t % 4])
    const f = holtWintersAdditive(y, { alpha: 0.3, beta: 0.1, gamma: 0.4, period: 4 }, 6)
    for (let h = 1; h <= 6; h++) expect(f[h - 1]).toBeCloseTo(10 + 0.5 * (19 + h) + season[(19 + h) % 4], 10)
  })

  it("Holt–Winters one step by hand", () => {
    // period 2, y = [1, 3, 2, 4, 5]: mean1 = 2, mean2 = 3, b = 0.5, ℓ_1 = 2.25, s = [1 − 1.75, 3 − 2.25] = [−0.75, 0.75]
    // t=2: ℓ = 0.5(2 + 0.75) + 0.5(2.75) = 2.75, b = 0.5(0.5) + 0.5(0.5) = 0.5, s_0 = 0.5(2 − 2.75) + 0.5(−0.75) = −0.75
    // t=3: ℓ = 0.5(4 − 0.75) + 0.5(3.25) = 3.25, b = 0.5, s_1 = 0.5(4 − 3.25) + 0.5(0.75) = 0.75
    // t=4: ℓ = 0.5(5 + 0.75) + 0.5(3.75) = 4.75, b = 0.5(1.5) + 0.5(0.5) = 1, s_0 = 0.5(5 − 3.75) + 0.5(−0.75) = 0.25
    // forecast h=1: ℓ + b + s_1 = 4.75 + 1 + 0.75 = 6.5; h=2: 4.75 + 2 + 0.25 = 7
    const f = holtWintersAdditive([1, 3, 2, 4, 5], { alpha: 0.5, beta: 0.5, gamma: 0.5, period: 2 }, 2)
    expect(f[0]).toBeCloseTo(6.5, 12)
    expect(f[1]).toBeCloseTo(7, 12)
  })

  it("MAPE and bad input", () => {
    expect(mape([100, 200], [110, 180])).toBeCloseTo(10, 12)
    expect(() => mape([0, 1], [1, 1])).toThrow(/actual value 0 is 0/)
    expect(() => holtWintersAdditive([1, 2, 3], { alpha: 0.5, beta: 0.5, gamma: 0.5, period: 2 }, 1)).toThrow(
      /at least 4 values/,
    )
    expect(() => holtWintersAdditive([1, 2, 3, 4], { alpha: 1.5, beta: 0.5, gamma: 0.5, period: 2 }, 1)).toThrow(
      /alpha must be in \[0, 1\]/,
    )
    expect(() => seasonalNaive([1, 2], 2, 0)).toThrow(/horizon must be a positive integer/)
  })
})
