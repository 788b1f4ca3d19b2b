import { describe, expect, it } from "vitest"
import { generateWorld } from "../../src/world"
import { contentNeighbourScore, itemContentFeatures, withExplorationBonus } from "../../src/coldstart/item-content"

describe("new items", () => {
  it("predicts a new item's score from its content neighbours", () => {
    const features = Float64Array.from([1, 0, 1, 0, 0, 1, 0.9, 0])
    // item 0 is new; items 1 and 3 point the same way (cos 1), item 2 is orthogonal
    expect(contentNeighbourScore(features, 2, 0, [Number.NaN, 0.2, 0.9, 0.4], 2)).toBeCloseTo(0.3, 12)
    expect(contentNeighbourScore(features, 2, 0, [Number.NaN, 0.2, 0.9, 0.4], 1)).toBeCloseTo(0.2, 12)
    expect(() => contentNeighbourScore(features, 2, 2, [0.1, 0.2, Number.NaN, 0.4], 2)).toThrow(/no warm item/)
  })

  it("content neighbours recover the world's true attraction ranking better than chance", () => {
    const world = generateWorld({ users: 50, items: 300, seed: 4 })
    const { features, dim } = itemContentFeatures(world)
    const ctx = { day: 1, hour: 12, weekday: 2, device: 0, region: 0 }
    const truth = Float64Array.from({ length: world.nItems }, (_, i) => {
      let s = 0
      for (let u = 0; u < world.nUsers; u++) s += world.attraction(u, i, ctx) / world.nUsers
      return s
    })
    const warm = Float64Array.from(truth, (v, i) => (i % 5 === 0 ? Number.NaN : v))
    const cold = Array.from({ length: world.nItems }, (_, i) => i).filter((i) => i % 5 === 0)
    const predicted = cold.map((i) => contentNeighbourScore(features, dim, i, warm, 10))
    const actual = cold.map((i) => truth[i])
    const mp = predicted.reduce((s, x) => s + x, 0) / cold.length
    const ma = actual.reduce((s, x) => s + x, 0) / cold.length
    let cov = 0
    let vp = 0
    let va = 0
    cold.forEach((_, k) => {
      cov += (predicted[k] - mp) * (actual[k] - ma)
      vp += (predicted[k] - mp) ** 2
      va += (actual[k] - ma) ** 2
    })
    expect(cov / Math.sqrt(vp * va)).toBeGreaterThan(0.5)
  })

  it("adds a UCB bonus c·√(ln(1+T)/(1+n))", () => {
    const out = withExplorationBonus([0.1, 0.1], [0, 99], 0.5)
    expect(out[0]).toBeCloseTo(0.1 + 0.5 * Math.sqrt(Math.log(100)), 12)
    expect(out[1]).toBeCloseTo(0.1 + 0.5 * Math.sqrt(Math.log(100) / 100), 12)
    expect(() => withExplorationBonus([1], [1], -1)).toThrow(/c must be a finite number >= 0/)
  })
})
