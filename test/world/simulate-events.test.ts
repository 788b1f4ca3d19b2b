import { describe, expect, it } from "vitest"
import { simulateEvents } from "../../src/world/simulate-events"
import { generateWorld } from "../../src/world/world"

const world = generateWorld({ users: 1500, items: 300, seed: 9, days: 20 })
const log = simulateEvents(world)
const e = log.events

describe("simulateEvents", () => {
  it("produces a funnel: every click follows its view, every purchase its cart", () => {
    const counts = [0, 0, 0, 0]
    for (let k = 0; k < e.length; k++) {
      counts[e.type[k]]++
      if (e.type[k] > 0) {
        expect(e.type[k - 1]).toBe(e.type[k] - 1)
        expect(e.item[k - 1]).toBe(e.item[k])
        expect(e.user[k - 1]).toBe(e.user[k])
      }
    }
    expect(counts[0]).toBeGreaterThan(counts[1])
    expect(counts[1]).toBeGreaterThan(counts[2])
    expect(counts[2]).toBeGreaterThan(counts[3])
    expect(counts[3]).toBeGreaterThan(0)
  })

  it("shows items with the clicks the ground truth predicts (observed CTR ≈ mean true click probability)", () => {
    // The simulator draws each click with world.clickProbability, so the observed CTR must match
    // the average true probability within sampling error.
    let views = 0
    let clicks = 0
    let expected = 0
    let variance = 0
    for (let k = 0; k < e.length; k++) {
      if (e.type[k] === 1) clicks++
      if (e.type[k] !== 0) continue
      views++
    }
    // Recompute the expected clicks at session level from the click model (fatigue needs the in-session count).
    const seen = new Map<string, number>()
    for (let k = 0; k < e.length; k++) {
      if (e.type[k] !== 0) continue
      const c = world.catalog.category[e.item[k]]
      const key = `${e.session[k]}:${c}`
      const exposures = seen.get(key) ?? 0
      seen.set(key, exposures + 1)
      const day = e.time[k] / 86400
      const p = world.clickProbability(
        e.user[k],
        e.item[k],
        { day, hour: e.hour[k], weekday: e.weekday[k], device: e.device[k], region: e.region[k] },
        e.position[k],
        exposures,
      )
      expected += p
      variance += p * (1 - p)
    }
    expect(views).toBeGreaterThan(10_000)
    // Within 4 standard deviations (the time stamp rounds the drift day down by < 1 s of 20 days).
    expect(Math.abs(clicks - expected)).toBeLessThan(4 * Math.sqrt(variance) + 0.002 * expected)
  })

  it("shows the position bias of the click model", () => {
    const views = new Float64Array(8)
    const clicks = new Float64Array(8)
    for (let k = 0; k < e.length; k++) {
      if (e.type[k] === 0) views[e.position[k]]++
      if (e.type[k] === 1) clicks[e.position[k]]++
    }
    const ctr0 = clicks[0] / views[0]
    const ctr7 = clicks[7] / views[7]
    // Examination ratio (1+7)^−0.8 ≈ 0.19; items are drawn independently of position.
    expect(ctr7 / ctr0).toBeGreaterThan(0.12)
    expect(ctr7 / ctr0).toBeLessThan(0.28)
  })

  it("writes reviews whose ratings are 1..5 and whose text sentiment follows the rating, with noise", () => {
    expect(log.reviews.length).toBeGreaterThan(100)
    const positive = /love|Perfect|recommend|Excellent|Best|works well|good value|Pretty good/i
    const negative = /Terrible|disappointed|Poor|Do not buy|not as described|cheap material|Not really worth/i
    const share = (rating: number, pattern: RegExp) => {
      let n = 0
      let hits = 0
      for (let k = 0; k < log.reviews.length; k++) {
        if (log.reviews.rating[k] !== rating) continue
        n++
        if (pattern.test(log.reviews.textEn[k].split(/[.!] /)[0])) hits++
      }
      return hits / n
    }
    for (let k = 0; k < log.reviews.length; k++) {
      expect(log.reviews.rating[k]).toBeGreaterThanOrEqual(1)
      expect(log.reviews.rating[k]).toBeLessThanOrEqual(5)
      expect(log.reviews.textZh[k]).toMatch(/[\u4e00-\u9fff]/)
    }
    // The opening follows the rating 85% of the time (else a neighbouring rating's), so never the opposite pole.
    expect(share(5, positive)).toBeGreaterThan(0.75)
    expect(share(5, negative)).toBe(0)
    expect(share(1, negative)).toBeGreaterThan(0.75)
    expect(share(1, positive)).toBe(0)
  })

  it("is deterministic and independent of how many users come before (per-user streams)", () => {
    const again = simulateEvents(world)
    expect(again.events.length).toBe(e.length)
    expect(Array.from(again.events.item.subarray(0, 5000))).toEqual(Array.from(e.item.subarray(0, 5000)))
    const bigger = simulateEvents(generateWorld({ users: 1600, items: 300, seed: 9, days: 20 }))
    // The first 1500 users' events are the same in the larger world (the session ids too).
    let n = 0
    while (n < e.length && e.user[n] < 1500) n++
    expect(Array.from(bigger.events.time.subarray(0, n))).toEqual(Array.from(e.time.subarray(0, n)))
  })
})
