import { describe, expect, it } from "vitest"
import {
  catalogCoverage,
  categoryDiversityFromCounts,
  intraListDiversity,
  novelty,
  serendipity,
} from "../../src/metrics/beyond-accuracy"

describe("beyond-accuracy metrics (hand-computed)", () => {
  it("coverage counts distinct items", () => {
    expect(
      catalogCoverage(
        [
          [0, 1],
          [1, 2],
        ],
        10,
      ),
    ).toBeCloseTo(0.3, 12)
    expect(() => catalogCoverage([[11]], 10)).toThrow(/item 11 is outside \[0, 10\)/)
  })
  it("intra-list diversity: pairwise mean, and the count shortcut agrees", () => {
    const category = [0, 0, 1, 2]
    const d = (a: number, b: number): number => (category[a] === category[b] ? 0 : 1)
    // pairs of [0,1,2,3]: (0,1)=0, (0,2)=1, (0,3)=1, (1,2)=1, (1,3)=1, (2,3)=1 → 5/6
    expect(intraListDiversity([0, 1, 2, 3], d)).toBeCloseTo(5 / 6, 12)
    expect(categoryDiversityFromCounts([2, 1, 1])).toBeCloseTo(5 / 6, 12)
    expect(() => intraListDiversity([1], d)).toThrow(/at least 2 items/)
  })
  it("novelty is mean self-information in bits", () => {
    expect(novelty([0, 1], new Float64Array([0.5, 0.25]))).toBeCloseTo(1.5, 12)
    expect(() => novelty([0], [0])).toThrow(/must be in \(0, 1\]/)
  })
  it("serendipity = relevant and unexpected share", () => {
    expect(serendipity([1, 2, 3], new Set([2, 3]), new Set([3]))).toBeCloseTo(1 / 3, 12)
  })
})
