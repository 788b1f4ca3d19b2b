import { describe, expect, it } from "vitest"
import { fitUserArmFactors, solveSymmetric } from "../../src/bandits/user-arm-factors"
import { fastNormal } from "../../src/random/fast-random"
import { createRng } from "../../src/random/rng"

describe("fitUserArmFactors and solveSymmetric: exact values", () => {
  it("no sweep returns the N(0.5, 0.1²) starting factors, users' first, and no loss", () => {
    const fit = fitUserArmFactors(new Float64Array(6), new Float64Array(6), 2, 3, 2, 1, 0, createRng(3))
    const rng = createRng(3)
    expect(Array.from(fit.users)).toEqual(Array.from({ length: 4 }, () => 0.5 + 0.1 * fastNormal(rng)))
    expect(Array.from(fit.arms)).toEqual(Array.from({ length: 6 }, () => 0.5 + 0.1 * fastNormal(rng)))
    expect(fit.loss).toEqual([])
    expect(fit.factors).toBe(2)
  })

  it("rank 1, one user, one arm: p = S q₀/(n q₀² + λ), then q = S p/(n p² + λ), and the loss by hand", () => {
    const n = 4
    const S = 3
    const lambda = 0.5
    const fit = fitUserArmFactors(Float64Array.of(S), Float64Array.of(n), 1, 1, 1, lambda, 1, createRng(6))
    const rng = createRng(6)
    fastNormal(rng)
    const q0 = 0.5 + 0.1 * fastNormal(rng)
    const p = (S * q0) / (n * q0 * q0 + lambda)
    const q = (S * p) / (n * p * p + lambda)
    expect(fit.users[0]).toBeCloseTo(p, 14)
    expect(fit.arms[0]).toBeCloseTo(q, 14)
    expect(fit.loss[0]).toBeCloseTo(n * (S / n - p * q) ** 2 + lambda * (p * p + q * q), 14)
    // A second sweep starts from those: q₁ is the next solve.
    const two = fitUserArmFactors(Float64Array.of(S), Float64Array.of(n), 1, 1, 1, lambda, 2, createRng(6))
    const p1 = (S * q) / (n * q * q + lambda)
    expect(two.users[0]).toBeCloseTo(p1, 14)
    expect(two.arms[0]).toBeCloseTo((S * p1) / (n * p1 * p1 + lambda), 14)
    expect(two.loss).toHaveLength(2)
    expect(two.loss[0]).toBeCloseTo(fit.loss[0], 14)
  })

  it("an arm nobody was shown, and a user who saw nothing, get zero factors", () => {
    // Two users × three arms; arm 1 has no showings, user 1 none at all.
    const shows = Float64Array.of(3, 0, 2, 0, 0, 0)
    const clicks = Float64Array.of(1, 0, 2, 0, 0, 0)
    const fit = fitUserArmFactors(clicks, shows, 2, 3, 2, 0.1, 3, createRng(2))
    expect(Array.from(fit.arms.subarray(2, 4))).toEqual([0, 0])
    expect(Array.from(fit.users.subarray(2, 4))).toEqual([0, 0])
    expect(fit.arms.subarray(0, 2).some((v) => v !== 0)).toBe(true)
    expect(fit.arms.subarray(4, 6).some((v) => v !== 0)).toBe(true)
  })

  it("λ = 0: a user and an arm without showings are set to zero, not solved (their normal equations would be 0·p = 0)", () => {
    const shows = Float64Array.of(3, 0, 2, 0, 0, 0)
    const clicks = Float64Array.of(1, 0, 2, 0, 0, 0)
    const fit = fitUserArmFactors(clicks, shows, 2, 3, 1, 0, 2, createRng(2))
    expect(fit.users[1]).toBe(0)
    expect(fit.arms[1]).toBe(0)
    expect(Number.isFinite(fit.users[0]) && fit.users[0] !== 0).toBe(true)
    // λ = 0, rank 1: the fitted products p₀q₀ and p₀q₂ are the weighted least-squares rates (1/3, 1) after the arms' solve.
    expect(fit.users[0] * fit.arms[0]).toBeCloseTo(1 / 3, 12)
    expect(fit.users[0] * fit.arms[2]).toBeCloseTo(1, 12)
  })

  it("draws exactly (users + arms)·f normals from the caller's generator", () => {
    const rng = createRng(4)
    fitUserArmFactors(Float64Array.of(1, 0), Float64Array.of(2, 1), 1, 2, 2, 0.5, 3, rng)
    const replay = createRng(4)
    for (let i = 0; i < (1 + 2) * 2; i++) fastNormal(replay)
    expect(rng.nextUint32()).toBe(replay.nextUint32())
  })

  it("solveSymmetric overwrites A by its Cholesky factor L (lower triangle) and b by x", () => {
    // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A x = (2, 1) at x = (0.5, 0).
    const A = Float64Array.of(4, 2, 2, 3)
    const b = Float64Array.of(2, 1)
    const x = solveSymmetric(A, b, 2)
    expect(x).toBe(b)
    expect(Array.from(x)).toEqual([0.5, 0])
    expect(Array.from(A)).toEqual([2, 2, 1, Math.SQRT2])
    // 3 × 3: A = L Lᵀ with L = [[1, 0, 0], [2, 1, 0], [3, 4, 1]]: A = [[1, 2, 3], [2, 5, 10], [3, 10, 26]]; x = (1, 2, 3).
    const A3 = Float64Array.of(1, 2, 3, 2, 5, 10, 3, 10, 26)
    const b3 = Float64Array.of(14, 42, 101)
    solveSymmetric(A3, b3, 3)
    expect(Array.from(b3)).toEqual([1, 2, 3])
    expect([A3[0], A3[3], A3[4], A3[6], A3[7], A3[8]]).toEqual([1, 2, 1, 3, 4, 1])
    // 4 × 4: L = [[1, 0, 0, 0], [2, 1, 0, 0], [3, 5, 1, 0], [1, 2, 3, 1]], A = L Lᵀ, x = (1, −1, 2, 1), b = A x = (6, 23, 78, 44);
    // no entry of A's upper triangle equals a factor entry that a wrong index could read instead.
    const A4 = Float64Array.of(1, 2, 3, 1, 2, 5, 11, 4, 3, 11, 35, 16, 1, 4, 16, 15)
    const b4 = Float64Array.of(6, 23, 78, 44)
    solveSymmetric(A4, b4, 4)
    expect(Array.from(b4)).toEqual([1, -1, 2, 1])
    expect([A4[4], A4[5], A4[8], A4[9], A4[10], A4[12], A4[13], A4[14], A4[15]]).toEqual([2, 1, 3, 5, 1, 1, 2, 3, 1])
  })
})
