import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"
import { fedAvgLogistic, type FedAvgOptions } from "../../src/federated/fedavg"
import { fitCentralLogistic } from "../../src/federated/central-logistic"
import { logisticLoss, logisticSgd } from "../../src/federated/logistic-loss"
import { poolClients, splitByClient, type LabelledData } from "../../src/federated/client-dataset"

// Exact values of the federated logistic pieces on tables small enough to work by hand: which clients a
// round samples, the DP noise FedAvg adds, one Newton step of the central fit, and the client split.

const rows = (x: number[], y: number[]): LabelledData => ({
  n: y.length,
  d: x.length / y.length,
  x: Float64Array.from(x),
  y: Uint8Array.from(y),
})

// three clients with different data, one feature
const clients = [rows([2], [1]), rows([1, 1, 1], [0, 0, 1]), rows([-1, 3], [1, 0])]
const fullBatch: FedAvgOptions = { rounds: 1, clientsPerRound: 1, epochs: 1, batchSize: 8, learningRate: 0.3, l2: 0.01 }

describe("fedAvgLogistic samples clients and adds the DP noise exactly", () => {
  it("one client a round: the one a partial Fisher–Yates picks from the first uniform, ⌊3u⌋", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const j = Math.floor(createRng(seed).next() * 3)
      const sampled = fedAvgLogistic(clients, fullBatch, createRng(seed)).weights
      // alone, that client consumes the same uniform (⌊1·u⌋ = 0) and then gets the same local stream
      const alone = fedAvgLogistic([clients[j]], fullBatch, createRng(seed)).weights
      expect(Array.from(sampled), `seed ${seed}`).toEqual(Array.from(alone))
    }
  })

  it("two of three: positions 0 and 1 after swapping 0 with ⌊3u₁⌋ and 1 with 1 + ⌊2u₂⌋", () => {
    const picks = new Set<string>()
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rng = createRng(seed)
      const pick = [0, 1, 2]
      for (let i = 0; i < 2; i++) {
        const j = i + Math.floor(rng.next() * (3 - i))
        ;[pick[i], pick[j]] = [pick[j], pick[i]]
      }
      picks.add(`${pick[0]}${pick[1]}`)
      const options = { ...fullBatch, clientsPerRound: 2 }
      const sampled = fedAvgLogistic(clients, options, createRng(seed)).weights
      const pair = fedAvgLogistic([clients[pick[0]], clients[pick[1]]], options, createRng(seed)).weights
      // full-batch local steps do not depend on the shuffle: equal up to the order of summation
      expect(sampled[0], `seed ${seed}`).toBeCloseTo(pair[0], 14)
      expect(sampled[1], `seed ${seed}`).toBeCloseTo(pair[1], 14)
    }
    expect(picks.size).toBeGreaterThan(2)
  })

  it("adds N(0, (zS/m)²) per coordinate after the round's draws (2 uniforms and 2 × 4 words of split streams)", () => {
    const privacy = { clipNorm: 10, noiseMultiplier: 0.5 }
    const options = { ...fullBatch, clientsPerRound: 2 }
    const noisy = fedAvgLogistic(clients, { ...options, privacy }, createRng(7)).weights
    const clean = fedAvgLogistic(clients, { ...options, privacy: { clipNorm: 10, noiseMultiplier: 0 } }, createRng(7))
    const rng = createRng(7)
    rng.next()
    rng.next()
    for (let w = 0; w < 8; w++) rng.nextUint32()
    const sd = (0.5 * 10) / 2
    expect(noisy[0] - clean.weights[0]).toBeCloseTo(normal(rng, 0, sd), 12)
    expect(noisy[1] - clean.weights[1]).toBeCloseTo(normal(rng, 0, sd), 12)
  })

  it("adds each round's size-weighted mean update to the current weights (round two by hand)", () => {
    const r = fedAvgLogistic(clients, { ...fullBatch, rounds: 2, clientsPerRound: 3 }, createRng(2))
    const w1 = r.history[0]
    const num = [0, 0]
    let den = 0
    for (const c of clients) {
      const local = Float64Array.from(w1)
      // full batches: the local stream only orders the sums
      logisticSgd(local, c, fullBatch, createRng(99))
      for (let i = 0; i < 2; i++) num[i] += c.n * (local[i] - w1[i])
      den += c.n
    }
    expect(r.weights[0]).toBeCloseTo(w1[0] + num[0] / den, 13)
    expect(r.weights[1]).toBeCloseTo(w1[1] + num[1] / den, 13)
  })

  it("draws no noise at z = 0, so the next round samples from the same stream", () => {
    const privacy = { clipNorm: 10, noiseMultiplier: 0 }
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rng = createRng(seed)
      const pick = [0, 1, 2]
      const j1 = Math.floor(rng.next() * 3)
      ;[pick[0], pick[j1]] = [pick[j1], pick[0]]
      for (let w = 0; w < 4; w++) rng.nextUint32()
      const j2 = Math.floor(rng.next() * 3)
      const second = pick[j2]
      const r = fedAvgLogistic(clients, { ...fullBatch, rounds: 2, privacy }, createRng(seed))
      const local = Float64Array.from(r.history[0])
      logisticSgd(local, clients[second], fullBatch, createRng(99))
      expect(r.weights[0], `seed ${seed}`).toBeCloseTo(local[0], 13)
      expect(r.weights[1], `seed ${seed}`).toBeCloseTo(local[1], 13)
    }
  })

  it("keeps the weights after every round, and the last equals the result", () => {
    const r = fedAvgLogistic(clients, { ...fullBatch, rounds: 3, clientsPerRound: 3 }, createRng(1))
    expect(r.history.length).toBe(3)
    expect(Array.from(r.history[2])).toEqual(Array.from(r.weights))
    expect(r.history[0]).not.toEqual(r.history[1])
    const one = fedAvgLogistic(clients, { ...fullBatch, rounds: 1, clientsPerRound: 3 }, createRng(1))
    expect(Array.from(r.history[0])).toEqual(Array.from(one.weights))
  })

  it("names clients of different widths and an empty federation", () => {
    expect(() => fedAvgLogistic([], fullBatch, createRng(1))).toThrow("fedAvgLogistic: clients must not be empty")
    expect(() => fedAvgLogistic([clients[0], rows([1, 2], [1])], fullBatch, createRng(1))).toThrow(
      "fedAvgLogistic: every client must have 1 features, one has 2",
    )
  })
})

