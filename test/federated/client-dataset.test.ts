import { describe, expect, it } from "vitest"
import { generateWorld, simulateEvents } from "../../src/world"
import { clickFeatures, filterClickRows } from "../../src/federated/click-features"
import { poolClients, splitByClient } from "../../src/federated/client-dataset"

const world = generateWorld({ users: 400, items: 200, seed: 5, days: 14 })
const all = clickFeatures(world, simulateEvents(world).events)
const train = filterClickRows(all, (r) => all.day[r] < 10)

describe("splitByClient / poolClients", () => {
  it("partitions the rows and pools them back", () => {
    const clients = splitByClient(train, train.region)
    expect(clients.length).toBe(5)
    expect(clients.reduce((s, c) => s + c.n, 0)).toBe(train.n)
    const pooled = poolClients(clients)
    expect(pooled.y.reduce((s, y) => s + y, 0)).toBe(train.y.reduce((s, y) => s + y, 0))
    expect(() => splitByClient(train, [1])).toThrow(/key has 1 entries/)
  })
})

describe("clickFeatures", () => {
  it("labels a view 1 exactly when the next event clicks the same slot", () => {
    const events = simulateEvents(world).events
    let views = 0
    let clicks = 0
    for (let e = 0; e < events.length; e++) {
      if (events.type[e] === 0) views++
      if (events.type[e] === 1) clicks++
    }
    expect(all.n).toBe(views)
    expect(all.y.reduce((s, y) => s + y, 0)).toBe(clicks)
    expect(all.featureNames.length).toBe(all.d)
  })
})
