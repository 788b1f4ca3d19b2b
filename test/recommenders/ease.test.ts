import { describe, expect, it } from "vitest"
import { Ease } from "../../src/recommenders/ease"
import { SMALL, fromDense } from "./fixtures"

// numpy 1.24.2 by hand: P = inv(X.T @ X + 2 I); B = I − P / diag(P) (column j divided by P_jj); X[0] @ B.
const NUMPY_B = [
  0, 0.20300751879699247, 0.2987012987012987, 0.06132075471698113, 0.09433962264150941, 0.18451025056947604, 0,
  0.28571428571428564, -0.05660377358490568, 0.32075471698113206, 0.31435079726651477, 0.3308270676691729, 0,
  0.1981132075471698, -0.23899371069182387, 0.05922551252847377, -0.06015037593984964, 0.18181818181818182, 0,
  0.3647798742138365, 0.10250569476082004, 0.38345864661654144, -0.24675324675324675, 0.41037735849056606, 0,
]
const NUMPY_SCORES_USER0 = [
  0.28701594533029606, 0.5864661654135339, 0.33766233766233755, 0.41509433962264153, 0.4150943396226415,
]

describe("Ease", () => {
  it("matches Steck's closed form computed with numpy (λ = 2)", () => {
    const model = new Ease({ lambda: 2 }).fit(fromDense(SMALL))
    model.weights_.forEach((v, k) => expect(v).toBeCloseTo(NUMPY_B[k], 12))
    model.score(0).forEach((v, k) => expect(v).toBeCloseTo(NUMPY_SCORES_USER0[k], 12))
    // Unseen items of user 0 are 2 and 3: 3 scores 0.415 > 2 scores 0.338.
    expect(model.recommend(0, 5).map((r) => r.item)).toEqual([3, 2])
  })

  it("validates its options and refuses catalogues above maxItems", () => {
    expect(() => new Ease({ lambda: 0 })).toThrow(/lambda must be a finite number > 0/)
    expect(() => new Ease({ maxItems: 4 }).fit(fromDense(SMALL))).toThrow(/5 items exceed maxItems = 4/)
  })
})