describe("fitCentralLogistic, exactly", () => {
  // x = 0: one positive of four; x = 1: three of four. Unpenalised, the optimum is the two log-odds:
  // intercept ln(1/3), slope ln 3 − ln(1/3) = 2 ln 3.
  const data = rows([0, 0, 0, 0, 1, 1, 1, 1], [1, 0, 0, 0, 1, 1, 1, 0])

  it("reaches the log-odds without a penalty", () => {
    const r = fitCentralLogistic(data, { l2: 0 })
    expect(r.weights[0]).toBeCloseTo(2 * Math.log(3), 9)
    expect(r.weights[1]).toBeCloseTo(-Math.log(3), 9)
    expect(r.loss).toBe(logisticLoss(r.weights, data, 0))
    expect(r.iterations).toBeGreaterThan(2)
    expect(r.iterations).toBeLessThan(10)
  })

  it("takes the Newton step −H⁻¹∇L from 0 first: at p = ½, ∇ = (−1/8, 0), H = ¼·E[(x, 1)(x, 1)ᵀ] gives (2, −1)", () => {
    const r = fitCentralLogistic(data, { l2: 0, maxIterations: 1 })
    expect(r.iterations).toBe(1)
    expect(r.weights[0]).toBeCloseTo(2, 9)
    expect(r.weights[1]).toBeCloseTo(-1, 9)
    // with λ = 0.125 the slope's curvature doubles: H = [[0.25, 0.125], [0.125, 0.25]], H⁻¹∇ = (−2/3, 1/3)
    const p = fitCentralLogistic(data, { l2: 0.125, maxIterations: 1 })
    expect(p.weights[0]).toBeCloseTo(2 / 3, 9)
    expect(p.weights[1]).toBeCloseTo(-1 / 3, 9)
  })

  it("with a penalty stops where the slope's gradient is −λw and the intercept's is 0", () => {
    const l2 = 0.1
    const r = fitCentralLogistic(data, { l2 })
    let gSlope = 0
    let gIntercept = 0
    for (let i = 0; i < 8; i++) {
      const p = 1 / (1 + Math.exp(-(r.weights[0] * data.x[i] + r.weights[1])))
      gSlope += ((p - data.y[i]) * data.x[i]) / 8
      gIntercept += (p - data.y[i]) / 8
    }
    expect(gSlope + l2 * r.weights[0]).toBeCloseTo(0, 10)
    expect(gIntercept).toBeCloseTo(0, 10)
    expect(r.weights[0]).toBeLessThan(2 * Math.log(3) - 0.1)
  })

  it("stops at once when the gradient at 0 is below the tolerance", () => {
    const balanced = rows([0, 0, 1, 1], [1, 0, 1, 0])
    const r = fitCentralLogistic(balanced, { l2: 0 })
    expect(r.iterations).toBe(0)
    expect(Array.from(r.weights)).toEqual([0, 0])
    expect(r.loss).toBeCloseTo(Math.LN2, 15)
    expect(fitCentralLogistic(data, { l2: 0, tolerance: 1 }).iterations).toBe(0)
  })

  it("names bad input", () => {
    expect(() => fitCentralLogistic(data, { l2: -1 })).toThrow(
      "fitCentralLogistic: l2 must be a finite number >= 0, got -1",
    )
    expect(() => fitCentralLogistic(data, { l2: Infinity })).toThrow("l2 must be a finite number >= 0, got Infinity")
    expect(() => fitCentralLogistic(rows([], []), { l2: 0 })).toThrow("fitCentralLogistic: data must not be empty")
  })
})

