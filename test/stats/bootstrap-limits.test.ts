import { describe, expect, it } from "vitest"
import { bootstrapSizeProblem, MAX_BOOTSTRAP_DRAWS, MAX_BOOTSTRAP_RESAMPLES } from "../../src/stats/bootstrap-limits"

describe("bootstrap size limits", () => {
  it("refuses too many resamples, and too many resampled rounds naming what fits", () => {
    expect(bootstrapSizeProblem(1e9, 10, 1)).toBe("1000000000 resamples; the limit is 1000000")
    expect(bootstrapSizeProblem(MAX_BOOTSTRAP_RESAMPLES, 10, 1)).toBeNull()
    expect(bootstrapSizeProblem(1e6, 10000, 6)).toBe(
      "1000000 resamples × 10000 rounds × 6 estimators = 6.0e+10 resampled rounds; the limit is 1e+10, which fits at most 166666 resamples",
    )
    expect(bootstrapSizeProblem(166666, 10000, 6)).toBeNull()
    expect(bootstrapSizeProblem(166667, 10000, 6)).not.toBeNull()
    expect(166666 * 10000 * 6).toBeLessThanOrEqual(MAX_BOOTSTRAP_DRAWS)
  })
})
