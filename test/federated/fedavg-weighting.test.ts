import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { fedAvgLogistic } from "../../src/federated/fedavg"

/**
 * FedAvg's server step is w ← w + Σ_k (n_k / Σn) Δ_k (McMahan et al. 2017, algorithm 1). From w = 0
 * one full-batch local step gives the closed form Δ_k = −η·(1/n_k) Σ_r (σ(0) − y_r)·(x_r, 1).
 * Client A: one row x = 2, y = 1 → Δ_A = η·(1, 0.5); client B: nine rows x = 1, y = 0 → Δ_B = −η·(0.5, 0.5).
 * Weighted by size: η·(1·(1, 0.5) + 9·(−0.5, −0.5))/10 = η·(−0.35, −0.4); equal weights would give η·(0.25, 0).
 */
describe("fedAvgLogistic weights clients by their size", () => {
  const a = { n: 1, d: 1, x: Float64Array.of(2), y: Uint8Array.of(1) }
  const b = { n: 9, d: 1, x: new Float64Array(9).fill(1), y: new Uint8Array(9) }
  const eta = 0.2

  it("one round with both clients equals the size-weighted closed form", () => {
    const { weights } = fedAvgLogistic(
      [a, b],
      { rounds: 1, clientsPerRound: 2, epochs: 1, batchSize: 16, learningRate: eta, l2: 0 },
      createRng(1),
    )
    expect(weights[0]).toBeCloseTo(-0.35 * eta, 14)
    expect(weights[1]).toBeCloseTo(-0.4 * eta, 14)
  })

  it("with DP-FedAvg (clipping, no noise) the clipped updates are averaged with equal weights", () => {
    const { weights } = fedAvgLogistic(
      [a, b],
      {
        rounds: 1,
        clientsPerRound: 2,
        epochs: 1,
        batchSize: 16,
        learningRate: eta,
        l2: 0,
        privacy: { clipNorm: 10, noiseMultiplier: 0 },
      },
      createRng(1),
    )
    expect(weights[0]).toBeCloseTo(0.25 * eta, 14)
    expect(weights[1]).toBeCloseTo(0, 14)
  })
})
