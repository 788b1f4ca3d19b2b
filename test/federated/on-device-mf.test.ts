import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { OnDeviceMf } from "../../src/federated/on-device-mf"
import { implicitMfLoss } from "../../src/federated/implicit-mf-objective"

// two communities: even users like even items, odd users odd items
const users: number[] = []
const items: number[] = []
for (let u = 0; u < 40; u++)
  for (let i = u % 2; i < 20; i += 2)
    if ((u * 7 + i * 3) % 5 !== 0) {
      users.push(u)
      items.push(i)
    }
const train = interactionsFromTriples(40, 20, users, items)
const objective = { factors: 3, alpha: 4, regularization: 0.5 }

describe("OnDeviceMf", () => {
  it("solving every user against ImplicitAls's item factors never raises its loss (the user step is exact)", () => {
    const als = new ImplicitAls({ ...objective, iterations: 5 }).fit(train, createRng(1))
    const device = new OnDeviceMf(als.itemFactors_, objective).fit(train)
    const before = implicitMfLoss(train, als.userFactors_, als.itemFactors_, objective)
    expect(implicitMfLoss(train, device.userFactors_, als.itemFactors_, objective)).toBeLessThanOrEqual(before)
    // and recommends each user the unseen items of her own community
    for (const u of [0, 1, 10, 25]) for (const r of device.recommend(u, 2)) expect(r.item % 2).toBe(u % 2)
  })

  it("refuses item factors of the wrong size", () => {
    expect(() => new OnDeviceMf(new Float64Array(30), objective).fit(train)).toThrow(
      /holds 10 items, the training data has 20/,
    )
    expect(() => new OnDeviceMf(new Float64Array(60), { ...objective, regularization: -1 })).toThrow(
      /regularization must be a finite number > 0/,
    )
  })
})

describe("roundsVsAccuracy", () => {
  it("evaluates every n-th snapshot and the last one", async () => {
    const { roundsVsAccuracy } = await import("../../src/federated/rounds-curve")
    const { FederatedMf } = await import("../../src/federated/federated-mf")
    const { evaluateHoldout } = await import("../../src/recommenders/evaluate")
    const fed = new FederatedMf({ ...objective, rounds: 7, learningRate: 2, keepHistory: true }).fit(
      train,
      createRng(2),
    )
    // a one-item hold-out per user, outside each training row
    const test = interactionsFromTriples(40, 20, [0, 1], [19, 18])
    const curve = roundsVsAccuracy(fed.history_, train, test, objective, { k: 3, every: 3 })
    expect(curve.map((p) => p.round)).toEqual([3, 6, 7])
    expect(() => roundsVsAccuracy([], train, train, objective)).toThrow(/history is empty/)
    // the last point is the fitted model itself
    const last = roundsVsAccuracy(fed.history_, train, test, objective, { k: 3, every: 7 })
    const direct = evaluateHoldout(fed, train, test, 3)
    expect(last).toEqual([{ round: 7, recall: direct.recall, ndcg: direct.ndcg }])
  })
})
