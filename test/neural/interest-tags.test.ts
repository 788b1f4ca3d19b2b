import { describe, expect, it } from "vitest"
import { categoryClickScores, interestTagExamples, type TagExamples } from "../../src/neural/interest-tag-dataset"
import { InterestTagModel } from "../../src/neural/interest-tag-model"
import { rankInterestTags, tagScores, trueInterestSets } from "../../src/neural/interest-tags"
import { emptyEventLog, type EventLog } from "../../src/schema/event-log"
import { generateWorld } from "../../src/world/world"
import { simulateEvents } from "../../src/world/simulate-events"

const log = () => undefined

function clicks(rows: [user: number, item: number][]): EventLog {
  const events = emptyEventLog(rows.length)
  rows.forEach(([u, i], e) => {
    events.user[e] = u
    events.item[e] = i
    events.type[e] = 1
  })
  events.length = rows.length
  return events
}

/** Two kinds of users: even rows click categories {0, 1} only, odd rows {2, 3}; labels say the same. */
function twoGroups(rows: number, window = 6, nCategories = 5): TagExamples {
  const inputs = new Int32Array(rows * window)
  const labels = new Float32Array(rows * nCategories)
  for (let r = 0; r < rows; r++) {
    const base = r % 2 === 0 ? 0 : 2
    for (let k = 0; k < window; k++) inputs[r * window + k] = base + ((r * 7 + k * 3) % 5 < 3 ? 0 : 1) + 1
    labels[r * nCategories + base] = 1
    labels[r * nCategories + base + 1] = 1
  }
  return { inputs, labels, user: new Int32Array(rows), rows, window, nCategories }
}

describe("interestTagExamples", () => {
  it("cuts each click history: input = the clicks before the cut, labels = the categories of the next `horizon` clicks", () => {
    const cats = Int32Array.from([2, 0, 1])
    const events = clicks([
      [7, 0],
      [7, 1],
      [3, 1],
      [7, 2],
      [7, 0],
      [7, 1],
    ]) // user 7: categories 2,0,1,2,0; user 3: 0
    const { train, latest } = interestTagExamples(events, cats, 3, { window: 2, horizon: 2 })
    expect(train.rows).toBe(4) // user 3 has one click: no cut, only a query row
    expect(Array.from(train.inputs)).toEqual([0, 3, 3, 1, 1, 2, 2, 3])
    // t=1: next {0,1}; t=2: {1,2}; t=3: {2,0}; t=4: {0}
    expect(Array.from(train.labels)).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0])
    expect(Array.from(latest.user)).toEqual([3, 7])
    expect(Array.from(latest.inputs)).toEqual([0, 1, 3, 1])
    expect(() => interestTagExamples(events, cats, 3, { horizon: 0 })).toThrow(
      /horizon must be a positive integer, got 0/,
    )
    expect(() => interestTagExamples(events, Int32Array.from([2, 0, 9]), 3)).toThrow(
      /user 7 clicked an item of category 9; allowed 0..2/,
    )
  })

  it("frequency baseline: click counts over the whole history, ties to the globally more clicked category", () => {
    const cats = Int32Array.from([2, 0, 1])
    const events = clicks([
      [7, 0],
      [7, 1],
      [3, 1],
      [7, 2],
      [7, 0],
      [7, 1],
    ])
    const s = categoryClickScores(events, cats, 3, [7, 3, 5])
    // global clicks: category 0 ×3, 1 ×1, 2 ×2 of 6
    expect(Array.from(s.subarray(0, 3)).map((v) => Number(v.toFixed(6)))).toEqual(
      [2.0005, 1 + 1e-3 / 6, 2 + 2e-3 / 6].map((v) => Number(v.toFixed(6))),
    )
    expect(
      rankInterestTags(
        s.subarray(6, 9),
        [
          { en: "a", zh: "甲" },
          { en: "b", zh: "乙" },
          { en: "c", zh: "丙" },
        ],
        2,
      ).map((t) => t.zh),
    ).toEqual(["甲", "丙"]) // user 5: no clicks
  })
})

