import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { deltaMethodZTest, ratioVariance, StreamingRatio, type RatioSums } from "../../src/stats/ratio-metric"

// Reference numbers: test/stats/reference/two_sample_sequential.py (Deng et al.'s moment form of the
// delta method, numpy; run by hand).
const ca = [1, 0, 3, 0, 2, 1]
const va = [2, 1, 5, 3, 2, 1]
const cb = [2, 1, 0, 4, 1]
const vb = [3, 1, 2, 6, 1]

/** Streams each user's clicks as 0/1 visits in a shuffled order. */
function streamed(clicks: number[], visits: number[], seed: number): RatioSums {
  const events: [number, number][] = []
  clicks.forEach((c, u) => {
    for (let k = 0; k < visits[u]; k++) events.push([u, k < c ? 1 : 0])
  })
  const rng = createRng(seed)
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    ;[events[i], events[j]] = [events[j], events[i]]
  }
  const r = new StreamingRatio(clicks.length)
  for (const [u, y] of events) r.push(u, y)
  return r.sums
}

describe("ratio metrics", () => {
  it("streamed sums give Deng et al.'s delta-method variance", () => {
    const a = streamed(ca, va, 1)
    const b = streamed(cb, vb, 2)
    expect(a).toEqual({ units: 6, sum: 7, count: 14, sumSquares: 15, sumCross: 22, countSquares: 44 })
    expect(ratioVariance(a)).toBeCloseTo(0.02040816326530612, 14)
    expect(ratioVariance(b)).toBeCloseTo(0.011414166170652279, 14)
    const t = deltaMethodZTest(a, b)
    expect(t.statistic).toBeCloseTo(0.6468177406550759, 12)
    expect(t.pValue).toBeCloseTo(0.5177499091573297, 6)
  })

  it("with one visit per user it is the binomial variance R(1 − R)/n", () => {
    const r = new StreamingRatio(10)
    for (let u = 0; u < 10; u++) r.push(u, u < 3 ? 1 : 0)
    expect(ratioVariance(r.sums)).toBeCloseTo((0.3 * 0.7) / 10, 15)
  })

  it("refuses bad input", () => {
    expect(() => new StreamingRatio(0)).toThrow(/nUnits must be a positive integer, got 0/)
    expect(() => new StreamingRatio(3).push(3, 1)).toThrow(/unit must be an integer in \[0, 2\], got 3/)
    expect(() => new StreamingRatio(3).push(0, NaN)).toThrow(/value must be a finite number/)
    const one = new StreamingRatio(3)
    one.push(0, 1)
    expect(() => deltaMethodZTest(one.sums, one.sums)).toThrow(/at least 2 units, got 1 and 1/)
  })
})
