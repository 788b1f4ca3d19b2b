import { describe, expect, it } from "vitest"
import { transposeInteractions } from "../../src/schema/interactions"
import { ItemKnn } from "../../src/recommenders/item-knn"
import { nearestNeighbours } from "../../src/recommenders/neighbours"
import { SMALL, fromDense } from "./fixtures"

// numpy 1.24.2 by hand: n = norm(X, axis=0); S = X.T @ X / outer(n, n), diagonal 0;
// with shrinkage 2: S * C / (C + 2), C = co-occurrence counts.
const NUMPY_COS = [
  [0, 0.5773502691896258, 0.6666666666666667, 0.33333333333333337, 0.33333333333333337],
  [0.5773502691896258, 0, 0.5773502691896258, 0.2886751345948129, 0.5773502691896258],
  [0.6666666666666667, 0.5773502691896258, 0, 0.33333333333333337, 0],
  [0.33333333333333337, 0.2886751345948129, 0.33333333333333337, 0, 0.6666666666666667],
  [0.33333333333333337, 0.5773502691896258, 0, 0.6666666666666667, 0],
]
const NUMPY_COS_SHRINK2 = [
  [0, 0.2886751345948129, 0.33333333333333337, 0.11111111111111112, 0.11111111111111112],
  [0.2886751345948129, 0, 0.2886751345948129, 0.09622504486493764, 0.2886751345948129],
  [0.33333333333333337, 0.2886751345948129, 0, 0.11111111111111112, 0],
  [0.11111111111111112, 0.09622504486493764, 0.11111111111111112, 0, 0.33333333333333337],
  [0.11111111111111112, 0.2886751345948129, 0, 0.33333333333333337, 0],
]

function dense(nb: ReturnType<typeof nearestNeighbours>, n: number): number[][] {
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (let a = 0; a < n; a++) for (let q = nb.indptr[a]; q < nb.indptr[a + 1]; q++) out[a][nb.index[q]] = nb.weight[q]
  return out
}

describe("nearestNeighbours", () => {
  const items = transposeInteractions(fromDense(SMALL))

  it("item cosine equals numpy's, with and without shrinkage", () => {
    for (const [shrinkage, want] of [
      [0, NUMPY_COS],
      [2, NUMPY_COS_SHRINK2],
    ] as const) {
      const got = dense(nearestNeighbours(items, { k: 4, similarity: "cosine", shrinkage }), 5)
      got.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(want[a][b], 14)))
    }
  })

  it("keeps the k best, best first, ties to the smaller index", () => {
    const nb = nearestNeighbours(items, { k: 2, similarity: "cosine", shrinkage: 0 })
    // Item 1: 0, 2 and 4 tie at 0.577 → 0 and 2. Item 3: 4 (0.667), then 0 and 2 tie at 0.333 → 0.
    expect(Array.from(nb.index.subarray(nb.indptr[1], nb.indptr[2]))).toEqual([0, 2])
    expect(Array.from(nb.index.subarray(nb.indptr[3], nb.indptr[4]))).toEqual([4, 0])
  })

  it("Pearson on co-rated entries, centred by each row's mean (Desrosiers & Karypis eq. 4.20)", () => {
    // Two users with ratings on items 0..3; co-rated items 0, 1, 2. Means over all their ratings:
    // a: (5+3+4+4)/4 = 4, b: (4+2+5)/3 = 11/3. Hand computation:
    // a' = (1, −1, 0), b' = (1/3, −5/3, 4/3): num = 1/3 + 5/3 = 2; den = √2 · √(1/9 + 25/9 + 16/9) = √2 · √(42)/3.
    const m = fromDense([
      [5, 3, 4, 4],
      [4, 2, 5, 0],
    ])
    const nb = nearestNeighbours(m, { k: 1, similarity: "pearson", shrinkage: 0 })
    expect(nb.weight[0]).toBeCloseTo(2 / (Math.SQRT2 * (Math.sqrt(42) / 3)), 14)
    const shrunk = nearestNeighbours(m, { k: 1, similarity: "pearson", shrinkage: 3 })
    expect(shrunk.weight[0]).toBeCloseTo((2 / (Math.SQRT2 * (Math.sqrt(42) / 3))) * (3 / 6), 14)
  })
})

describe("ItemKnn", () => {
  it("scores Σ_{j∈I(u)} s_ji r_uj over the neighbour lists", () => {
    const model = new ItemKnn({ neighbours: 4, shrinkage: 0 }).fit(fromDense(SMALL))
    // User 1 has items 1 and 2: score_i = S[1][i] + S[2][i].
    const want = [0, 1, 2, 3, 4].map((i) => NUMPY_COS[1][i] + NUMPY_COS[2][i])
    model.score(1).forEach((v, i) => expect(v).toBeCloseTo(want[i], 14))
    expect(model.recommend(1, 3).map((r) => r.item)).toEqual([0, 3, 4])
  })

  it("validates its options", () => {
    expect(() => new ItemKnn({ neighbours: 0 })).toThrow(/neighbours must be an integer >= 1/)
    expect(() => new ItemKnn({ shrinkage: -1 })).toThrow(/shrinkage must be a finite number >= 0/)
  })
})
