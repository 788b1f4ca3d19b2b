import { describe, expect, it } from "vitest"
import { clickDataset } from "../../src/neural/click-dataset"
import { auc } from "../../src/metrics/auc"
import { selectRows, type TabularFeatures } from "../../src/neural/tabular-features"
import { logisticProbabilities, TransferLogistic } from "../../src/neural/transfer-logistic"
import { createRng } from "../../src/random/rng"
import { simulateEvents } from "../../src/world/simulate-events"
import { generateWorld } from "../../src/world/world"

const R = 12
const D = 3
const small: TabularFeatures = {
  data: Float32Array.from({ length: R * D }, (_, i) => Math.sin(Math.floor(i / D) * ((i % D) + 1)) + 0.1 * (i % D)),
  rows: R,
  cols: D,
}
const ySmall = Uint8Array.from({ length: R }, (_, r) => (r % 3 === 0 || r === 7 ? 1 : 0))
const prior = {
  weights: Float64Array.of(0.7, -0.4, 0.2),
  bias: -1,
  mean: Float64Array.of(0.1, -0.2, 0.3),
  scale: Float64Array.of(0.5, 0.8, 1.2),
}

function coefficients(m: TransferLogistic): number[] {
  const w = m.weights_()
  return [...w.weights, w.bias]
}

describe("TransferLogistic", () => {
  it("matches scipy's BFGS on the same objective, from scratch and from a prior (test/neural/reference/transfer_logistic.py)", () => {
    const scratch = coefficients(new TransferLogistic({ l2: 1 }).fit(small, ySmall))
    const reference = [0.31594301009714726, -0.2861348829913546, 0.4751416022280813, -0.3819325728973329]
    scratch.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 6))
    const tuned = coefficients(new TransferLogistic({ l2: 5 }, prior).fit(small, ySmall))
    const referenceTuned = [0.4835954003492749, -0.4244783147252591, 0.35404711104929787, -0.13471786590847634]
    tuned.forEach((v, i) => expect(v).toBeCloseTo(referenceTuned[i], 6))
  })

  it("fine-tuning with 0 steps is the zero-shot model; the objective never rises", () => {
    const zero = new TransferLogistic({ l2: 5, steps: 0 }, prior).fit(small, ySmall)
    expect(coefficients(zero)).toEqual([...prior.weights, prior.bias])
    expect(Array.from(zero.predictProba(small))).toEqual(Array.from(logisticProbabilities(prior, small)))
    const tuned = new TransferLogistic({ l2: 5 }, prior).fit(small, ySmall)
    for (let s = 1; s < tuned.objective_.length; s++)
      expect(tuned.objective_[s]).toBeLessThanOrEqual(tuned.objective_[s - 1])
    // A huge prior strength keeps the source weights.
    const held = coefficients(new TransferLogistic({ l2: 1e9, biasL2: 1e9 }, prior).fit(small, ySmall))
    held.forEach((v, i) => expect(v).toBeCloseTo([...prior.weights, prior.bias][i], 6))
  })

  it("transfers between worlds: fine-tuned beats scratch on little target data and approaches it with more", () => {
    const source = generateWorld({ seed: 1, users: 200, items: 80, days: 10, sessionsPerDay: 0.3 })
    const target = generateWorld({ seed: 2, users: 200, items: 80, days: 10, sessionsPerDay: 0.3 })
    const a = clickDataset(source, simulateEvents(source).events, 5000, createRng(1, 1))
    const b = clickDataset(target, simulateEvents(target).events, 5000, createRng(2, 1))
    const base = new TransferLogistic({ l2: 1 }).fit(a.x, a.y).weights_()
    const test = selectRows(
      b.x,
      Int32Array.from({ length: 2000 }, (_, i) => 3000 + i),
    )
    const yTest = b.y.subarray(3000, 5000)
    const compare = (n: number, l2: number) => {
      const rows = selectRows(
        b.x,
        Int32Array.from({ length: n }, (_, i) => i),
      )
      const y = b.y.subarray(0, n)
      const tuned = new TransferLogistic({ l2 }, base).fit(rows, y).predictProba(test)
      const scratch = new TransferLogistic({ l2: 1 }).fit(rows, y).predictProba(test)
      let largest = 0
      for (let r = 0; r < test.rows; r++) largest = Math.max(largest, Math.abs(tuned[r] - scratch[r]))
      return { largest, tunedAuc: auc(tuned, yTest), scratchAuc: auc(scratch, yTest) }
    }
    // A strong pull towards the source weights (λ = 30) pays on 100 rows.
    const strong = compare(100, 30)
    expect(strong.tunedAuc).toBeGreaterThan(strong.scratchAuc + 0.03)
    // With the same λ as scratch, more target data wash the prior out.
    const few = compare(100, 1)
    const many = compare(3000, 1)
    expect(many.largest).toBeLessThan(few.largest / 3)
    expect(many.largest).toBeLessThan(0.02)
    // Deterministic: the same data give the same weights.
    const rows = selectRows(
      b.x,
      Int32Array.from({ length: 300 }, (_, i) => i),
    )
    const refit = () => coefficients(new TransferLogistic({ l2: 10 }, base).fit(rows, b.y.subarray(0, 300)))
    expect(refit()).toEqual(refit())
  })

  it("gives a column constant in the source rows scale 1, so that other rows where it varies do not saturate", () => {
    const x: TabularFeatures = {
      data: Float32Array.from({ length: R * 2 }, (_, i) => (i % 2 === 0 ? small.data[(i / 2) * D] : 1)),
      rows: R,
      cols: 2,
    }
    const w = new TransferLogistic().fit(x, ySmall).weights_()
    expect(w.scale[1]).toBe(1)
    expect(Math.abs(w.weights[1])).toBeLessThan(1e-9)
    const other: TabularFeatures = { data: Float32Array.of(0.5, 0), rows: 1, cols: 2 }
    const p = logisticProbabilities(w, other)[0]
    expect(p).toBeGreaterThan(0.05)
    expect(p).toBeLessThan(0.95)
  })

  it("validates its options and the prior", () => {
    expect(() => new TransferLogistic({ steps: -1 })).toThrow(/TransferLogistic: steps must be an integer >= 0, got -1/)
    expect(() => new TransferLogistic({ l2: Number.NaN })).toThrow(/l2 must be a finite number >= 0/)
    expect(() => new TransferLogistic({}, { ...prior, mean: new Float64Array(2) })).toThrow(/the prior must have 3/)
    expect(() => new TransferLogistic().predictProba(small)).toThrow(/call fit first/)
  })
})
