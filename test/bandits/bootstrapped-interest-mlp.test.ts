import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { BootstrappedInterestMlp } from "../../src/bandits"
import { historyOf } from "./history-fixture"

/** The binary cross-entropy of head 0 on (input s, arm a, reward r), written independently of the policy. */
function loss(p: BootstrappedInterestMlp, s: number[], a: number, r: number): number {
  const H = p.config.hidden
  const n = s.length
  let z = p.c2[a]
  for (let j = 0; j < H; j++) {
    let pre = p.b1[j]
    for (let i = 0; i < n; i++) pre += p.w1[j * n + i] * s[i]
    z += p.w2[a * H + j] * Math.max(0, pre)
  }
  const q = 1 / (1 + Math.exp(-z))
  return -(r * Math.log(q) + (1 - r) * Math.log(1 - q))
}

describe("BootstrappedInterestMlp", () => {
  it("one training step moves every weight by −η times the finite-difference gradient of the loss", () => {
    const K = 3
    const p = new BootstrappedInterestMlp({
      arms: K,
      dimension: 2,
      users: 1,
      hidden: 4,
      heads: 1,
      batch: 1,
      learningRate: 0.01,
      seed: 2,
    })
    const ctx = { user: 0, features: Float64Array.of(0.3, -0.7) }
    // The bootstrap mask keeps an observation with probability 1/2: step until one is kept.
    for (let attempt = 0; attempt < 20; attempt++) {
      const s = [1 / K, 1 / K, 1 / K, 0.3, -0.7] // no clicks yet: uniform shares, then x
      const params = [p.w1, p.b1, p.w2, p.c2]
      const before = params.map((w) => Float64Array.from(w))
      const grads = params.map((w) =>
        Float64Array.from(w, (_, i) => {
          const keep = w[i]
          const h = 1e-6
          w[i] = keep + h
          const up = loss(p, s, 1, 0)
          w[i] = keep - h
          const down = loss(p, s, 1, 0)
          w[i] = keep
          return (up - down) / (2 * h)
        }),
      )
      p.update(1, 0, ctx)
      const moved = params.some((w, k) => w.some((v, i) => v !== before[k][i]))
      if (!moved) continue
      params.forEach((w, k) => w.forEach((v, i) => expect((v - before[k][i]) / -0.01).toBeCloseTo(grads[k][i], 6)))
      return
    }
    throw new Error("no observation kept in 20 tries")
  })

  it("learns each user's favourite arm from the history, and its heads agree there", () => {
    const rows: [number, number, number][] = []
    for (let u = 0; u < 40; u++)
      for (let a = 0; a < 4; a++) for (let i = 0; i < 5; i++) rows.push([u, a, a === u % 4 ? 1 : 0])
    const p = new BootstrappedInterestMlp({ arms: 4, users: 40, epochs: 60, learningRate: 0.5, seed: 3 })
    p.warmStart(historyOf(40, 4, rows), createRng(1))
    let mass = 0
    for (let u = 0; u < 40; u++) mass += p.probabilities({ user: u })[u % 4]
    expect(mass / 40).toBeGreaterThan(0.9)
  })

  it("propensities are exact multiples of 1/H", () => {
    const p = new BootstrappedInterestMlp({ arms: 5, users: 2, heads: 4, seed: 9 })
    const probs = p.probabilities({ user: 1 })
    for (const v of probs) expect((v * 4) % 1).toBeCloseTo(0, 12)
  })
})
