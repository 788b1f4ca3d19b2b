import { describe, expect, it } from "vitest"
import { MarkovChain } from "../../src/behavior/markov-chain"
import { firstStepExamples, nextCategoriesExamples } from "../../src/neural/multi-step-dataset"
import { markovMultiStepProba, multiStepScores, rolloutProba } from "../../src/neural/multi-step-scores"
import { emptyEventLog } from "../../src/schema/event-log"

describe("next-few-categories examples and scores", () => {
  it("splits each user's clicks: the last `horizon` are the test targets, no training target reaches them", () => {
    const log = emptyEventLog(16)
    // user 7 clicks categories 0,1,2,0,1,2 (item = category); user 9 clicks 2,2 (too short for a test row with horizon 2).
    const clicks: [number, number][] = [
      [7, 0],
      [7, 1],
      [7, 2],
      [7, 0],
      [7, 1],
      [7, 2],
      [9, 2],
      [9, 2],
    ]
    clicks.forEach(([u, item], e) => {
      log.user[e] = u
      log.item[e] = item
      log.type[e] = 1
    })
    log.length = clicks.length
    const { train, test } = nextCategoriesExamples(log, Int32Array.of(0, 1, 2), 3, 2, 2)
    // user 7: cut = 4; training cuts t = 1, 2 (targets c_2..3, c_3..4 by 1-based position); test: [c3, c4] → [c5, c6].
    expect(Array.from(train.inputs)).toEqual([0, 1, 1, 2])
    expect(Array.from(train.targets)).toEqual([1, 2, 2, 0])
    expect(Array.from(test.inputs)).toEqual([3, 1])
    expect(Array.from(test.targets)).toEqual([1, 2])
    // user 9 has 2 clicks: cut = 0, no row.
    expect(Array.from(test.user)).toEqual([7])
    expect(Array.from(firstStepExamples(train).targets)).toEqual([1, 2])
    expect(() => nextCategoriesExamples(log, Int32Array.of(0, 1, 2), 3, 2, 0)).toThrow(
      /horizon must be a positive integer, got 0/,
    )
  })

  it("scores per-step accuracy and the set hit rate on a hand-made case", () => {
    // 2 rows, horizon 2, 3 categories.
    const p = Float32Array.of(
      ...[0.6, 0.3, 0.1],
      ...[0.2, 0.5, 0.3], // row 0: argmax 0, 1; summed (0.8, 0.8, 0.4) → top-2 {0, 1}
      ...[0.1, 0.1, 0.8],
      ...[0.5, 0.1, 0.4], // row 1: argmax 2, 0; summed (0.6, 0.2, 1.2) → top-2 {2, 0}
    )
    const s = multiStepScores(p, Int32Array.of(0, 2, 2, 1), 2, 3, 2)
    expect(Array.from(s.accuracy)).toEqual([1, 0])
    // row 0: truth {0, 2}, found {0}: 1/2; row 1: truth {2, 1}, found {2}: 1/2.
    expect(s.setHitRateAtK).toBe(0.5)
    expect(() => multiStepScores(p, Int32Array.of(0, 1, 2), 2, 3)).toThrow(/expected rows × 2 × 3/)
  })

  it("the Markov chain's h-step prediction is the h-th power of its transition matrix (Chapman–Kolmogorov)", () => {
    // Two states, counts n = [[3, 1], [1, 1]] without smoothing: P = [[3/4, 1/4], [1/2, 1/2]],
    // P² = [[9/16 + 2/16, 3/16 + 2/16], [3/8 + 2/8, 1/8 + 2/8]] = [[11/16, 5/16], [5/8, 3/8]].
    const pairs = [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ].map((x) => Int32Array.from(x))
    const chain = new MarkovChain({ nStates: 2, smoothing: 0, stateNames: ["a", "b"] }).fit(pairs)
    const x = {
      inputs: Int32Array.of(2, 1),
      targets: Int32Array.of(0, 0, 0, 0),
      user: new Int32Array(2),
      rows: 2,
      window: 1,
      horizon: 2,
      nCategories: 2,
    }
    const p = markovMultiStepProba(chain, x)
    const expected = [1 / 2, 1 / 2, 5 / 8, 3 / 8, 3 / 4, 1 / 4, 11 / 16, 5 / 16]
    p.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6))
  })

  it("rolls a single-step model forward, feeding back its argmax and dropping the oldest click", () => {
    // A predictor that puts all mass on (last + 1) mod 4.
    const seen: number[][] = []
    const predict = (w: { inputs: Int32Array; rows: number; window: number }) => {
      seen.push(Array.from(w.inputs))
      const out = new Float32Array(w.rows * 4)
      for (let r = 0; r < w.rows; r++) out[r * 4 + (w.inputs[r * w.window + w.window - 1] % 4)] = 1
      return out
    }
    const x = {
      inputs: Int32Array.of(0, 1, 3, 4),
      targets: Int32Array.of(1, 2, 3, 0, 1, 2),
      user: new Int32Array(2),
      rows: 2,
      window: 2,
      horizon: 3,
      nCategories: 4,
    }
    const p = rolloutProba(predict, x)
    expect(seen).toEqual([
      [0, 1, 3, 4],
      [1, 2, 4, 1],
      [2, 3, 1, 2],
    ])
    expect(Array.from(multiStepScores(p, x.targets, 3, 4).accuracy)).toEqual([1, 1, 1])
    expect(Array.from(x.inputs)).toEqual([0, 1, 3, 4])
  })
})
