import { describe, expect, it } from "vitest"
import { offPolicyConclusions, offPolicyReportSections } from "../../src/report/off-policy-report"
import type { OffPolicyEvaluationResult } from "../../src/evaluation/off-policy-evaluation"
import type { OffPolicyEstimate } from "../../src/evaluation/off-policy-estimator"

// The evaluate report's conclusions: which intervals contain the on-policy value, and a remark on
// a DM interval that misses it (the numbers of the Open Bandit men/random → BTS case).
const estimate = (estimator: string, value: number, lo: number, hi: number): OffPolicyEstimate =>
  ({ estimator, value, stderr: (hi - lo) / 3.92, ci95: [lo, hi], rows: 10000 }) as unknown as OffPolicyEstimate
const result = {
  target: "bts",
  log: "men",
  rows: 10000,
  estimates: {
    ipw: estimate("ipw", 0.005656, 0.002917, 0.008396),
    dm: estimate("dm", 0.005647, 0.005252, 0.006043),
    dr: estimate("dr", 0.006267, 0.003508, 0.009027),
  },
  weights: { effectiveSampleSize: 2500, maxWeight: 5, meanWeight: 1, zeroWeightShare: 0 },
  loggedValue: { value: 0.0046, ci95: [0.003274, 0.005926] },
  weightSample: new Float64Array([1, 2]),
} as unknown as OffPolicyEvaluationResult

describe("off-policy report", () => {
  it("says which intervals contain the on-policy value and explains the DM miss", () => {
    const text = offPolicyConclusions(result, { value: 0.0069, ci95: [0.005277, 0.008523] })
    expect(text[0]).toBe(
      "The on-policy value is 0.006900. The 95% intervals of ipw, dr contain it; the closest estimate is dr's, 0.006267 (9.2% off).",
    )
    expect(text[1]).toMatch(/^DM's interval lies below the on-policy value: the reward model is biased/)
    expect(text).toHaveLength(2)
  })

  it("expands the estimators' names in the table", () => {
    const rows = offPolicyReportSections(result)
      .find((s) => s.tables)!
      .tables![0].rows.map((r) => r[0])
    expect(rows.slice(0, 3)).toEqual([
      "IPW (inverse propensity weighting)",
      "DM (direct method: a reward model)",
      "DR (doubly robust)",
    ])
  })
})
