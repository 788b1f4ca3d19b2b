import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { laplaceMechanism, laplaceNoise } from "../../src/privacy/laplace"
import { advancedComposition, bestComposition, sequentialComposition } from "../../src/privacy/composition"
import { checkDelta, checkEpsilon, checkSensitivity } from "../../src/privacy/parameters"
import { RandomizedResponse } from "../../src/privacy/randomized-response"
import {
  analyticGaussianSigma,
  classicGaussianSigma,
  gaussianDelta,
  gaussianMechanism,
  gaussianSigma,
} from "../../src/privacy/gaussian"

// Exact values and exact boundaries of the privacy mechanisms (the statistical tests beside this file
// check the distributions; these fail on a changed constant, branch or message). Values by hand or
// with Python's math module, as noted.

/** A generator that returns the given uniforms in order (the mechanisms only call next()). */
function fixedUniforms(...values: number[]): Rng {
  let i = 0
  return {
    next: () => {
      if (i >= values.length) throw new Error("fixedUniforms: ran out of values")
      return values[i++]
    },
    nextUint32: () => {
      throw new Error("fixedUniforms: nextUint32 is not used")
    },
  }
}

describe("privacy parameters", () => {
  it("accept exactly ε ∈ (0, ∞), δ ∈ [0, 1) (or (0, 1) when positive) and Δ ∈ (0, ∞), naming the value", () => {
    expect(() => checkEpsilon(1e-300, "here")).not.toThrow()
    expect(() => checkEpsilon(0, "here")).toThrow("here: epsilon must be a finite number > 0, got 0")
    expect(() => checkEpsilon(Infinity, "here")).toThrow("here: epsilon must be a finite number > 0, got Infinity")
    expect(() => checkDelta(0, "here")).not.toThrow()
    expect(() => checkDelta(0.999, "here")).not.toThrow()
    expect(() => checkDelta(1, "here")).toThrow("here: delta must be in [0, 1), got 1")
    expect(() => checkDelta(-1e-9, "here")).toThrow("here: delta must be in [0, 1), got -1e-9")
    expect(() => checkDelta(Number.NaN, "here")).toThrow("got NaN")
    expect(() => checkDelta(1e-9, "here", true)).not.toThrow()
    expect(() => checkDelta(0, "here", true)).toThrow("here: delta must be in (0, 1), got 0")
    expect(() => checkSensitivity(1e-300, "here")).not.toThrow()
    expect(() => checkSensitivity(0, "here")).toThrow("here: sensitivity must be a finite number > 0, got 0")
    expect(() => checkSensitivity(Infinity, "here")).toThrow("sensitivity must be a finite number > 0, got Infinity")
  })
})

describe("Laplace noise by inversion", () => {
  it("maps the uniform u to −b·sign(u − ½)·ln(1 − 2|u − ½|): ±b ln 2 at the quartiles, 0 at the median", () => {
    expect(laplaceNoise(fixedUniforms(0.25), 3)).toBeCloseTo(-3 * Math.LN2, 14)
    expect(laplaceNoise(fixedUniforms(0.75), 3)).toBeCloseTo(3 * Math.LN2, 14)
    expect(laplaceNoise(fixedUniforms(0.5), 3) === 0).toBe(true)
    // u = 0.9: −b ln(1 − 0.8) = b ln 5; u = 0.1: b ln(0.2)
    expect(laplaceNoise(fixedUniforms(0.9), 2)).toBeCloseTo(2 * Math.log(5), 14)
    expect(laplaceNoise(fixedUniforms(0.1), 2)).toBeCloseTo(2 * Math.log(0.2), 14)
  })

  it("stays finite when the generator returns exactly 0 (it draws again)", () => {
    expect(laplaceNoise(fixedUniforms(0, 0.75), 1)).toBeCloseTo(Math.LN2, 14)
  })

  it("refuses a scale that is not a finite positive number", () => {
    expect(() => laplaceNoise(fixedUniforms(0.5), 0)).toThrow("laplaceNoise: scale must be a finite number > 0, got 0")
    expect(() => laplaceNoise(fixedUniforms(0.5), Infinity)).toThrow("got Infinity")
  })

  it("adds Lap(Δ/ε) to every coordinate: the noise of each is b = Δ/ε times the unit draw", () => {
    // Δ = 2, ε = 0.5: b = 4; uniforms 0.75 and 0.25 give +4 ln 2 and −4 ln 2.
    const out = laplaceMechanism([10, -1], { sensitivity: 2, epsilon: 0.5 }, fixedUniforms(0.75, 0.25))
    expect(out[0]).toBeCloseTo(10 + 4 * Math.LN2, 13)
    expect(out[1]).toBeCloseTo(-1 - 4 * Math.LN2, 13)
    expect(() => laplaceMechanism([1, Infinity], { sensitivity: 1, epsilon: 1 }, fixedUniforms(0.5))).toThrow(
      "laplaceMechanism: value 1 is not finite (Infinity)",
    )
  })
})

