import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Bpr, containsSorted } from "../../src/recommenders/bpr"
import { blockInteractions } from "./fixtures"

describe("Bpr", () => {
  const train = blockInteractions(60, 40, 12)

  it("lowers the BPR loss −ln σ(x̂_uij) from its start at ln 2 and learns the communities", () => {
    const model = new Bpr({ factors: 8, epochs: 25, learningRate: 0.05, regularization: 0.01 }).fit(train, createRng(5))
    // Factors start near 0, so x̂ ≈ 0 and −ln σ(0) = ln 2 ≈ 0.693 in the first epoch.
    expect(model.loss_[0]).toBeGreaterThan(0.6)
    expect(model.loss_[0]).toBeLessThan(Math.LN2 + 0.01)
    expect(model.loss_[24]).toBeLessThan(0.45)
    // AUC over (u, positive, negative) pairs in training is well above 0.5.
    let wins = 0
    let pairs = 0
    for (let u = 0; u < train.nUsers; u++) {
      const s = model.score(u)
      const start = train.indptr[u]
      const end = train.indptr[u + 1]
      for (let p = start; p < end; p++) {
        for (let j = 0; j < train.nItems; j++) {
          if (containsSorted(train.items, start, end, j)) continue
          wins += s[train.items[p]] > s[j] ? 1 : 0
          pairs++
        }
      }
    }
    expect(wins / pairs).toBeGreaterThan(0.8)
  })

  it("binary search finds exactly the members of a sorted slice", () => {
    const a = Int32Array.of(9, 1, 3, 5, 9)
    expect([0, 1, 2, 3, 5, 9].map((v) => containsSorted(a, 1, 4, v))).toEqual([false, true, false, true, true, false])
  })

  it("validates its options", () => {
    expect(() => new Bpr({ learningRate: 0 })).toThrow(/Bpr: learningRate must be a finite number > 0, got 0/)
    expect(() => new Bpr({ epochs: -1 })).toThrow(/epochs must be an integer >= 1/)
  })
})
