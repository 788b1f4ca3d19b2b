import { describe, expect, it } from "vitest"
import { fitMarkovBaseline } from "../../src/neural/markov-baseline"
import { firstStepExamples, type MultiStepExamples } from "../../src/neural/multi-step-dataset"
import { markovMultiStepProba, multiStepScores } from "../../src/neural/multi-step-scores"
import { Seq2SeqModel } from "../../src/neural/seq2seq-model"

const log = () => undefined

/**
 * A deterministic language over C = 5 categories: c_t = (a + s·t) mod 5 with stride s ∈ {1, 2}.
 * The next three categories follow from the last two clicks, never from the last one alone.
 */
function strides(copies: number, window = 4, horizon = 3): MultiStepExamples {
  const C = 5
  const rows = 10 * copies
  const inputs = new Int32Array(rows * window)
  const targets = new Int32Array(rows * horizon)
  for (let r = 0; r < rows; r++) {
    const a = r % 5
    const s = 1 + (Math.floor(r / 5) % 2)
    for (let t = 0; t < window + horizon; t++) {
      const c = (a + s * t) % C
      if (t < window) inputs[r * window + t] = c + 1
      else targets[r * horizon + t - window] = c
    }
  }
  return { inputs, targets, user: new Int32Array(rows), rows, window, horizon, nCategories: C }
}

describe("Seq2SeqModel", () => {
  it("learns a deterministic language exactly, reproducibly; greedy decoding = teacher forcing fed its own outputs", async () => {
    const train = strides(8)
    const test = strides(1)
    const make = () =>
      new Seq2SeqModel({
        encoder: "gru",
        seed: 5,
        epochs: 15,
        units: 16,
        embedding: 8,
        learningRate: 0.03,
        batchSize: 8,
        log,
      }).fit(train)
    const a = await make()
    const b = await make()
    const p = a.predictProba(test)
    expect(p.length).toBe(test.rows * 3 * 5)
    expect(b.predictProba(test)).toEqual(p)
    expect(a.history_?.backend).toBe("wasm")
    const scores = multiStepScores(p, test.targets, 3, 5)
    expect(Array.from(scores.accuracy)).toEqual([1, 1, 1])
    expect(scores.setHitRateAtK).toBe(1)
    // Each step's probabilities sum to 1.
    for (let q = 0; q < test.rows * 3; q++)
      expect(p.subarray(q * 5, q * 5 + 5).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5)
    // Feed the greedy outputs back as the teacher-forced decoder input: the training graph must give
    // the step graph's numbers (same layers, causal decoder).
    const greedy = new Int32Array(test.rows * 3)
    for (let q = 0; q < greedy.length; q++) {
      let best = 0
      for (let j = 1; j < 5; j++) if (p[q * 5 + j] > p[q * 5 + best]) best = j
      greedy[q] = best
    }
    const forced = a.teacherForcedProba({ ...test, targets: greedy })
    forced.forEach((v, k) => expect(v).toBeCloseTo(p[k], 5))
    // The first-order Markov chain cannot tell the strides apart: after c comes c+1 or c+2.
    const markov = markovMultiStepProba(fitMarkovBaseline(firstStepExamples(train)), test)
    expect(multiStepScores(markov, test.targets, 3, 5).accuracy[0]).toBeLessThan(0.75)
    expect(() => a.predictProba(strides(1, 5))).toThrow(
      /window 5, horizon 3 and 5 categories differ from fit \(4, 3, 5\)/,
    )
    a.dispose()
    b.dispose()
  }, 120_000)

  it("refuses to predict before fit, and names bad targets", async () => {
    const m = new Seq2SeqModel({ encoder: "attention", seed: 1, log })
    expect(() => m.predictProba(strides(1))).toThrow(/call fit first/)
    const bad = strides(1)
    bad.targets[4] = 7
    await expect(m.fit(bad)).rejects.toThrow(/target 7 at row 1, step 1 is not a category \(allowed 0..4\)/)
  })
})