describe("composition bounds", () => {
  it("sequential composition adds ε exactly and caps δ at 1", () => {
    expect(sequentialComposition([{ epsilon: 0.25, delta: 0.5 }])).toEqual({ epsilon: 0.25, delta: 0.5 })
    expect(
      sequentialComposition([
        { epsilon: 0.5, delta: 0.75 },
        { epsilon: 0.25, delta: 0.5 },
      ]),
    ).toEqual({ epsilon: 0.75, delta: 1 })
    expect(() =>
      sequentialComposition([
        { epsilon: 1, delta: 0 },
        { epsilon: 1, delta: 1 },
      ]),
    ).toThrow("sequentialComposition (budget 1): delta must be in [0, 1), got 1")
  })

  it("names the function in every parameter error", () => {
    expect(() => advancedComposition({ epsilon: 0, delta: 0 }, 1, 0.5)).toThrow(
      "advancedComposition: epsilon must be a finite number > 0, got 0",
    )
    expect(() => advancedComposition({ epsilon: 1, delta: 1 }, 1, 0.5)).toThrow(
      "advancedComposition: delta must be in [0, 1), got 1",
    )
    expect(() => laplaceMechanism([1], { sensitivity: 1, epsilon: 0 }, fixedUniforms())).toThrow(
      "laplaceMechanism: epsilon must be a finite number > 0, got 0",
    )
    expect(() => laplaceMechanism([1], { sensitivity: 0, epsilon: 1 }, fixedUniforms())).toThrow(
      "laplaceMechanism: sensitivity must be a finite number > 0, got 0",
    )
  })

  it("advanced and best composition cap δ at 1 and name the rule they used", () => {
    // kδ + δ' = 10·0.5 + 0.5 > 1
    expect(advancedComposition({ epsilon: 0.1, delta: 0.5 }, 10, 0.5).delta).toBe(1)
    // python: math.sqrt(2*10*math.log(2))*0.1 + 10*0.1*math.expm1(0.1) = 0.4774...
    expect(advancedComposition({ epsilon: 0.1, delta: 0 }, 10, 0.5).epsilon).toBeCloseTo(
      Math.sqrt(20 * Math.LN2) * 0.1 + Math.expm1(0.1),
      14,
    )
    expect(bestComposition({ epsilon: 1, delta: 0.25 }, 8, 1e-5)).toEqual({ epsilon: 8, delta: 1, rule: "sequential" })
    const advanced = bestComposition({ epsilon: 0.01, delta: 1e-9 }, 10_000, 1e-6)
    expect(advanced.rule).toBe("advanced")
    expect(advanced.delta).toBeCloseTo(1e-5 + 1e-6, 18)
    // one run: the advanced bound √(2 ln 2)·0.5 + 0.5·(e^0.5 − 1) ≈ 0.91 is looser than ε = 0.5
    expect(bestComposition({ epsilon: 0.5, delta: 0 }, 1, 0.5).rule).toBe("sequential")
    expect(() => advancedComposition({ epsilon: 0.1, delta: 0 }, 1.5, 0.5)).toThrow(
      "advancedComposition: k must be a positive integer, got 1.5",
    )
  })
})

describe("randomized response, exactly", () => {
  it("reports the truth when the uniform is below p = e^ε/(1+e^ε), the flipped bit otherwise", () => {
    const rr = new RandomizedResponse({ epsilon: Math.log(3) }) // p = 3/4
    expect(rr.truthProbability).toBeCloseTo(0.75, 15)
    expect(rr.respond(1, fixedUniforms(0.7499))).toBe(1)
    expect(rr.respond(1, fixedUniforms(0.75))).toBe(0)
    expect(rr.respond(1, fixedUniforms(rr.truthProbability))).toBe(0)
    expect(rr.respond(0, fixedUniforms(0.2))).toBe(0)
    expect(rr.respond(0, fixedUniforms(0.8))).toBe(1)
    expect(Array.from(rr.privatize([1, 0, 1], fixedUniforms(0.9, 0.1, 0.1)))).toEqual([0, 0, 1])
  })

  it("inverts λ = πp + (1−π)(1−p): 3 ones in 4 reports at p = 3/4 estimate π = 1 with SE √(λ(1−λ)/n)/(2p−1)", () => {
    const rr = new RandomizedResponse({ epsilon: Math.log(3) })
    const r = rr.estimateRate([1, 1, 0, 1])
    expect(r.rate).toBeCloseTo(1, 14)
    // python: math.sqrt(0.75*0.25/4)/0.5 = 0.4330127018922193
    expect(r.standardError).toBeCloseTo(0.4330127018922193, 14)
    // 1 one in 4: λ = 1/4 = 1 − p, so π̂ = 0
    expect(rr.estimateRate([0, 1, 0, 0]).rate).toBeCloseTo(0, 14)
    expect(() => rr.estimateRate([0, 2])).toThrow("RandomizedResponse.estimateRate: report 1 must be 0 or 1, got 2")
    expect(() => rr.respond(-1, fixedUniforms(0.5))).toThrow("RandomizedResponse.respond: bit must be 0 or 1, got -1")
  })
})

