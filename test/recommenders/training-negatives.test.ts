import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Bpr } from "../../src/recommenders/bpr"
import { popularityNegativeWeights, scoreNegativeWeights } from "../../src/recommenders/negative-sampling"
import { TrainingNegatives } from "../../src/recommenders/training-negatives"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { chiSquare, chiSquareCritical999 } from "../random/gof"
import { blockInteractions } from "./fixtures"

const train = blockInteractions(60, 40, 12)

function rowOf(u: number): Int32Array {
  return train.items.subarray(train.indptr[u], train.indptr[u + 1])
}

function drawCounts(sampler: TrainingNegatives, user: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed)
  const counts = new Float64Array(train.nItems)
  for (let k = 0; k < n; k++) counts[sampler.draw(rng, user)]++
  return counts
}

describe("TrainingNegatives", () => {
  it("draws popularity negatives with p_j ∝ n_j^0.75 over the user's non-positives (χ², 60,000 draws)", () => {
    const sampler = new TrainingNegatives("popularity", train)
    const counts = new Float64Array(train.nItems)
    for (let k = 0; k < train.items.length; k++) counts[train.items[k]]++
    for (const u of [0, 7]) {
      const expected = popularityNegativeWeights(counts, rowOf(u), 0.75)
      const observed = drawCounts(sampler, u, 60_000, 100 + u)
      for (const i of rowOf(u)) expect(observed[i]).toBe(0)
      const { statistic, df } = chiSquare(observed, expected, 60_000)
      expect(df).toBeGreaterThan(20)
      expect(statistic).toBeLessThan(chiSquareCritical999(df))
    }
  })

  it("draws score negatives with p_j ∝ exp(x̂_uj / T) over the non-positives, as scoreNegativeWeights(…, 'high')", () => {
    const f = 3
    const rng = createRng(4)
    const w = Float64Array.from({ length: train.nUsers * f }, () => rng.next() * 2 - 1)
    const h = Float64Array.from({ length: train.nItems * f }, () => rng.next() * 2 - 1)
    const b = Float64Array.from({ length: train.nItems }, () => rng.next() - 0.5)
    const sampler = new TrainingNegatives("score", train, { temperature: 0.5 })
    sampler.refreshScores(w, h, b, f)
    for (const u of [3, 10]) {
      const scores = new Float64Array(train.nItems)
      for (let j = 0; j < train.nItems; j++) {
        scores[j] = b[j]
        for (let k = 0; k < f; k++) scores[j] += w[u * f + k] * h[j * f + k]
      }
      const expected = scoreNegativeWeights(scores, rowOf(u), 0.5, "high")
      const observed = drawCounts(sampler, u, 60_000, 200 + u)
      for (const i of rowOf(u)) expect(observed[i]).toBe(0)
      const { statistic, df } = chiSquare(observed, expected, 60_000)
      expect(statistic).toBeLessThan(chiSquareCritical999(df))
    }
  })

  it("never draws a positive, for any user and any distribution", () => {
    for (const distribution of ["uniform", "popularity", "score"] as const) {
      const sampler = new TrainingNegatives(distribution, train)
      sampler.refreshScores(
        new Float64Array(train.nUsers),
        new Float64Array(train.nItems),
        new Float64Array(train.nItems),
        1,
      )
      const rng = createRng(9)
      let hits = 0
      for (let u = 0; u < train.nUsers; u++) {
        const positives = new Set(rowOf(u))
        for (let k = 0; k < 200; k++) hits += positives.has(sampler.draw(rng, u)) ? 1 : 0
      }
      expect(hits).toBe(0)
    }
  })

  it("never draws an item nobody interacted with under popularity, and skips users who hold every drawable item", () => {
    // Items 0..2; item 2 has no interactions; user 1 holds both drawable items.
    const m = interactionsFromTriples(2, 3, [0, 1, 1], [0, 0, 1], [1, 1, 1])
    const sampler = new TrainingNegatives("popularity", m)
    expect(sampler.canDraw(0)).toBe(true)
    expect(sampler.canDraw(1)).toBe(false)
    const rng = createRng(1)
    for (let k = 0; k < 500; k++) expect(sampler.draw(rng, 0)).toBe(1)
    expect(new TrainingNegatives("uniform", m).canDraw(1)).toBe(true)
  })

  it("rejects unknown distributions and bad parameters", () => {
    expect(() => new TrainingNegatives("hard" as "score", train)).toThrow(
      /TrainingNegatives: negatives must be one of uniform, popularity, score, got hard/,
    )
    expect(() => new TrainingNegatives("score", train, { temperature: 0 })).toThrow(
      /temperature must be a finite number > 0, got 0/,
    )
    expect(() => new Bpr({ negativeExponent: -1 })).toThrow(
      /Bpr: negative exponent must be a finite number >= 0, got -1/,
    )
  })
})

describe("Bpr negatives", () => {
  it("the default (uniform) gives bit for bit the factors LearnBPR gave before the option existed", () => {
    // Fingerprint of Bpr({ factors: 4, epochs: 3 }).fit(blockInteractions(60, 40, 12), createRng(7)) at commit 2dae51d.
    const fingerprint = (m: Bpr) => {
      let s = 0
      let s2 = 0
      for (let i = 0; i < m.userFactors_.length; i++) s += m.userFactors_[i] * (i + 1)
      for (let i = 0; i < m.itemFactors_.length; i++) s2 += m.itemFactors_[i] * (i + 1)
      return [s, s2, m.itemBias_[0], m.itemBias_[39], m.userFactors_[5], m.itemFactors_[17], ...m.loss_]
    }
    const before = [
      -144.74816558819765, 172.28669340505311, 0.41384137979968494, -0.5728185270565095, 0.16978314836562125,
      0.02264534063333593, 0.685004782724742, 0.6733139992698249, 0.6612207416815166,
    ]
    expect(fingerprint(new Bpr({ factors: 4, epochs: 3 }).fit(train, createRng(7)))).toEqual(before)
    const explicit = new Bpr({ factors: 4, epochs: 3, negatives: "uniform" }).fit(train, createRng(7))
    expect(fingerprint(explicit)).toEqual(before)
  })

  it("trains with popularity and score negatives: deterministic, loss falls, communities learnt", () => {
    for (const negatives of ["popularity", "score"] as const) {
      const train15 = () => new Bpr({ factors: 8, epochs: 15, negatives }).fit(train, createRng(5))
      const a = train15()
      expect(Array.from(a.userFactors_)).toEqual(Array.from(train15().userFactors_))
      expect(a.loss_[14]).toBeLessThan(a.loss_[0])
      // Users of group g (u mod 2) rank the unseen items of their own group above the others.
      let inGroup = 0
      let total = 0
      for (let u = 0; u < train.nUsers; u++) {
        for (const r of a.recommend(u, 5)) {
          inGroup += r.item % 2 === u % 2 ? 1 : 0
          total++
        }
      }
      expect(inGroup / total).toBeGreaterThan(0.8)
    }
  })
})
