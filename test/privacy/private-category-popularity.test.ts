import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { PrivateCategoryPopularity } from "../../src/privacy/private-category-popularity"

// items 0, 1, 2 in category 0; items 3, 4 in category 1
const itemCategory = [0, 0, 0, 1, 1]
const train = interactionsFromTriples(4, 5, [0, 0, 1, 1, 2, 3, 3], [0, 3, 0, 1, 4, 3, 4])

describe("PrivateCategoryPopularity", () => {
  it("scores P(c | u)·P(i | c) from exact counts without ε (hand-computed)", () => {
    const model = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, smoothing: 1 }).fit(train)
    // counts: item 0: 2, 1: 1, 2: 0, 3: 2, 4: 2 → P(i|c0) = [2/3, 1/3, 0], P(i|c1) = [1/2, 1/2]
    // user 0 has one item in each category: P(c|u) = (1+1)/(2+2) = 1/2 each
    const s = model.score(0)
    const expected = [1 / 3, 1 / 6, 0, 1 / 4, 1 / 4]
    for (let i = 0; i < 5; i++) expect(s[i]).toBeCloseTo(expected[i], 12)
    // user 3 has two items in category 1: P(c1|u) = 3/4, so items 3 and 4 are seen and item 0 leads
    expect(model.recommend(3, 2).map((r) => r.item)).toEqual([0, 1])
  })

  it("with a huge ε ranks like the exact recommender, with a tiny ε differs", () => {
    const exact = new PrivateCategoryPopularity({ itemCategory, nCategories: 2 }).fit(train)
    const loose = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1e9 }).fit(train, createRng(1))
    for (let u = 0; u < 4; u++)
      expect(loose.recommend(u, 3)).toEqual(
        exact.recommend(u, 3).map((r) => ({ item: r.item, score: expect.closeTo(r.score, 6) })),
      )
    const tight = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1e-3 }).fit(
      train,
      createRng(1),
    )
    expect(Array.from(tight.releasedCounts_)).not.toEqual(Array.from(exact.releasedCounts_))
  })

  it("gives unknown users the released (clamped) counts, not the exact ones", () => {
    const model = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 0.5 }).fit(train, createRng(2))
    expect(Array.from(model.score(10))).toEqual(Array.from(model.releasedCounts_, (v) => Math.max(v, 0)))
  })

  it("is uniform within a category whose released counts are all ≤ 0", () => {
    const model = new PrivateCategoryPopularity({ itemCategory: [0, 0, 1], nCategories: 2 }).fit(
      interactionsFromTriples(1, 3, [0], [2]),
    )
    expect(Array.from(model.withinCategory_)).toEqual([0.5, 0.5, 1])
  })

  it("names bad options", () => {
    expect(() => new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: -1 })).toThrow(
      /epsilon must be a finite number > 0, got -1/,
    )
    expect(() => new PrivateCategoryPopularity({ itemCategory: [0, 2], nCategories: 2 })).toThrow(
      /itemCategory\[1\] must be an integer in \[0, 2\), got 2/,
    )
    expect(() => new PrivateCategoryPopularity({ itemCategory, nCategories: 2, smoothing: 0 })).toThrow(
      /smoothing must be a finite number > 0/,
    )
    expect(() => new PrivateCategoryPopularity({ itemCategory: [0], nCategories: 1 }).fit(train)).toThrow(
      /itemCategory has 1 entries for 5 items/,
    )
  })
})
