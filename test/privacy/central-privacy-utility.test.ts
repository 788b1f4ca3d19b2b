import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld, simulateEvents } from "../../src/world"
import { interactionsFromEvents } from "../../src/recommenders/event-interactions"
import { evaluateHoldout } from "../../src/recommenders/evaluate"
import { Popularity } from "../../src/recommenders/popularity"
import { centralPrivacyUtilityCurve } from "../../src/privacy/central-privacy-utility"

const world = generateWorld({ users: 1000, items: 200, seed: 21, sessionsPerDay: 0.3 })
const events = simulateEvents(world).events
const cut = 20 * 86400
const train = interactionsFromEvents(events, world.nUsers, world.nItems, { to: cut })
const test = interactionsFromEvents(events, world.nUsers, world.nItems, {
  from: cut,
  weights: { click: 0, cart: 0, purchase: 1 },
})
const input = { train, test, itemCategory: world.catalog.category, nCategories: world.nCategories, maxItemsPerUser: 10 }

describe("centralPrivacyUtilityCurve", () => {
  const curve = centralPrivacyUtilityCurve({ ...input, epsilons: [0.01, 1, 100], repeats: 4 }, createRng(1))

  it("starts at the exact recommender, which beats global popularity on held-out purchases", () => {
    expect(curve.map((p) => p.epsilon)).toEqual([Infinity, 0.01, 1, 100])
    expect(curve[0].recallSd).toBe(0)
    expect(curve[0].countError).toBe(0)
    expect(curve[0].recall).toBeGreaterThan(evaluateHoldout(new Popularity().fit(train), train, test, 10).recall)
  })

  it("loses quality as ε shrinks and recovers it at large ε", () => {
    const [exact, tiny, one, large] = curve
    expect(tiny.recall).toBeLessThan(0.5 * exact.recall)
    expect(tiny.recall).toBeLessThan(one.recall)
    expect(Math.abs(large.recall - exact.recall)).toBeLessThan(0.01)
    expect(Math.abs(large.ndcg - exact.ndcg)).toBeLessThan(0.01)
  })

  it("reports the count error the Laplace scale predicts when noise dominates: E|Lap(b)| = b per item", () => {
    // at ε = 0.01, b = 10/0.01 = 1000 ≫ counts, so Σ|ñ − n| ≈ nItems·b (the clipping bias is negligible next to it)
    // rows hold distinct items, so Σ_i n_i = nnz; sd of the mean of 4 × 200 |Lap| draws ≈ 3.5% of b
    const predicted = (world.nItems * 1000) / train.items.length
    expect(Math.abs(curve[1].countError / predicted - 1)).toBeLessThan(0.1)
    expect(curve[2].countError).toBeLessThan(curve[1].countError / 50)
  })

  it("names bad input", () => {
    expect(() => centralPrivacyUtilityCurve({ ...input, epsilons: [0] }, createRng(1))).toThrow(
      /epsilon must be a finite number > 0, got 0/,
    )
    expect(() => centralPrivacyUtilityCurve({ ...input, epsilons: [1], repeats: 0 }, createRng(1))).toThrow(
      /repeats must be a positive integer/,
    )
  })
})
