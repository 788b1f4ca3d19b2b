import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Bpr } from "../../src/recommenders/bpr"
import { evaluateHoldout, evaluateInterests } from "../../src/recommenders/evaluate"
import { interactionsFromEvents } from "../../src/recommenders/event-interactions"
import { holdoutSplit } from "../../src/recommenders/holdout"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { Popularity } from "../../src/recommenders/popularity"
import { defaultWorldConfig, generateWorld } from "../../src/world"
import { simulateEvents } from "../../src/world/simulate-events"
import { blockInteractions, fromDense } from "./fixtures"

describe("evaluateHoldout", () => {
  it("averages P@k, R@k, NDCG@k over users with unseen test items; coverage over the catalogue", () => {
    const train = fromDense([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ])
    const test = fromDense([
      [0, 0, 1, 0],
      [1, 0, 0, 1],
      [0, 0, 0, 0],
    ])
    // Popularity: items 0 and 1 have 1 user, 2 and 3 none. User 0 gets [1, 2] (0 seen); user 1 gets [0, 2].
    const r = evaluateHoldout(new Popularity().fit(train), train, test, 2)
    expect(r.users).toBe(2)
    // user 0: relevant {2}: hit at rank 2 → P 0.5, R 1, NDCG (1/log2 3)/1; user 1: relevant {0, 3}: hit at rank 1 → P 0.5, R 0.5, NDCG 1/(1 + 1/log2 3).
    expect(r.precision).toBeCloseTo(0.5, 14)
    expect(r.recall).toBeCloseTo(0.75, 14)
    expect(r.ndcg).toBeCloseTo((1 / Math.log2(3) + 1 / (1 + 1 / Math.log2(3))) / 2, 14)
    expect(r.coverage).toBeCloseTo(3 / 4, 14)
    expect(() => evaluateHoldout(new Popularity().fit(train), train, train, 0)).toThrow(/k must be a positive integer/)
  })
})

describe("holdoutSplit", () => {
  it("partitions every interaction, keeps minTrain per user and is reproducible", () => {
    const all = blockInteractions(40, 30, 3)
    const a = holdoutSplit(all, 0.3, createRng(1), 2)
    const b = holdoutSplit(all, 0.3, createRng(1), 2)
    expect(Array.from(a.test.items)).toEqual(Array.from(b.test.items))
    expect(a.train.items.length + a.test.items.length).toBe(all.items.length)
    for (let u = 0; u < all.nUsers; u++) {
      const n = all.indptr[u + 1] - all.indptr[u]
      expect(a.train.indptr[u + 1] - a.train.indptr[u]).toBeGreaterThanOrEqual(Math.min(n, 2))
    }
    expect(a.test.items.length / all.items.length).toBeGreaterThan(0.2)
    expect(() => holdoutSplit(all, 1, createRng(1))).toThrow(/fraction must be in \(0, 1\)/)
  })
})

describe("recommenders on the synthetic world", () => {
  // 800 users × 300 items, 60 days; train on days < 45, test on days ≥ 45 (a temporal split).
  const world = generateWorld({ ...defaultWorldConfig, users: 800, items: 300, days: 60, sessionsPerDay: 0.4, seed: 3 })
  const events = simulateEvents(world).events
  const split = 45 * 86400
  const train = interactionsFromEvents(events, world.nUsers, world.nItems, { to: split })
  const test = interactionsFromEvents(events, world.nUsers, world.nItems, { from: split })

  it("builds interactions from clicks, carts and purchases only, weighted 1/2/4", () => {
    let expected = 0
    for (let k = 0; k < events.length; k++) if (events.time[k] < split) expected += [0, 1, 2, 4][events.type[k]]
    expect(train.values.reduce((s, v) => s + v, 0)).toBe(expected)
    expect(() =>
      interactionsFromEvents(events, world.nUsers, world.nItems, { weights: { click: Number.NaN } }),
    ).toThrow(/weight of event type 1/)
  })

  it("matrix factorisation beats popularity on held-out NDCG@10 and on the true interests", () => {
    const pop = new Popularity().fit(train)
    const als = new ImplicitAls({ factors: 32, regularization: 20, alpha: 2, iterations: 10 }).fit(train, createRng(1))
    const bpr = new Bpr({ factors: 32, epochs: 40 }).fit(train, createRng(2))
    const heldPop = evaluateHoldout(pop, train, test, 10)
    const heldAls = evaluateHoldout(als, train, test, 10)
    const heldBpr = evaluateHoldout(bpr, train, test, 10)
    expect(heldAls.ndcg).toBeGreaterThan(heldPop.ndcg)
    expect(heldBpr.ndcg).toBeGreaterThan(heldPop.ndcg)
    expect(heldAls.coverage).toBeGreaterThan(3 * heldPop.coverage)
    const truePop = evaluateInterests(pop, world, { k: 10, day: 45 })
    const trueAls = evaluateInterests(als, world, { k: 10, day: 45 })
    expect(trueAls.interestNdcg).toBeGreaterThan(1.5 * truePop.interestNdcg)
    expect(trueAls.topCategoryPrecision).toBeGreaterThan(truePop.topCategoryPrecision)
  })
})
