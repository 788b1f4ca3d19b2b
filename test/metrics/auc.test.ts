import { describe, expect, it } from "vitest"
import { auc } from "../../src/metrics/auc"
import { rocAuc } from "../../src/metrics/roc"
import { createRng } from "../../src/random/rng"

describe("auc (Mann–Whitney)", () => {
  it("matches scikit-learn roc_auc_score with tied scores", () => {
    // sklearn.metrics.roc_auc_score([0,0,1,1,0,1,0,0], [0.1,0.4,0.35,0.8,0.35,0.6,0.2,0.6]) = 0.8
    expect(auc([0.1, 0.4, 0.35, 0.8, 0.35, 0.6, 0.2, 0.6], [0, 0, 1, 1, 0, 1, 0, 0])).toBeCloseTo(0.8, 14)
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75)
  })

  it("equals the pairwise definition P(s+ > s-) + P(s+ = s-)/2 and the trapezoidal ROC area", () => {
    const rng = createRng(3)
    const n = 300
    const scores = new Float64Array(n)
    const labels = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      labels[i] = rng.next() < 0.3 ? 1 : 0
      scores[i] = Math.round((rng.next() + 0.3 * labels[i]) * 10) / 10 // many ties
    }
    let wins = 0
    let pairs = 0
    for (let i = 0; i < n; i++) {
      if (labels[i] !== 1) continue
      for (let j = 0; j < n; j++) {
        if (labels[j] !== 0) continue
        pairs++
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0
      }
    }
    expect(auc(scores, labels)).toBeCloseTo(wins / pairs, 12)
    expect(rocAuc(labels, scores)).toBeCloseTo(wins / pairs, 12)
  })

  it("rejects one-class labels and non-binary labels", () => {
    expect(() => auc([0.1, 0.2], [1, 1])).toThrow(/both 0 and 1/)
    expect(() => auc([0.1, 0.2], [1, 2])).toThrow(/labels\[1\] = 2/)
    expect(() => auc([0.1, 0.2], [1])).toThrow(/labels has 1 entries/)
  })
})