describe("tagScores", () => {
  it("averages precision, recall and NDCG at k (hand-computed)", () => {
    // user 0 ranks 2, 0, 5, …; truth {0, 1, 2}: 2 hits → P@3 = R@3 = 2/3, NDCG@3 = (1 + 1/log2 3) / (1 + 1/log2 3 + 1/2).
    const s0 = [0.5, 0.1, 0.9, 0, 0, 0.3]
    // user 1 ranks 1, 0, 2 first: all 3 relevant.
    const s1 = [0.5, 0.9, 0.4, 0, 0, 0]
    const r = tagScores(
      [...s0, ...s1],
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
      6,
      3,
    )
    const ndcg0 = (1 + 1 / Math.log2(3)) / (1 + 1 / Math.log2(3) + 0.5)
    expect(r.precisionAtK).toBeCloseTo((2 / 3 + 1) / 2, 12)
    expect(r.recallAtK).toBeCloseTo((2 / 3 + 1) / 2, 12)
    expect(r.ndcgAtK).toBeCloseTo((ndcg0 + 1) / 2, 12)
    expect(() => tagScores([1, 2], [[0]], 3, 3)).toThrow(/scores has 2 values, expected 1 users × 3 categories/)
    expect(() =>
      rankInterestTags(
        [NaN, 1],
        [
          { en: "a", zh: "甲" },
          { en: "b", zh: "乙" },
        ],
        1,
      ),
    ).toThrow(/scores\[0\] is NaN/)
  })
})

describe("InterestTagModel", () => {
  it("learns which tags go with which behaviour, reproducibly (self-attention and GRU)", async () => {
    const train = twoGroups(120)
    const query = twoGroups(4)
    for (const encoder of ["attention", "gru"] as const) {
      const make = () =>
        new InterestTagModel({
          encoder,
          seed: 2,
          epochs: 8,
          units: 8,
          embedding: 4,
          learningRate: 0.03,
          batchSize: 16,
          log,
        }).fit(train)
      const a = await make()
      const s = a.predictScores(query)
      expect((await make()).predictScores(query)).toEqual(s)
      const cats = ["c0", "c1", "c2", "c3", "c4"].map((en) => ({ en, zh: en }))
      for (let r = 0; r < 4; r++) {
        const tags = rankInterestTags(s.subarray(r * 5, r * 5 + 5), cats, 2)
          .map((t) => t.category)
          .sort()
        expect(tags).toEqual(r % 2 === 0 ? [0, 1] : [2, 3])
      }
      expect(a.history_?.backend).toBe("wasm")
      a.dispose()
    }
  })

  it("generates tags on the synthetic world far better than chance, scored against the true interests", async () => {
    const world = generateWorld({ users: 200, items: 150, days: 20, sessionsPerDay: 0.6, seed: 4 })
    const events = simulateEvents(world).events
    const { train, latest } = interestTagExamples(events, world.catalog.category, world.nCategories, {
      window: 12,
      horizon: 8,
      stride: 2,
    })
    const truth = trueInterestSets(world, latest.user, 3, world.config.days - 1)
    const m = await new InterestTagModel({ encoder: "attention", seed: 1, epochs: 4, log }).fit(train)
    const model = tagScores(m.predictScores(latest), truth, world.nCategories, 3)
    const frequency = tagScores(
      categoryClickScores(events, world.catalog.category, world.nCategories, latest.user),
      truth,
      world.nCategories,
      3,
    )
    // Random tags: P@3 = 3/12 = 0.25 in expectation.
    expect(model.precisionAtK).toBeGreaterThan(0.4)
    expect(frequency.precisionAtK).toBeGreaterThan(0.5)
    expect(model.ndcgAtK).toBeGreaterThan(model.precisionAtK * 0.9)
    m.dispose()
  })

  it("validates options and inputs, naming them", async () => {
    expect(() => new InterestTagModel({ encoder: "cnn" as "gru", seed: 1 })).toThrow(
      /encoder must be lstm, gru or attention, got cnn/,
    )
    expect(() => new InterestTagModel({ encoder: "gru", seed: 1, units: 0 })).toThrow(
      /units must be a positive integer, got 0/,
    )
    const bad = twoGroups(4)
    bad.labels[3] = 0.5
    await expect(new InterestTagModel({ encoder: "gru", seed: 1, log }).fit(bad)).rejects.toThrow(
      /GRU tagger.fit train: label 0.5 at row 0, category 3; labels must be 0 or 1/,
    )
    expect(() => new InterestTagModel({ encoder: "gru", seed: 1 }).predictScores(twoGroups(2))).toThrow(
      /call fit first/,
    )
    const m = await new InterestTagModel({ encoder: "attention", seed: 1, epochs: 1, log }).fit(twoGroups(8))
    expect(() => m.predictScores(twoGroups(2, 7))).toThrow(/window 7 and 5 categories differ from fit \(6, 5\)/)
    m.dispose()
  })
})
