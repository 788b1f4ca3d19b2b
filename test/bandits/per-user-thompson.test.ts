import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { BetaThompson, PerUserThompson } from "../../src/bandits"
import { historyOf } from "./history-fixture"

/**
 * P(θ_B > θ_A) for θ_A ~ Beta(a1, b1), θ_B ~ Beta(a2, b2) with integer a2, in closed form
 * (Miller 2015, "Formulas for Bayesian A/B testing"; Cook 2005):
 *   Σ_{i=0}^{a2−1} B(a1 + i, b1 + b2) / ((b2 + i) B(1 + i, b2) B(a1, b1)).
 */
function probabilityBBeatsA(a1: number, b1: number, a2: number, b2: number): number {
  const lbeta = (x: number, y: number) => lgamma(x) + lgamma(y) - lgamma(x + y)
  let total = 0
  for (let i = 0; i < a2; i++)
    total += Math.exp(lbeta(a1 + i, b1 + b2) - Math.log(b2 + i) - lbeta(1 + i, b2) - lbeta(a1, b1))
  return total
}
function lgamma(x: number): number {
  // Integer and half-integer arguments suffice here: log((x − 1)!) by summation.
  let s = 0
  for (let k = 2; k < x; k++) s += Math.log(k)
  return s
}

describe("PerUserThompson", () => {
  it("propensities match the closed form P(θ_B > θ_A) of two Beta posteriors", () => {
    const p = new PerUserThompson({ arms: 2, users: 2, probabilityDraws: 40_000, seed: 5 })
    // User 1: arm 0 has 2 clicks in 6 (Beta(3, 5)), arm 1 has 4 clicks in 6 (Beta(5, 3)).
    p.warmStart(
      historyOf(2, 2, [
        [1, 0, 1],
        [1, 0, 1],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 0],
        [1, 1, 0],
      ]),
    )
    const exact = probabilityBBeatsA(3, 5, 5, 3)
    expect(exact).toBeCloseTo(0.856934731935, 10) // test/bandits/reference/beta_race.py
    const probs = p.probabilities({ user: 1 })
    expect(Math.abs(probs[1] - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 40_000))
    // User 0 has seen nothing: both arms at Beta(1, 1), one half each.
    expect(Math.abs(p.probabilities({ user: 0 })[0] - 0.5)).toBeLessThan(0.01)
  })

  it("one user alone draws exactly what BetaThompson draws (same posterior, same generator)", () => {
    const a = new PerUserThompson({ arms: 5, users: 3, priorAlpha: 0.5, priorBeta: 2 })
    const b = new BetaThompson({ arms: 5, priorAlpha: 0.5, priorBeta: 2 })
    const ra = createRng(9)
    const rb = createRng(9)
    const env = createRng(10)
    for (let t = 0; t < 500; t++) {
      const arm = a.select({ user: 2 }, ra)
      expect(b.select(undefined, rb)).toBe(arm)
      const r = env.next() < 0.1 * (arm + 1) ? 1 : 0
      a.update(arm, r, { user: 2 })
      b.update(arm, r)
    }
  })

  it("keeps users apart: learning about one user leaves another's propensities unchanged", () => {
    const p = new PerUserThompson({ arms: 4, users: 2, probabilityDraws: 300 })
    const before = Array.from(p.probabilities({ user: 0 }))
    for (let t = 0; t < 50; t++) p.update(2, 1, { user: 1 })
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual(before)
    // Arm 2 at Beta(51, 1) against three Beta(1, 1): P(win) = E[θ³] = 51/54 (300 draws: σ ≈ 0.013).
    expect(Math.abs(p.probabilities({ user: 1 })[2] - 51 / 54)).toBeLessThan(0.055)
  })

  it("grows to the history's users and rejects a user outside them, naming the field", () => {
    const p = new PerUserThompson({ arms: 3, users: 2 })
    p.warmStart(historyOf(5, 3, [[4, 1, 1]]))
    expect(p.successes.length).toBe(15)
    expect(p.successes[4 * 3 + 1]).toBe(1)
    expect(() => p.select({ user: 5 }, createRng(1))).toThrow(/context.user must be an integer in \[0, 4\].*got 5/)
    expect(() => p.warmStart(historyOf(5, 4, []))).toThrow(/history has 4 arms, the policy 3/)
    expect(() => p.warmStart(historyOf(5, 3, [[0, 7, 1]]))).toThrow(/history.arm\[0\] = 7/)
  })
})
