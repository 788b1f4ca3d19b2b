import { describe, expect, it } from "vitest"
import { compareModalities, meanInterval } from "../../src/neural/compare-modalities"
import { createRng } from "../../src/random/rng"
import { textItemFeatures } from "../../src/recommenders/content-based"
import { TfidfVectorizer } from "../../src/text/tfidf"
import { itemImageFeatures } from "../../src/world/item-images"
import { simulateEvents } from "../../src/world/simulate-events"
import { generateWorld } from "../../src/world/world"

describe("meanInterval", () => {
  it("is mean ± t₀.₉₇₅(n − 1)·sd/√n", () => {
    // 1, 2, 3, 4: mean 2.5, sd √(5/3); t₀.₉₇₅(3) = 3.182446305284263 (scipy.stats.t.ppf).
    const m = meanInterval([1, 2, 3, 4])
    const half = (3.182446305284263 * Math.sqrt(5 / 3)) / 2
    expect(m.mean).toBe(2.5)
    expect(m.low).toBeCloseTo(2.5 - half, 9)
    expect(m.high).toBeCloseTo(2.5 + half, 9)
    expect(meanInterval([0.7])).toEqual({ mean: 0.7, low: 0.7, high: 0.7 })
  })
})

describe("compareModalities", () => {
  const world = generateWorld({ seed: 8, users: 600, items: 240, days: 30, sessionsPerDay: 0.4 })
  const events = simulateEvents(world).events
  const text = textItemFeatures(new TfidfVectorizer().fitTransform(world.catalog.descriptionEn))
  const image = itemImageFeatures(world, {}, createRng(8, 60))
  const options = { impressions: 15000, repeats: 2, seed: 4 }

  it("scores every model in every repeat, deterministically, and the image's quality signal helps", async () => {
    const a = await compareModalities(world, events, { text, image }, options)
    const b = await compareModalities(world, events, { text, image }, options)
    expect(a).toEqual(b)
    expect(a.models).toEqual(["user + context", "text", "image", "early fusion", "late fusion"])
    expect(a.scores.length).toBe(10)
    for (const s of a.summary) {
      expect(s.auc.low).toBeLessThanOrEqual(s.auc.mean)
      expect(s.auc.mean).toBeGreaterThan(0.55)
      expect(s.logLoss.mean).toBeGreaterThan(0)
    }
    // Latent quality moves clicks and only the image shows it.
    const auc = (name: string) => a.summary.find((s) => s.model === name)?.auc.mean ?? Number.NaN
    expect(auc("image")).toBeGreaterThan(auc("user + context"))
    expect(auc("early fusion")).toBeGreaterThan(auc("user + context"))
    expect(a.lateWeights[1]).toBeGreaterThan(0)
  }, 120_000)

  it("rejects features of another catalogue and bad options", async () => {
    const other = { nItems: 3, dimension: 1, values: new Float64Array(3) }
    await expect(compareModalities(world, events, { text, image: other })).rejects.toThrow(
      "image features describe 3 items, the world has 240",
    )
    await expect(compareModalities(world, events, { text, image }, { trainShare: 1 })).rejects.toThrow("trainShare")
    await expect(compareModalities(world, events, { text, image }, { repeats: 0 })).rejects.toThrow("repeats")
  })
})
