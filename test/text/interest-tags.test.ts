import { describe, expect, it } from "vitest"
import { applyReviewSentiment, interestTags } from "../../src/text/interest-tags"
import { fromRowMajor } from "../../src/linalg/matrix"

describe("interestTags", () => {
  it("keeps the heaviest attributes with lift ≥ minLift, by hand", () => {
    // Column means over the two active users: (0.4, 0.4, 0.2); user 2 has no profile.
    const p = fromRowMajor([0.7, 0.1, 0.2, 0.1, 0.7, 0.2, 0, 0, 0], 3, 3)
    const tags = interestTags(p, ["shoes", "books", "toys"], { topN: 2, minLift: 1.2 })
    expect(tags[0].map((t) => t.tag)).toEqual(["shoes"])
    expect(tags[0][0].lift).toBeCloseTo(0.7 / 0.4, 14)
    expect(tags[1].map((t) => t.tag)).toEqual(["books"])
    expect(tags[2]).toEqual([])
    expect(interestTags(p, ["a", "b", "c"], { minLift: 0, topN: 3 })[0].map((t) => t.tag)).toEqual(["a", "c", "b"])
    expect(() => interestTags(p, ["a"])).toThrow(/names has 1 entries but the profile has 3 columns/)
    expect(() => interestTags(p, ["a", "b", "c"], { topN: 0 })).toThrow(/topN/)
  })
})

describe("applyReviewSentiment", () => {
  it("scales the reviewed category by 1 ± strength and renormalises", () => {
    const p = fromRowMajor([0.5, 0.5], 1, 2)
    const neg = applyReviewSentiment(p, [0], [0], [0], 0.5)
    expect(neg.data[0]).toBeCloseTo(0.25 / 0.75, 15)
    const pos = applyReviewSentiment(p, [0], [1], [2], 0.5)
    expect(pos.data[1]).toBeCloseTo(0.75 / 1.25, 15)
    expect(Array.from(applyReviewSentiment(p, [0], [1], [1], 0.5).data)).toEqual([0.5, 0.5])
    expect(p.data[0]).toBe(0.5) // input untouched
    expect(() => applyReviewSentiment(p, [0], [0], [0], 1)).toThrow(/strength must be in \[0, 1\)/)
    expect(() => applyReviewSentiment(p, [3], [0], [0], 0.5)).toThrow(/users\[0\] is 3/)
    expect(() => applyReviewSentiment(p, [0], [0], [5], 0.5)).toThrow(/sentiments\[0\] is 5/)
  })
})