describe("splitByClient and poolClients, exactly", () => {
  // rows (x₁, x₂; y): (1, 2; 1), (3, 4; 0), (5, 6; 1), (7, 8; 0); keys 2, 0, 2, 0 → client 1 is empty and dropped
  const data = rows([1, 2, 3, 4, 5, 6, 7, 8], [1, 0, 1, 0])

  it("keeps each client's rows in their original order and drops empty clients", () => {
    const parts = splitByClient(data, [2, 0, 2, 0])
    expect(parts.length).toBe(2)
    expect(parts.map((c) => [c.n, c.d, Array.from(c.x), Array.from(c.y)])).toEqual([
      [2, 2, [3, 4, 7, 8], [0, 0]],
      [2, 2, [1, 2, 5, 6], [1, 1]],
    ])
    const pooled = poolClients(parts)
    expect([pooled.n, pooled.d, Array.from(pooled.x), Array.from(pooled.y)]).toEqual([
      4,
      2,
      [3, 4, 7, 8, 1, 2, 5, 6],
      [0, 0, 1, 1],
    ])
    expect(splitByClient(data, [0, 0, 0, 0]).length).toBe(1)
  })

  it("names bad keys and clients", () => {
    expect(() => splitByClient(data, [0, 1])).toThrow("splitByClient: key has 2 entries for 4 rows")
    expect(() => splitByClient(data, [0, -1, 0, 0])).toThrow(
      "splitByClient: key of row 1 must be a non-negative integer, got -1",
    )
    expect(() => splitByClient(data, [0, 0, 1.5, 0])).toThrow("key of row 2 must be a non-negative integer, got 1.5")
    expect(() => poolClients([])).toThrow("poolClients: clients must not be empty")
    expect(() => poolClients([data, rows([1], [1])])).toThrow("poolClients: clients have 1 and 2 features")
  })
})
