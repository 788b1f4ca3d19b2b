import { describe, expect, it } from "vitest"
import { UserKnn } from "../../src/recommenders/user-knn"
import { SMALL, fromDense } from "./fixtures"

// numpy 1.24.2 by hand, user cosine of SMALL: n = norm(X, axis=1); S = X @ X.T / outer(n, n).
// User 0 = (1,1,0,0,1): similarities to users 1..5 = 0.40825, 0.33333, 0.40825, 0.66667, 0.66667.
describe("UserKnn", () => {
  it("scores Σ_v s_uv r_vi over the k nearest users (cosine)", () => {
    const model = new UserKnn({ neighbours: 2, shrinkage: 0 }).fit(fromDense(SMALL))
    // Neighbours of user 0: users 4 and 5 (0.6667 each). Scores = (2/3)(X[4] + X[5]) = (2/3)(1, 2, 1, 1, 1).
    const want = [2 / 3, 4 / 3, 2 / 3, 2 / 3, 2 / 3]
    model.score(0).forEach((v, i) => expect(v).toBeCloseTo(want[i], 14))
    expect(model.recommend(0, 2).map((r) => r.item)).toEqual([2, 3])
  })

  it("predictRating: mean-centred weighted average of the neighbours' deviations (Pearson)", () => {
    const ratings = fromDense([
      [5, 3, 4, 4, 0],
      [3, 1, 2, 3, 3],
      [4, 3, 4, 3, 5],
      [3, 3, 1, 5, 4],
      [1, 5, 5, 2, 1],
    ])
    // The classic worked example (e.g. Aggarwal, Recommender Systems 2016, §2.3; Ricci handbook ch. 4):
    // Pearson of user 0 with users 1..4 on co-rated items 0..3, centred by each user's mean.
    const model = new UserKnn({ neighbours: 2, similarity: "pearson", shrinkage: 0 }).fit(ratings)
    const mean = [4, 12 / 5, 19 / 5, 16 / 5, 14 / 5]
    const pearson = (v: number): number => {
      const a = [5, 3, 4, 4].map((r) => r - mean[0])
      const row = [
        [3, 1, 2, 3],
        [4, 3, 4, 3],
        [3, 3, 1, 5],
        [1, 5, 5, 2],
      ][v - 1]
      const b = row.map((r) => r - mean[v])
      const dot = a.reduce((s, x, k) => s + x * b[k], 0)
      return dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0))
    }
    const sims = [1, 2, 3, 4].map(pearson)
    const top = [1, 2, 3, 4].sort((a, b) => sims[b - 1] - sims[a - 1]).slice(0, 2)
    const r4 = [3, 5, 4, 1]
    const num = top.reduce((s, v) => s + sims[v - 1] * (r4[v - 1] - mean[v]), 0)
    const den = top.reduce((s, v) => s + Math.abs(sims[v - 1]), 0)
    expect(model.predictRating(0, 4)).toBeCloseTo(mean[0] + num / den, 12)
    expect(() => model.predictRating(0, 9)).toThrow(/item must be an integer in \[0, 5\), got 9/)
  })
})
