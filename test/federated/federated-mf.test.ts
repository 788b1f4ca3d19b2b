import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld, simulateEvents } from "../../src/world"
import { interactionsFromEvents } from "../../src/recommenders/event-interactions"
import { holdoutSplit } from "../../src/recommenders/holdout"
import { evaluateHoldout } from "../../src/recommenders/evaluate"
import { Popularity } from "../../src/recommenders/popularity"
import { FederatedMf } from "../../src/federated/federated-mf"
import { fitCentralImplicitMf } from "../../src/federated/central-implicit-mf"
import { OnDeviceMf } from "../../src/federated/on-device-mf"
import { implicitMfLoss } from "../../src/federated/implicit-mf-objective"

const world = generateWorld({ users: 600, items: 150, seed: 3, sessionsPerDay: 0.3 })
const all = interactionsFromEvents(simulateEvents(world).events, world.nUsers, world.nItems)
const { train, test } = holdoutSplit(all, 0.2, createRng(3, 1))
const objective = { factors: 8, alpha: 2, regularization: 5 }
const central = { ...objective, learningRate: 5, initScale: 0.1 }

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let d = 0
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]))
  return d
}

describe("FederatedMf", () => {
  it("with one client holding every user and one local step per round equals central gradient training", () => {
    const ref = fitCentralImplicitMf(train, { ...central, iterations: 5, keepHistory: true }, createRng(1))
    const fed = new FederatedMf({
      ...central,
      rounds: 5,
      clientOf: new Int32Array(train.nUsers),
      keepHistory: true,
    }).fit(train, createRng(1))
    for (let t = 0; t < 5; t++) expect(maxAbsDiff(fed.history_[t], ref.history[t])).toBeLessThan(1e-10)
    expect(maxAbsDiff(fed.userFactors_, ref.userFactors)).toBeLessThan(1e-10)
  })

  it("with every client taking part and one local step, the partition does not matter (Σ_k (n_k/n) F_k = J)", () => {
    const ref = fitCentralImplicitMf(train, { ...central, iterations: 3 }, createRng(2))
    const regions = new FederatedMf({ ...central, rounds: 3, clientOf: world.users.region }).fit(train, createRng(2))
    const users = new FederatedMf({ ...central, rounds: 3 }).fit(train, createRng(2))
    expect(maxAbsDiff(regions.itemFactors_, ref.itemFactors)).toBeLessThan(1e-10)
    expect(maxAbsDiff(users.itemFactors_, ref.itemFactors)).toBeLessThan(1e-10)
  })

  it("user clients sampled 150 of 600 per round stay within the stated margin of central training", () => {
    // margin (mean of 3 seeds, 40 rounds vs 40 central steps): recall@10 within 0.04, NDCG@10 within 0.02,
    // training loss within 6%. Written: central 0.404 / 0.265 / 5565; FedAvg 0.380 / 0.254 / 5835.
    const ref = fitCentralImplicitMf(train, { ...central, iterations: 40 }, createRng(4))
    const centralReport = evaluateHoldout(new OnDeviceMf(ref.itemFactors, objective).fit(train), train, test, 10)
    const centralLoss = implicitMfLoss(train, ref.userFactors, ref.itemFactors, objective)
    let recall = 0
    let ndcg = 0
    let loss = 0
    for (const seed of [1, 2, 3]) {
      const fed = new FederatedMf({ ...central, rounds: 40, clientsPerRound: 150 }).fit(train, createRng(seed))
      const r = evaluateHoldout(fed, train, test, 10)
      recall += r.recall / 3
      ndcg += r.ndcg / 3
      loss += implicitMfLoss(train, fed.userFactors_, fed.itemFactors_, objective) / 3
    }
    expect(Math.abs(recall - centralReport.recall)).toBeLessThan(0.04)
    expect(Math.abs(ndcg - centralReport.ndcg)).toBeLessThan(0.02)
    expect(loss / centralLoss - 1).toBeLessThan(0.06)
    // and both beat the popularity baseline (recall 0.319, NDCG 0.198)
    const pop = evaluateHoldout(new Popularity().fit(train), train, test, 10)
    expect(recall).toBeGreaterThan(pop.recall + 0.03)
    expect(ndcg).toBeGreaterThan(pop.ndcg + 0.03)
  })

  it("with DP clips each upload, so one round moves Y by at most the clip norm when no noise is added", () => {
    const clipNorm = 0.05
    const fed = new FederatedMf({
      ...central,
      rounds: 4,
      clientsPerRound: 50,
      keepHistory: true,
      privacy: { clipNorm, noiseMultiplier: 0 },
    }).fit(train, createRng(5))
    for (let t = 1; t < 4; t++) {
      let s = 0
      for (let i = 0; i < fed.itemFactors_.length; i++) s += (fed.history_[t][i] - fed.history_[t - 1][i]) ** 2
      expect(Math.sqrt(s)).toBeLessThanOrEqual(clipNorm + 1e-12)
      expect(fed.updateNorms_[t]).toBeGreaterThan(clipNorm)
    }
  })

  it("with DP noise is reproducible from the seed and still beats random ranking", () => {
    const options = { ...central, rounds: 30, clientsPerRound: 200, privacy: { clipNorm: 20, noiseMultiplier: 1 } }
    const a = new FederatedMf(options).fit(train, createRng(6))
    const b = new FederatedMf(options).fit(train, createRng(6))
    expect(Array.from(a.itemFactors_)).toEqual(Array.from(b.itemFactors_))
    // random top-10 of ~150 items: recall ≈ 10/150
    expect(evaluateHoldout(a, train, test, 10).recall).toBeGreaterThan(0.2)
  })

  it("names bad options", () => {
    expect(() => new FederatedMf({ rounds: 0 })).toThrow(/rounds must be an integer >= 1, got 0/)
    expect(() => new FederatedMf({ learningRate: -1 })).toThrow(/learningRate must be a finite number > 0/)
    expect(() => new FederatedMf({ regularization: 0 })).toThrow(/regularization must be a finite number > 0/)
    expect(() => new FederatedMf({ privacy: { clipNorm: 0, noiseMultiplier: 1 } })).toThrow(/privacy.clipNorm/)
    expect(() => new FederatedMf({ clientOf: [0, 1] }).fit(train)).toThrow(/clientOf has 2 entries for 600 users/)
    expect(() => new OnDeviceMf(new Float64Array(7), objective)).toThrow(/not a multiple of factors = 8/)
  })
})
