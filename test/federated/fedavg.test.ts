import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld, simulateEvents } from "../../src/world"
import { clickFeatures, filterClickRows } from "../../src/federated/click-features"
import { poolClients, splitByClient } from "../../src/federated/client-dataset"
import { fitCentralLogistic } from "../../src/federated/central-logistic"
import { fedAvgLogistic } from "../../src/federated/fedavg"
import { logisticLoss, logisticPredict, logisticSgd } from "../../src/federated/logistic-loss"
import { clientLevelPrivacy } from "../../src/federated/client-update-privacy"

const world = generateWorld({ users: 400, items: 200, seed: 5, days: 14 })
const all = clickFeatures(world, simulateEvents(world).events)
const train = filterClickRows(all, (r) => all.day[r] < 10)
const test = filterClickRows(all, (r) => all.day[r] >= 10)
const options = { rounds: 40, clientsPerRound: 5, epochs: 1, batchSize: 32, learningRate: 0.3, l2: 1e-3 }

describe("fedAvgLogistic", () => {
  it("with one client and full-batch local steps equals gradient descent", () => {
    const small = filterClickRows(train, (r) => r < 500)
    const fed = fedAvgLogistic([small], { ...options, rounds: 3, clientsPerRound: 1, batchSize: 500 }, createRng(1))
    const w = new Float64Array(small.d + 1)
    logisticSgd(w, small, { epochs: 3, batchSize: 500, learningRate: 0.3, l2: 1e-3 }, createRng(2))
    for (let j = 0; j < w.length; j++) expect(fed.weights[j]).toBeCloseTo(w[j], 12)
  })

  it("over regions (non-IID clients) reaches the central optimum's test loss", () => {
    const clients = splitByClient(train, train.region)
    const central = fitCentralLogistic(poolClients(clients), { l2: 1e-3 })
    const fed = fedAvgLogistic(clients, options, createRng(3))
    const centralTest = logisticLoss(central.weights, test, 0)
    const first = logisticLoss(fed.history[0], test, 0)
    const last = logisticLoss(fed.weights, test, 0)
    expect(last).toBeLessThan(first)
    expect(Math.abs(last - centralTest) / centralTest).toBeLessThan(0.01)
    // and its training objective is within 1% of the optimum
    expect(logisticLoss(fed.weights, train, 1e-3) / central.loss - 1).toBeLessThan(0.01)
  })

  it("with DP clips every update and still learns", () => {
    const clients = splitByClient(train, train.user)
    const dp = fedAvgLogistic(
      clients,
      { ...options, clientsPerRound: 100, privacy: { clipNorm: 0.3, noiseMultiplier: 1 } },
      createRng(4),
    )
    const base = train.y.reduce((s, y) => s + y, 0) / train.n
    const constant = -test.y.reduce((s, y) => s + (y ? Math.log(base) : Math.log(1 - base)), 0) / test.n
    expect(logisticLoss(dp.weights, test, 0)).toBeLessThan(constant)
    const again = fedAvgLogistic(
      clients,
      { ...options, clientsPerRound: 100, privacy: { clipNorm: 0.3, noiseMultiplier: 1 } },
      createRng(4),
    )
    expect(Array.from(again.weights)).toEqual(Array.from(dp.weights))
  })

  it("accounts client-level privacy by composition", () => {
    const r = clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 10 }, 20, 1e-6, 1e-6)
    const e = Math.sqrt(2 * Math.log(1.25e6)) / 10
    expect(r.epsilonPerRound).toBeCloseTo(e, 12)
    expect(r.epsilon).toBeCloseTo(Math.min(20 * e, Math.sqrt(40 * Math.log(1e6)) * e + 20 * e * Math.expm1(e)), 10)
    expect(() => clientLevelPrivacy({ clipNorm: 1, noiseMultiplier: 1 }, 20, 1e-6, 1e-6)).toThrow(/per-round epsilon/)
  })

  it("names bad options", () => {
    const clients = splitByClient(train, train.region)
    expect(() => fedAvgLogistic(clients, { ...options, rounds: 0 }, createRng(1))).toThrow(
      /rounds must be a positive integer/,
    )
    expect(() => fedAvgLogistic(clients, { ...options, clientsPerRound: 6 }, createRng(1))).toThrow(
      /clientsPerRound must be at most the 5 clients/,
    )
    expect(() => fedAvgLogistic(clients, { ...options, learningRate: 0 }, createRng(1))).toThrow(/learningRate/)
  })
})

describe("agreement with the behavior helper's LogisticRegression (src/text)", () => {
  it("FedAvg and the central Newton fit converge to its L-BFGS solution", async () => {
    const { LogisticRegression } = await import("../../src/text/logistic-regression")
    const l2 = 1e-3
    const lr = new LogisticRegression({ C: 1 / (train.n * l2), tol: 1e-9 }).fit(
      { kind: "dense", nRows: train.n, nCols: train.d, data: train.x },
      train.y,
    )
    const central = fitCentralLogistic(train, { l2 })
    for (let j = 0; j < train.d; j++) expect(Math.abs(central.weights[j] - lr.coef.data[j])).toBeLessThan(1e-4)
    expect(Math.abs(central.weights[train.d] - lr.intercept[0])).toBeLessThan(1e-4)
    const fed = fedAvgLogistic(
      splitByClient(train, train.region),
      { ...options, rounds: 60, epochs: 3, batchSize: 256, learningRate: 0.5 },
      createRng(8),
    )
    const p1 = lr.predictProba({ kind: "dense", nRows: test.n, nCols: test.d, data: test.x })
    const p2 = logisticPredict(fed.weights, test)
    // constant-step SGD ends in a noise ball around the optimum: compare the mean gap and the test loss
    let meanDiff = 0
    for (let r = 0; r < test.n; r++) meanDiff += Math.abs(p1.data[2 * r + 1] - p2[r]) / test.n
    expect(meanDiff).toBeLessThan(0.003)
    expect(Math.abs(logisticLoss(fed.weights, test, 0) / logisticLoss(central.weights, test, 0) - 1)).toBeLessThan(
      0.005,
    )
  })
})
