import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { createRng } from "../../src/random/rng"
import { addGaussianNoise, clientLevelPrivacy, clipToNorm } from "../../src/federated/client-update-privacy"
import { fedAvgLogistic } from "../../src/federated/fedavg"

// Exact values of DP-FedAvg's building blocks (clipping, noise, accounting) and FedAvg's option
// checks; values by hand or with Python's math module, as noted.

/** A generator that returns the given uniforms in order. */
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

describe("client update clipping and noise", () => {
  it("scales an update down to norm S and returns the norm before clipping; shorter updates are left alone", () => {
    const u = Float64Array.of(3, 4)
    expect(clipToNorm(u, 1)).toBe(5)
    expect(u[0]).toBeCloseTo(0.6, 15)
    expect(u[1]).toBeCloseTo(0.8, 15)
    const same = Float64Array.of(3, 4)
    expect(clipToNorm(same, 5)).toBe(5)
    expect(Array.from(same)).toEqual([3, 4])
    expect(clipToNorm(same, Infinity)).toBe(5)
    expect(Array.from(same)).toEqual([3, 4])
  })

  it("adds N(0, σ²) to every coordinate (Box–Muller: u₁ = 1 − 0.5, u₂ = 0 gives √(2 ln 2)·σ)", () => {
    const v = Float64Array.of(1, -1)
    addGaussianNoise(v, 2, fixedUniforms(0.5, 0, 0.5, 0.5))
    expect(v[0]).toBeCloseTo(1 + 2 * Math.sqrt(2 * Math.LN2), 14)
    // u₂ = 0.5: cos π = −1
    expect(v[1]).toBeCloseTo(-1 - 2 * Math.sqrt(2 * Math.LN2), 14)
  })
})

describe("client-level privacy of DP-FedAvg", () => {
  it("inverts the classic calibration per round and composes by the tighter rule", () => {
    // python: math.sqrt(2*math.log(1.25/1e-6))/8 = 0.6623503158563092; 20 rounds: sequential 13.247006317126184
    const few = clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 8 }, 20, 1e-6, 1e-6)
    expect(few.epsilonPerRound).toBeCloseTo(0.6623503158563092, 14)
    expect(few.epsilon).toBeCloseTo(13.247006317126184, 12)
    expect(few.delta).toBeCloseTo(2e-5, 18)
    // z = 40, 2000 rounds: advanced composition √(2k ln(1/δ'))ε + kε(e^ε − 1) = 68.66830486117856 < kε = 264.94
    const many = clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 40 }, 2000, 1e-6, 1e-6)
    expect(many.epsilonPerRound).toBeCloseTo(0.13247006317126184, 14)
    expect(many.epsilon).toBeCloseTo(68.66830486117856, 10)
    expect(many.delta).toBeCloseTo(0.002001, 15)
  })

  it("names a noise multiplier that is zero or too small for the classic calibration", () => {
    expect(() => clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 0 }, 1, 1e-6, 1e-6)).toThrow(
      "clientLevelPrivacy: noiseMultiplier must be > 0, got 0",
    )
    // python: math.sqrt(2*math.log(1.25/1e-6)) = 5.299 (z = 5.299 would give exactly 1)
    expect(() => clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 5 }, 1, 1e-6, 1e-6)).toThrow(
      "clientLevelPrivacy: noiseMultiplier 5 gives a per-round epsilon of 1.060 >= 1",
    )
    expect(clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 5.3 }, 1, 1e-6, 1e-6).epsilonPerRound).toBeLessThan(1)
  })
})

describe("fedAvgLogistic options", () => {
  const client = { n: 2, d: 1, x: Float64Array.of(0, 1), y: Uint8Array.of(0, 1) }
  const options = { rounds: 1, clientsPerRound: 1, epochs: 1, batchSize: 2, learningRate: 0.1, l2: 0 }
  const run = (o: Partial<typeof options> & Record<string, unknown>) =>
    fedAvgLogistic([client, client], { ...options, ...o }, createRng(1))

  it("names each bad option with its value and what is allowed", () => {
    expect(() => fedAvgLogistic([], options, createRng(1))).toThrow("fedAvgLogistic: clients must not be empty")
    expect(() => run({ rounds: 0 })).toThrow("fedAvgLogistic: rounds must be a positive integer, got 0")
    expect(() => run({ clientsPerRound: 0 })).toThrow(
      "fedAvgLogistic: clientsPerRound must be a positive integer, got 0",
    )
    expect(() => run({ learningRate: 0 })).toThrow("fedAvgLogistic: learningRate must be a finite number > 0, got 0")
    expect(() => run({ epochs: 1.5 })).toThrow("fedAvgLogistic: epochs must be a positive integer, got 1.5")
    expect(() => run({ batchSize: 0 })).toThrow("fedAvgLogistic: batchSize must be a positive integer, got 0")
    expect(() => run({ clientsPerRound: 3 })).toThrow(
      "fedAvgLogistic: clientsPerRound must be at most the 2 clients, got 3",
    )
    expect(() => run({ learningRate: Infinity })).toThrow(
      "fedAvgLogistic: learningRate must be a finite number > 0, got Infinity",
    )
    expect(() => run({ l2: -1 })).toThrow("fedAvgLogistic: l2 must be a finite number >= 0, got -1")
    expect(() => run({ l2: Infinity })).toThrow("l2 must be a finite number >= 0, got Infinity")
    expect(() => run({ privacy: { clipNorm: 0, noiseMultiplier: 1 } })).toThrow(
      "fedAvgLogistic: privacy.clipNorm must be > 0, got 0",
    )
    expect(() => run({ privacy: { clipNorm: 1, noiseMultiplier: -1 } })).toThrow(
      "fedAvgLogistic: privacy.noiseMultiplier must be >= 0, got -1",
    )
    const wide = { n: 1, d: 2, x: Float64Array.of(0, 1), y: Uint8Array.of(1) }
    expect(() => fedAvgLogistic([client, wide], options, createRng(1))).toThrow(
      "fedAvgLogistic: every client must have 1 features, one has 2",
    )
  })

  it("accepts the boundary values: l2 = 0, no noise, every client every round", () => {
    const r = run({ clientsPerRound: 2, privacy: { clipNorm: 1, noiseMultiplier: 0 } })
    expect(r.history).toHaveLength(1)
    expect(r.updateNorms).toHaveLength(1)
  })

  it("records the mean norm of the clients' updates before clipping", () => {
    // the closed form of fedavg-weighting.test.ts: from w = 0, Δ_A = η(1, 0.5) and Δ_B = −η(0.5, 0.5)
    const a = { n: 1, d: 1, x: Float64Array.of(2), y: Uint8Array.of(1) }
    const b = { n: 9, d: 1, x: new Float64Array(9).fill(1), y: new Uint8Array(9) }
    const eta = 0.2
    const r = fedAvgLogistic([a, b], { ...options, clientsPerRound: 2, batchSize: 16, learningRate: eta }, createRng(1))
    expect(r.updateNorms[0]).toBeCloseTo((eta * (Math.sqrt(1.25) + Math.sqrt(0.5))) / 2, 14)
  })
})
