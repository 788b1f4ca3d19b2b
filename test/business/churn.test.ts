import { describe, expect, it } from "vitest"
import { auc } from "../../src/metrics/auc"
import { LogisticRegression } from "../../src/text/logistic-regression"
import { generateWorld, simulateEvents } from "../../src/world"
import { churnDataset } from "../../src/business/churn"

describe("churnDataset", () => {
  const world = generateWorld({ users: 1200, items: 300, seed: 2, days: 50 })
  const events = simulateEvents(world).events
  const data = churnDataset(events, 38, 12)
  const d = data.featureNames.length

  it("labels users without events after the cut-off as churned", () => {
    const active = new Set<number>()
    for (let e = 0; e < events.length; e++)
      if (events.time[e] >= 38 * 86400 && events.time[e] < 50 * 86400) active.add(events.user[e])
    data.users.forEach((u, r) => expect(data.y[r]).toBe(active.has(u) ? 0 : 1))
  })

  it("is predictable from activity decay: logistic regression AUC well above 0.5 on held-out users", () => {
    const rows = (keep: (r: number) => boolean) => {
      const idx = Array.from(data.users, (_, r) => r).filter(keep)
      const x = new Float64Array(idx.length * d)
      idx.forEach((r, k) => x.set(data.x.subarray(r * d, (r + 1) * d), k * d))
      return { m: { kind: "dense" as const, nRows: idx.length, nCols: d, data: x }, y: idx.map((r) => data.y[r]) }
    }
    const train = rows((r) => r % 4 !== 0)
    const test = rows((r) => r % 4 === 0)
    const lr = new LogisticRegression({ C: 1 }).fit(train.m, train.y)
    const p = lr.predictProba(test.m)
    const scores = test.y.map((_, k) => p.data[2 * k + 1])
    expect(auc(scores, test.y)).toBeGreaterThan(0.68)
  })

  it("refuses bad days", () => {
    expect(() => churnDataset(events, 0, 5)).toThrow(/cutoffDay must be > 0/)
    expect(() => churnDataset(events, 5, -1)).toThrow(/horizonDays must be > 0/)
  })
})
