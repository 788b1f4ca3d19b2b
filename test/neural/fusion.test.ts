import { describe, expect, it } from "vitest"
import { bernoulli } from "../../src/random/discrete"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"
import { emptyEventLog } from "../../src/schema/event-log"
import { concatenateFeatures } from "../../src/neural/early-fusion"
import { LateFusion, lateFusionProbability } from "../../src/neural/late-fusion"
import { LogisticClassifier } from "../../src/neural/logistic-classifier"
import { modalityClickFeatures } from "../../src/neural/modality-click-features"
import type { TabularFeatures } from "../../src/neural/tabular-features"

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))
const logit = (p: number) => Math.log(p / (1 - p))

/** A seeded block of `cols` standard-normal columns. */
function block(rows: number, cols: number, seed: number): TabularFeatures {
  const rng = createRng(seed)
  return { data: Float32Array.from({ length: rows * cols }, () => normal(rng)), rows, cols }
}

describe("concatenateFeatures (early fusion)", () => {
  it("puts the blocks side by side, each scaled by its weight", () => {
    const a: TabularFeatures = { data: Float32Array.of(1, 2, 3, 4), rows: 2, cols: 2, names: ["a0", "a1"] }
    const b: TabularFeatures = { data: Float32Array.of(5, 6), rows: 2, cols: 1 }
    const x = concatenateFeatures([a, b], [1, -2])
    expect(Array.from(x.data)).toEqual([1, 2, -10, 3, 4, -12])
    expect([x.rows, x.cols]).toEqual([2, 3])
    expect(x.names).toEqual(["a0", "a1", "block 1 column 0"])
  })

  it("with a zero-weight modality fits the same logistic model as the other modality alone", () => {
    const rows = 600
    const text = block(rows, 3, 1)
    const image = block(rows, 4, 2)
    const rng = createRng(3)
    const y = Uint8Array.from({ length: rows }, (_, r) =>
      bernoulli(rng, sigmoid(text.data[r * 3] - 0.5 * text.data[r * 3 + 1] + image.data[r * 4])),
    )
    const alone = new LogisticClassifier().fit(text, y).predictProba(text)
    const silenced = concatenateFeatures([text, image], [1, 0])
    const fused = new LogisticClassifier().fit(silenced, y).predictProba(silenced)
    for (let r = 0; r < rows; r++) expect(Math.abs(fused[r] - alone[r])).toBeLessThan(1e-12)
    // With the image switched on the model sees more and fits the training labels better.
    const both = concatenateFeatures([text, image])
    const full = new LogisticClassifier().fit(both, y).predictProba(both)
    const loss = (p: Float64Array) => p.reduce((s, v, r) => s - Math.log(y[r] ? v : 1 - v), 0)
    expect(loss(full)).toBeLessThan(loss(alone))
  })

  it("rejects mismatched rows and weights", () => {
    expect(() => concatenateFeatures([block(2, 1, 1), block(3, 1, 1)])).toThrow("block 1 has 3 rows, block 0 has 2")
    expect(() => concatenateFeatures([block(2, 1, 1)], [1, 2])).toThrow("2 weights for 1 blocks")
    expect(() => concatenateFeatures([])).toThrow("at least one block")
  })
})

describe("late fusion", () => {
  it("computes σ(b + Σ w_m logit p_m), and a zero weight leaves the other model's probabilities", () => {
    const p1 = [0.2, 0.7, 0.5]
    const p2 = [0.9, 0.1, 0.4]
    const fused = lateFusionProbability([p1, p2], [0.8, -0.5], 0.3)
    p1.forEach((v, r) => expect(fused[r]).toBeCloseTo(sigmoid(0.3 + 0.8 * logit(v) - 0.5 * logit(p2[r])), 14))
    const alone = lateFusionProbability([p1, p2], [1, 0])
    p1.forEach((v, r) => expect(Math.abs(alone[r] - v)).toBeLessThan(1e-15))
  })

  it("learns the weights that generated the labels (stacking)", () => {
    const rng = createRng(9)
    const n = 40000
    const p1 = new Float64Array(n)
    const p2 = new Float64Array(n)
    const y = new Uint8Array(n)
    for (let r = 0; r < n; r++) {
      p1[r] = sigmoid(normal(rng))
      p2[r] = sigmoid(normal(rng))
      y[r] = bernoulli(rng, sigmoid(-0.5 + 1.2 * logit(p1[r]) + 0.4 * logit(p2[r])))
    }
    const fusion = new LateFusion().fit([p1, p2], y)
    const [w1, w2] = fusion.weights_ as number[]
    // Standard errors of the maximum-likelihood weights are about 0.015 at n = 40,000.
    expect(w1).toBeCloseTo(1.2, 1)
    expect(w2).toBeCloseTo(0.4, 1)
    expect(fusion.bias_).toBeCloseTo(-0.5, 1)
    expect(fusion.predictProba([p1, p2])).toEqual(lateFusionProbability([p1, p2], [w1, w2], fusion.bias_))
  })

  it("rejects probabilities outside [0, 1] and unfitted use", () => {
    expect(() => lateFusionProbability([[0.5, 1.5]], [1])).toThrow("model 0, row 1 is 1.5")
    expect(() => lateFusionProbability([[0.5], [0.5, 0.5]], [1, 1])).toThrow("model 1 has 2 rows")
    expect(() => new LateFusion().predictProba([[0.5]])).toThrow("call fit first")
  })
})

describe("modalityClickFeatures", () => {
  it("gives the centred item vector and the cosine with the user's mean clicked vector", () => {
    // Items (1, 0), (0, 1), (1, 1): mean (2/3, 2/3), centred (1/3, −2/3), (−2/3, 1/3), (1/3, 1/3).
    const features = { nItems: 3, dimension: 2, values: Float64Array.of(1, 0, 0, 1, 1, 1) }
    const log = emptyEventLog(4)
    // User 0 views item 1 and clicks items 0 and 2; user 1 only views.
    const events: [number, number, number][] = [
      [0, 1, 0],
      [0, 0, 1],
      [0, 2, 1],
      [1, 0, 0],
    ]
    events.forEach(([u, i, t], e) => {
      log.user[e] = u
      log.item[e] = i
      log.type[e] = t
    })
    log.length = events.length
    const x = modalityClickFeatures(features, log, Int32Array.of(0, 0, 1), Int32Array.of(1, 2, 0), "image")
    expect(x.names).toEqual(["image 0", "image 1", "image match"])
    // p_0 = ((1/3, −2/3) + (1/3, 1/3)) / 2 = (1/3, −1/6).
    const cos = (a: number[], b: number[]) =>
      (a[0] * b[0] + a[1] * b[1]) / Math.hypot(a[0], a[1]) / Math.hypot(b[0], b[1])
    const want = [
      [-2 / 3, 1 / 3, cos([1 / 3, -1 / 6], [-2 / 3, 1 / 3])],
      [1 / 3, 1 / 3, cos([1 / 3, -1 / 6], [1 / 3, 1 / 3])],
      [1 / 3, -2 / 3, 0],
    ]
    want.flat().forEach((v, k) => expect(x.data[k]).toBeCloseTo(v, 6))
  })

  it("rejects an item outside the catalogue", () => {
    const features = { nItems: 2, dimension: 1, values: Float64Array.of(0, 1) }
    expect(() => modalityClickFeatures(features, emptyEventLog(0), Int32Array.of(0), Int32Array.of(2), "text")).toThrow(
      "row 0 has item 2, outside [0, 2)",
    )
  })
})
