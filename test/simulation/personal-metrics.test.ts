import { describe, expect, it } from "vitest"
import { discoveryTime, gapClosed, perRunRatio, retentionCurve } from "../../src/simulation/personal-metrics"

describe("personal metrics (pure functions, hand-computed cases)", () => {
  it("gapClosed: 1 − R_policy/R_random per run, then mean ± 1.96·sd/√R", () => {
    const g = gapClosed([100, 200, 150], [400, 400, 300])
    // per run: 0.75, 0.5, 0.5 → mean 0.58333; sd = sqrt(((1/6)² + 2·(1/12)²)/2) = 0.144338
    expect(g.mean).toBeCloseTo(0.5833333333, 9)
    const half = (1.96 * 0.14433756729740643) / Math.sqrt(3)
    expect(g.ci95[0]).toBeCloseTo(0.5833333333 - half, 9)
    expect(g.ci95[1]).toBeCloseTo(0.5833333333 + half, 9)
    expect(gapClosed([400], [400]).mean).toBe(0)
    expect(gapClosed([0], [400]).mean).toBe(1)
    expect(() => gapClosed([1, 2], [3])).toThrow(/as many runs/)
  })

  it("perRunRatio divides run by run", () => {
    expect(perRunRatio([200, 180], [100, 90]).mean).toBe(2)
    expect(perRunRatio([3, 1], [1, 1]).mean).toBe(2)
  })

  it("retentionCurve: share of arrived users still there at the end of each day", () => {
    const arrival = Float64Array.of(0, 0, 0, 2.5)
    const left = Float64Array.of(Infinity, 1.5, 0.2, Infinity)
    // day 1: users 0,1,2 arrived; 2 left at 0.2 → 2/3. day 2: user 1 left → 1/3. day 3: user 3 arrived → 2/4.
    expect(Array.from(retentionCurve(arrival, left, 3))).toEqual([2 / 3, 1 / 3, 2 / 4])
  })

  it("discoveryTime: first-click visit, or visits + 1 when never clicked, over visiting users' top-n", () => {
    // 2 users × 3 categories; user 0 (5 visits) clicked category 2 at visit 3, never category 0; user 1 never visited.
    const firstClick = Int32Array.of(0, 1, 3, 0, 0, 0)
    const visits = Int32Array.of(5, 0)
    const top = Int32Array.of(2, 0, 1, 2)
    expect(discoveryTime(firstClick, visits, top, 2, 3)).toBe((3 + 6) / 2)
  })
})
