import { describe, expect, it } from "vitest"
import { rocAuc, rocCurve } from "../../src/metrics/roc"

describe("rocCurve", () => {
  it("matches scikit-learn roc_curve(drop_intermediate=False)", () => {
    // sklearn 1.2: fpr [0,0,.2,.4,.6,.8,1], tpr [0,1/3,2/3,2/3,1,1,1], thresholds [1.8(=max+1; here +inf),.8,.6,.4,.35,.2,.1]
    const labels = [0, 0, 1, 1, 0, 1, 0, 0]
    const scores = [0.1, 0.4, 0.35, 0.8, 0.35, 0.6, 0.2, 0.6]
    const roc = rocCurve(labels, scores)
    expect([...roc.fpr].map((x) => +x.toFixed(12))).toEqual([0, 0, 0.2, 0.4, 0.6, 0.8, 1])
    expect([...roc.tpr].map((x) => +x.toFixed(12))).toEqual([
      0, 0.333333333333, 0.666666666667, 0.666666666667, 1, 1, 1,
    ])
    expect([...roc.thresholds]).toEqual([Infinity, 0.8, 0.6, 0.4, 0.35, 0.2, 0.1])
    expect(rocAuc(labels, scores)).toBeCloseTo(0.8, 14)
  })

  it("rejects NaN scores", () => {
    expect(() => rocCurve([0, 1], [0.3, NaN])).toThrow(/scores\[1\] is NaN/)
  })
})
