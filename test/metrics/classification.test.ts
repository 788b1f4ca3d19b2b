import { describe, expect, it } from "vitest"
import { accuracy, confusionCounts, f1, logLoss, precision, recall } from "../../src/metrics/classification"

// Reference numbers: scikit-learn 1.2 accuracy_score / precision_score / recall_score / f1_score / log_loss.
describe("classification metrics", () => {
  const yTrue = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1]
  const yPred = [1, 1, 0, 1, 0, 1, 0, 1, 1, 0]

  it("match scikit-learn", () => {
    expect(confusionCounts(yTrue, yPred)).toEqual({
      truePositives: 4,
      falsePositives: 2,
      trueNegatives: 2,
      falseNegatives: 2,
    })
    expect(accuracy(yTrue, yPred)).toBeCloseTo(0.6, 15)
    expect(precision(yTrue, yPred)).toBeCloseTo(2 / 3, 15)
    expect(recall(yTrue, yPred)).toBeCloseTo(2 / 3, 15)
    expect(f1(yTrue, yPred)).toBeCloseTo(2 / 3, 15)
    expect(logLoss(yTrue, [0.9, 0.3, 0.6, 0.8, 0.1, 0.7, 0.4, 0.55, 0.95, 0.2])).toBeCloseTo(0.46281046210787313, 13)
  })

  it("uses 0 for undefined precision/recall/F1 and clips log loss", () => {
    expect(precision([1, 0], [0, 0])).toBe(0)
    expect(recall([0, 0], [1, 0])).toBe(0)
    expect(f1([0, 0], [0, 0])).toBe(0)
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10)
  })

  it("names the bad argument", () => {
    expect(() => accuracy([1, 0], [1])).toThrow(/yPred has 1 entries, expected 2/)
    expect(() => accuracy([1, 3], [1, 0])).toThrow(/yTrue\[1\] = 3/)
    expect(() => logLoss([1], [1.5])).toThrow(/probabilities\[0\] = 1.5/)
    expect(() => accuracy([], [])).toThrow(/yTrue must not be empty/)
  })
})
