import { describe, expect, it } from "vitest"
import { dotScores, gramian } from "../../src/recommenders/factors"

describe("factor products", () => {
  it("seed 004 §4.2 erratum: the given U·Vᵀ is [[0.64,0.76,0.74],[0.80,0.56,0.76],[0.42,0.58,0.52]], not the 0/1 R", () => {
    // numpy 1.24.2 by hand: U @ V.T with U = [[.9,.4],[.6,.8],[.7,.2]], V = [[.4,.7],[.8,.1],[.6,.5]].
    const u = Float64Array.of(0.9, 0.4, 0.6, 0.8, 0.7, 0.2)
    const v = Float64Array.of(0.4, 0.7, 0.8, 0.1, 0.6, 0.5)
    const want = [
      [0.64, 0.76, 0.74],
      [0.8, 0.56, 0.76],
      [0.42, 0.58, 0.52],
    ]
    const r = [
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 1],
    ]
    for (let user = 0; user < 3; user++) {
      const row = dotScores(u, user, v, 3, 2)
      row.forEach((x, i) => expect(x).toBeCloseTo(want[user][i], 14))
      expect(Array.from(row)).not.toEqual(r[user])
    }
  })

  it("gramian is YᵀY", () => {
    const y = Float64Array.of(1, 2, 3, 4, 5, 6) // 3 × 2
    expect(Array.from(gramian(y, 3, 2, new Float64Array(4)))).toEqual([35, 44, 44, 56])
  })
})
