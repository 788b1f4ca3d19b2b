import { describe, expect, it } from "vitest"
import { fitMarkovBaseline, markovNextCategoryProba } from "../../src/neural/markov-baseline"
import { NextCategoryModel, nextCategoryScores } from "../../src/neural/next-category-model"
import { checkSequenceExamples, nextCategoryExamples, type SequenceExamples } from "../../src/neural/sequence-dataset"
import { emptyEventLog } from "../../src/schema/event-log"

const log = () => undefined

/** A deterministic cycle 0 → 1 → 2 → 0 … : the next category is a function of the last one. */
function cycle(rows: number, window = 4, nCategories = 3): SequenceExamples {
  const inputs = new Int32Array(rows * window)
  const targets = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < window; k++) inputs[r * window + k] = ((r + k) % nCategories) + 1
    targets[r] = (r + window) % nCategories
  }
  return { inputs, targets, user: new Int32Array(rows), rows, window, nCategories }
}

describe("nextCategoryExamples", () => {
  it("targets the NEXT click, never a token of its own input window (seed 004 §5 fitted the input)", () => {
    const log = emptyEventLog(8)
    const cats = Int32Array.from([2, 0, 1])
    ;[0, 1, 2, 0, 1].forEach((item, e) => {
      log.user[e] = 7
      log.item[e] = item
      log.type[e] = 1
    })
    log.length = 5
    const { train, test } = nextCategoryExamples(log, cats, 3, 2)
    // clicks' categories 2,0,1,2,0: windows [_,2]→0, [2,0]→1, [0,1]→2 train; [1,2]→0 test (ids = category + 1).
    expect(Array.from(train.inputs)).toEqual([0, 3, 3, 1, 1, 2])
    expect(Array.from(train.targets)).toEqual([0, 1, 2])
    expect(Array.from(test.inputs)).toEqual([2, 3])
    expect(Array.from(test.targets)).toEqual([0])
  })

  it("rejects empty sequences, unknown token ids and shape mismatches, naming the input", () => {
    const ok = cycle(3)
    expect(() =>
      checkSequenceExamples({ ...ok, rows: 0, inputs: new Int32Array(0), targets: new Int32Array(0) }, "train"),
    ).toThrow(/train: no sequences/)
    expect(() =>
      checkSequenceExamples({ ...ok, inputs: Int32Array.from([0, 0, 0, 0, 1, 2, 3, 1, 1, 1, 1, 1]) }, "train"),
    ).toThrow(/train: row 0 is an empty sequence/)
    expect(() =>
      checkSequenceExamples({ ...ok, inputs: Int32Array.from([1, 2, 3, 9, 1, 2, 3, 1, 1, 1, 1, 1]) }, "train"),
    ).toThrow(/unknown token id 9 at row 0, position 3 \(allowed 0..3, 0 = padding\)/)
    expect(() => checkSequenceExamples({ ...ok, inputs: new Int32Array(5) }, "x")).toThrow(
      /x: inputs has 5 ids but rows × window = 3 × 4/,
    )
  })
})

describe("next-category models", () => {
  it("Markov baseline (the behavior module's MarkovChain) gives the smoothed transition frequencies (n_ij + 1) / (n_i + C)", () => {
    const train = cycle(30)
    const chain = fitMarkovBaseline(train, 1)
    const p = markovNextCategoryProba(chain, cycle(3))
    // Category i is followed by i+1 mod 3 ten times: (10 + 1) / (10 + 3), and 1/13 for the others.
    // Row 0 of cycle(3) ends with token 1 (category 0).
    expect(p[1]).toBeCloseTo(11 / 13, 6)
    expect(p[0]).toBeCloseTo(1 / 13, 6)
    expect(p[2]).toBeCloseTo(1 / 13, 6)
    expect(nextCategoryScores(p, cycle(3).targets, 3).accuracy).toBe(1)
    // Exactly the 30 (last token → target) pairs are counted: 10 per category.
    expect(Array.from(chain.counts.data)).toEqual([0, 10, 0, 0, 0, 10, 10, 0, 0])
    expect(() => markovNextCategoryProba(chain, { ...cycle(2), nCategories: 4 })).toThrow(
      /4 categories, but the chain has 3 states/,
    )
    const padded = { ...cycle(1), inputs: Int32Array.from([1, 2, 3, 0]) }
    expect(() => markovNextCategoryProba(chain, padded)).toThrow(/row 0 ends with token 0; allowed 1..3/)
  })

  it("GRU and self-attention learn a deterministic cycle on wasm, reproducibly", async () => {
    const train = cycle(96)
    for (const encoder of ["gru", "attention"] as const) {
      const make = () =>
        new NextCategoryModel({
          encoder,
          seed: 3,
          epochs: 6,
          units: 8,
          embedding: 4,
          learningRate: 0.03,
          batchSize: 16,
          log,
        }).fit(train)
      const a = await make()
      const b = await make()
      const p = a.predictProba(cycle(6))
      expect(b.predictProba(cycle(6))).toEqual(p)
      expect(nextCategoryScores(p, cycle(6).targets, 3).accuracy).toBe(1)
      expect(a.history_?.backend).toBe("wasm")
      a.dispose()
      b.dispose()
    }
  })

  it("validates options and inputs at predict time", async () => {
    expect(() => new NextCategoryModel({ encoder: "rnn" as "gru", seed: 1 })).toThrow(
      /encoder must be lstm, gru or attention, got rnn/,
    )
    const m = await new NextCategoryModel({ encoder: "attention", seed: 1, epochs: 1, log }).fit(cycle(8))
    expect(() => m.predictProba(cycle(2, 5))).toThrow(/window 5 and 3 categories differ from fit \(4, 3\)/)
    m.dispose()
  })
})
