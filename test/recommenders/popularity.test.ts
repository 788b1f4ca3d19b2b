import { describe, expect, it } from "vitest"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { Popularity } from "../../src/recommenders/popularity"

describe("Popularity", () => {
  // Item 2: users 0, 1, 2 (user 0 three times: one distinct user); item 0: users 1, 3; item 3: user 3 with a big count.
  const train = interactionsFromTriples(
    4,
    5,
    [0, 0, 0, 1, 2, 1, 3, 3],
    [2, 2, 2, 2, 2, 0, 0, 3],
    [1, 1, 1, 1, 1, 1, 1, 9],
  )

  it("counts distinct users, not events or values", () => {
    const model = new Popularity().fit(train)
    expect(Array.from(model.score(0))).toEqual([2, 0, 3, 1, 0])
  })

  it("ranks by count, ties to the smaller item index, seen items excluded", () => {
    const model = new Popularity().fit(train)
    expect(model.recommend(4, 5).map((r) => r.item)).toEqual([2, 0, 3, 1, 4])
    expect(model.recommend(3, 5).map((r) => r.item)).toEqual([2, 1, 4])
    expect(model.recommend(3, 5, { excludeSeen: false }).map((r) => r.item)).toEqual([2, 0, 3, 1, 4])
  })
})
