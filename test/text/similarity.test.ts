import { describe, expect, it } from "vitest"
import { confusionMatrix } from "../../src/text/labels"
import { denseMatrix } from "../../src/linalg/matrix"
import { nearestRows } from "../../src/text/similarity"
import { TfidfVectorizer } from "../../src/text/tfidf"

describe("nearestRows", () => {
  it("ranks rows by cosine, the same for dense and sparse input", () => {
    const X = denseMatrix([
      [1, 0],
      [1, 1],
      [0, 1],
      [2, 0.1],
    ])
    const near = nearestRows(X, 0, 3)
    expect(near.map((n) => n.index)).toEqual([3, 1, 2])
    expect(near[1].similarity).toBeCloseTo(1 / Math.SQRT2, 15)
    const tfidf = new TfidfVectorizer().fitTransform([
      ["red", "dress"],
      ["red", "skirt"],
      ["blue", "phone"],
    ])
    const s = nearestRows(tfidf, 0, 2)
    expect(s[0].index).toBe(1)
    expect(s[1].similarity).toBe(0)
    expect(() => nearestRows(X, 4, 1)).toThrow(/i must be/)
    expect(() => nearestRows(X, 0, 4)).toThrow(/k must be an integer in \[1, 3\]/)
  })
})

describe("confusionMatrix", () => {
  it("counts true × predicted", () => {
    expect(confusionMatrix([0, 1, 1, 2], [0, 0, 1, 2], [0, 1, 2])).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ])
    expect(() => confusionMatrix([0], [5], [0, 1])).toThrow(/label 5, not in labels/)
    expect(() => confusionMatrix([0], [], [0])).toThrow(/yTrue has 1 labels, yPred 0/)
  })
})
