import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { fitUserArmFactors, solveSymmetric } from "../../src/bandits"

describe("fitUserArmFactors", () => {
  it("recovers a rank-1 table of click rates from three quarters of its cells, with a non-increasing loss", () => {
    const users = 30
    const arms = 6
    const rng = createRng(4)
    const pu = Float64Array.from({ length: users }, () => 0.3 + 0.6 * rng.next())
    const qa = Float64Array.from({ length: arms }, () => 0.2 + 0.7 * rng.next())
    const clicks = new Float64Array(users * arms)
    const shows = new Float64Array(users * arms)
    for (let u = 0; u < users; u++) {
      for (let a = 0; a < arms; a++) {
        if ((u * 5 + a * 3) % 4 === 0) continue
        shows[u * arms + a] = 100
        clicks[u * arms + a] = 100 * pu[u] * qa[a]
      }
    }
    const fit = fitUserArmFactors(clicks, shows, users, arms, 1, 1e-6, 50, createRng(1))
    for (let s = 1; s < fit.loss.length; s++) expect(fit.loss[s]).toBeLessThanOrEqual(fit.loss[s - 1] * (1 + 1e-12))
    // The held-out cells too: p_u q_a is identified up to scale, so compare products.
    for (let u = 0; u < users; u++)
      for (let a = 0; a < arms; a++) expect(fit.users[u] * fit.arms[a]).toBeCloseTo(pu[u] * qa[a], 4)
  })

  it("gives users without any observation zero factors", () => {
    const fit = fitUserArmFactors(Float64Array.of(1, 0, 0, 0), Float64Array.of(2, 2, 0, 0), 2, 2, 2, 1, 5, createRng(1))
    expect(Array.from(fit.users.subarray(2))).toEqual([0, 0])
  })

  it("solveSymmetric solves a positive-definite system (checked by multiplying back)", () => {
    const A = Float64Array.of(4, 2, 0.5, 2, 3, 0.25, 0.5, 0.25, 2)
    const b = Float64Array.of(1, -2, 0.5)
    const x = solveSymmetric(Float64Array.from(A), Float64Array.from(b), 3)
    for (let i = 0; i < 3; i++)
      expect(A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2]).toBeCloseTo(b[i], 13)
  })
})