describe("Gaussian mechanism, exactly", () => {
  it("uses the classic calibration by default and refuses an unknown one by name", () => {
    // python: math.sqrt(2*math.log(1.25/1e-5))/0.5 = 9.689610525210778
    expect(gaussianSigma({ sensitivity: 1, epsilon: 0.5, delta: 1e-5 })).toBeCloseTo(9.689610525210778, 12)
    expect(gaussianSigma({ sensitivity: 1, epsilon: 0.5, delta: 1e-5, calibration: "analytic" })).toBeLessThan(9.6)
    expect(() =>
      gaussianSigma({ sensitivity: 1, epsilon: 0.5, delta: 1e-5, calibration: "other" as unknown as "classic" }),
    ).toThrow('gaussianMechanism: calibration must be "classic" or "analytic", got other')
    // Box–Muller with u₁ = 1 − 0.5, u₂ = 0: the unit normal is √(2 ln 2)
    const out = gaussianMechanism([5], { sensitivity: 1, epsilon: 0.5, delta: 1e-5 }, fixedUniforms(0.5, 0))
    expect(out[0]).toBeCloseTo(5 + 9.689610525210778 * Math.sqrt(2 * Math.LN2), 12)
    const options = { sensitivity: 1, epsilon: 0.5, delta: 1e-5 }
    expect(() => gaussianMechanism([0, Number.NaN], options, fixedUniforms(0.5, 0))).toThrow(
      "gaussianMechanism: value 1 is not finite (NaN)",
    )
  })

  it("names the function in every parameter error", () => {
    expect(() => classicGaussianSigma(1, 0, 1e-5)).toThrow("classicGaussianSigma: epsilon must be a finite number > 0")
    expect(() => classicGaussianSigma(1, 0.5, 0)).toThrow("classicGaussianSigma: delta must be in (0, 1), got 0")
    expect(() => classicGaussianSigma(0, 0.5, 1e-5)).toThrow("classicGaussianSigma: sensitivity must be")
    expect(() => analyticGaussianSigma(1, 0, 1e-5)).toThrow(
      "analyticGaussianSigma: epsilon must be a finite number > 0",
    )
    expect(() => analyticGaussianSigma(1, 1, 0)).toThrow("analyticGaussianSigma: delta must be in (0, 1), got 0")
    expect(() => analyticGaussianSigma(0, 1, 1e-5)).toThrow("analyticGaussianSigma: sensitivity must be")
    expect(() => gaussianDelta(1, 0, 1)).toThrow("gaussianDelta: epsilon must be a finite number > 0")
    expect(() => gaussianDelta(0, 1, 1)).toThrow("gaussianDelta: sensitivity must be")
    expect(() => gaussianDelta(1, 1, 0)).toThrow("gaussianDelta: sigma must be a finite number > 0, got 0")
    expect(() => gaussianDelta(1, 1, Infinity)).toThrow(
      "gaussianDelta: sigma must be a finite number > 0, got Infinity",
    )
    expect(() => gaussianDelta(1, 1, -1)).toThrow("got -1")
  })

  it("analytic σ is the smallest σ with δ(σ) ≤ δ, also when it lies below the sensitivity (large ε)", () => {
    // ε = 8, δ = 0.01: σ < Δ, so the bisection must first move its lower end below Δ
    for (const [sensitivity, epsilon, delta] of [
      [1, 8, 0.01],
      [1000, 8, 0.01],
      [2, 0.5, 1e-5],
    ]) {
      const sigma = analyticGaussianSigma(sensitivity, epsilon, delta)
      expect(gaussianDelta(sensitivity, epsilon, sigma)).toBeLessThanOrEqual(delta)
      expect(gaussianDelta(sensitivity, epsilon, sigma * (1 - 1e-8))).toBeGreaterThan(delta)
    }
    expect(analyticGaussianSigma(1, 8, 0.01)).toBeLessThan(1)
  })
})
