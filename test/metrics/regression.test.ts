import { describe, expect, it } from "vitest"
import { mae, rmse } from "../../src/metrics/regression"

describe("rmse and mae", () => {
  it("match scikit-learn's documented example", () => {
    // sklearn: mean_squared_error([3,-0.5,2,7],[2.5,0,2,8]) = 0.375, mean_absolute_error = 0.5
    expect(rmse([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(0.6123724356957945, 15)
    expect(mae([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBe(0.5)
  })
  it("rejects mismatched lengths and non-finite values", () => {
    expect(() => rmse([1, 2], [1])).toThrow(/yPred has 1 entries, expected 2/)
    expect(() => mae([1, NaN], [1, 2])).toThrow(/finite/)
  })
})
