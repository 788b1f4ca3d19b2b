import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { EnsembleSampling } from "../../src/bandits"
import { historyOf } from "./history-fixture"

describe("EnsembleSampling", () => {
  it("one update is the SGD step on (r + σ_w z − b − pᵀq)² + λ‖θ − θ̃‖² written out by hand", () => {
    // σ₀ = 0 and σ_w = 0: prior samples and noise vanish, so the step is deterministic.
    const p = new EnsembleSampling({
      arms: 2,
      users: 1,
      models: 1,
      factors: 1,
      priorSd: 0,
      noiseSd: 0,
      learningRate: 0.5,
      regularization: 0.1,
    })
    p.userFactors[0] = 0.4
    p.armFactors[1] = 0.5
    p.bias[1] = 0.1
    p.update(1, 1, { user: 0 })
    const e = 1 - (0.1 + 0.4 * 0.5)
    expect(p.bias[1]).toBeCloseTo(0.1 + 0.5 * (e - 0.1 * 0.1), 14)
    expect(p.userFactors[0]).toBeCloseTo(0.4 + 0.5 * (e * 0.5 - 0.1 * 0.4), 14)
    expect(p.armFactors[1]).toBeCloseTo(0.5 + 0.5 * (e * 0.4 - 0.1 * 0.5), 14)
  })

  it("propensities are the exact share of models whose greedy arm each arm is", () => {
    const p = new EnsembleSampling({ arms: 4, users: 2, models: 8, seed: 3 })
    const probs = p.probabilities({ user: 1 })
    for (const v of probs) expect((v * 8) % 1).toBeCloseTo(0, 12)
    expect(probs.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12)
  })

  it("explores collaboratively: a new user's one click on arm 0 points to arm 1, which others who liked arm 0 liked", () => {
    // Group A (users 0..29) clicks arms 0 and 1, group B (30..59) arms 2 and 3; user 60 clicked arm 0 once.
    const rows: [number, number, number][] = []
    for (let u = 0; u < 60; u++)
      for (let a = 0; a < 4; a++) for (let i = 0; i < 3; i++) rows.push([u, a, u < 30 === a < 2 ? 1 : 0])
    rows.push([60, 0, 1])
    const p = new EnsembleSampling({ arms: 4, users: 61, models: 20, factors: 2, epochs: 30, seed: 1 })
    p.warmStart(historyOf(61, 4, rows), createRng(2))
    const probs = p.probabilities({ user: 60 })
    expect(probs[0] + probs[1]).toBeGreaterThan(0.8)
    expect(probs[1]).toBeGreaterThan(probs[2] + probs[3])
  })
})
