import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld, simulateEvents } from "../../src/world"
import { coViewEmbedding } from "../../src/coldstart/co-view-embedding"
import { fewShotAccuracy } from "../../src/coldstart/few-shot"

describe("few-shot recognition of held-out categories", () => {
  const world = generateWorld({ users: 800, items: 300, seed: 11 })
  const events = simulateEvents(world).events
  const users: number[] = []
  const items: number[] = []
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] === 0) {
      users.push(events.user[e])
      items.push(events.item[e])
    }
  }
  const emb = coViewEmbedding(world.nItems, users, items, 32, createRng(11, 5))

  it("embeds items as unit vectors and is reproducible", () => {
    let s = 0
    for (let j = 0; j < 32; j++) s += emb[j] ** 2
    expect(s).toBeCloseTo(1, 12)
    expect(Array.from(coViewEmbedding(world.nItems, users, items, 32, createRng(11, 5)).slice(0, 8))).toEqual(
      Array.from(emb.slice(0, 8)),
    )
  })

  it("beats chance from one example and improves with five", () => {
    const heldOut = [8, 9, 10, 11]
    const one = fewShotAccuracy(emb, 32, world.catalog.category, heldOut, 1, 60, createRng(1))
    const five = fewShotAccuracy(emb, 32, world.catalog.category, heldOut, 5, 60, createRng(1))
    expect(one.chance).toBe(0.25)
    expect(one.accuracy).toBeGreaterThan(0.25 + 5 * one.standardError)
    expect(five.accuracy).toBeGreaterThan(one.accuracy + 3 * (five.standardError + one.standardError))
  })

  it("names bad parameters", () => {
    expect(() => fewShotAccuracy(emb, 32, world.catalog.category, [8], 1, 5, createRng(1))).toThrow(
      /at least 2 classes/,
    )
    expect(() => fewShotAccuracy(emb, 32, world.catalog.category, [8, 9], 0, 5, createRng(1))).toThrow(
      /shots must be a positive integer/,
    )
    expect(() => fewShotAccuracy(emb, 32, world.catalog.category, [8, 9], 1000, 5, createRng(1))).toThrow(
      /fewer than shots \+ 1/,
    )
  })
})
