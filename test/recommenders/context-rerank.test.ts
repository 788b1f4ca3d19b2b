import { describe, expect, it } from "vitest"
import { ContextLift, contextRerank } from "../../src/recommenders/context-rerank"

describe("context-aware re-ranking", () => {
  it("lift = smoothed share in the context / overall share; re-rank adds β ln lift", () => {
    // 2 categories, 8 contexts (4 hour bands × weekday/weekend). Morning weekdays (key 2): 30 clicks on 0, 10 on 1;
    // everywhere else 10 and 30: overall n = 40 + 70·... computed below.
    const counts = new Float64Array(16)
    for (let key = 0; key < 8; key++) {
      counts[key * 2] = key === 2 ? 30 : 10
      counts[key * 2 + 1] = key === 2 ? 10 : 30
    }
    const lift = new ContextLift(2, counts, 0)
    const n = 40 * 8
    const p0 = (30 + 70 + 1) / (n + 2)
    const l = lift.logLift({ hour: 7, weekday: 2 })
    expect(l[0]).toBeCloseTo(Math.log(30 / 40 / p0), 14)
    const r = contextRerank(Float64Array.of(1, 1, 1), Int32Array.of(0, 1, 0), l, 0.5)
    expect(r[0]).toBeCloseTo(1 + 0.5 * l[0], 14)
    expect(r[1]).toBeCloseTo(1 + 0.5 * l[1], 14)
    // With heavy smoothing the lift shrinks towards 1 (log → 0).
    expect(Math.abs(new ContextLift(2, counts, 1e9).logLift({ hour: 7, weekday: 2 })[0])).toBeLessThan(1e-6)
    expect(() => contextRerank(Float64Array.of(1), Int32Array.of(0), l, Number.NaN)).toThrow(/beta must be finite/)
  })
})
