import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { RandomizedResponse } from "../../src/privacy/randomized-response"

describe("RandomizedResponse", () => {
  it("tells the truth with probability e^ε/(1+e^ε)", () => {
    const rr = new RandomizedResponse({ epsilon: Math.log(3) })
    expect(rr.truthProbability).toBeCloseTo(0.75, 12)
    const rng = createRng(1)
    let kept = 0
    const n = 100_000
    for (let i = 0; i < n; i++) kept += rr.respond(1, rng)
    expect(kept / n).toBeCloseTo(0.75, 2)
  })

  it("estimates the true rate without bias, with the stated standard error", () => {
    const rr = new RandomizedResponse({ epsilon: 1 })
    const n = 2000
    const truth = 0.12
    const bits = new Uint8Array(n)
    for (let i = 0; i < n * truth; i++) bits[i] = 1
    const rng = createRng(2)
    const reps = 400
    let mean = 0
    let naive = 0
    const estimates: number[] = []
    let se = 0
    for (let r = 0; r < reps; r++) {
      const reports = rr.privatize(bits, rng)
      const e = rr.estimateRate(reports)
      estimates.push(e.rate)
      mean += e.rate / reps
      se += e.standardError / reps
      naive += reports.reduce((s, x) => s + x, 0) / n / reps
    }
    const sd = Math.sqrt(estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / (reps - 1))
    // Monte-Carlo sd of the mean ≈ sd/√400
    expect(Math.abs(mean - truth)).toBeLessThan((4 * sd) / Math.sqrt(reps))
    // the observed rate is biased towards ½: λ = π p + (1−π)(1−p)
    const p = rr.truthProbability
    expect(naive).toBeCloseTo(truth * p + (1 - truth) * (1 - p), 2)
    // the reported standard error matches the spread of the estimates within 15 %
    expect(se / sd).toBeGreaterThan(0.85)
    expect(se / sd).toBeLessThan(1.15)
  })

  it("refuses bad input", () => {
    expect(() => new RandomizedResponse({ epsilon: 0 })).toThrow(
      /RandomizedResponse: epsilon must be a finite number > 0, got 0/,
    )
    const rr = new RandomizedResponse({ epsilon: 1 })
    expect(() => rr.respond(2, createRng(1))).toThrow(/bit must be 0 or 1/)
    expect(() => rr.estimateRate([])).toThrow(/must not be empty/)
  })
})
