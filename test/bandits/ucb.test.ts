import { describe, expect, it } from "vitest"
import { Ucb, Ucb1 } from "../../src/bandits"

describe("Ucb", () => {
  it("index = Q(a) + c·sqrt(ln t / N(a)) (Sutton & Barto eq. 2.10), untried arms +∞, with the cached 1/sqrt(N)", () => {
    const p = new Ucb({ arms: 3, c: 2 })
    const rewards: [number, number][] = [
      [0, 1],
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0.5],
    ]
    for (const [arm, r] of rewards) p.update(arm, r)
    const idx = p.indices(new Float64Array(3))
    // t = 5; arm 0: N = 3, Q = 2/3; arm 1: N = 2, Q = 0.75; arm 2 untried.
    expect(idx[0]).toBeCloseTo(2 / 3 + 2 * Math.sqrt(Math.log(5) / 3), 13)
    expect(idx[1]).toBeCloseTo(0.75 + 2 * Math.sqrt(Math.log(5) / 2), 13)
    expect(idx[2]).toBe(Infinity)
    p.reset()
    p.update(1, 1)
    expect(Array.from(p.indices(new Float64Array(3)))).toEqual([Infinity, 1, Infinity]) // ln 1 = 0
  })

  it("UCB1 is c = √2 (Auer et al. 2002)", () => {
    const p = new Ucb1({ arms: 2 })
    for (let i = 0; i < 4; i++) p.update(i % 2, i % 2)
    expect(p.indices(new Float64Array(2))[1]).toBeCloseTo(1 + Math.sqrt((2 * Math.log(4)) / 2), 13)
  })
})
