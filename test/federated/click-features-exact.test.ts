import { describe, expect, it } from "vitest"
import type { EventLog } from "../../src/schema/event-log"
import type { World } from "../../src/world/world"
import { clickFeatures, filterClickRows } from "../../src/federated/click-features"

// clickFeatures on a hand-made log over a three-item catalogue, every feature written out from its
// definition. Only the fields clickFeatures reads are given, hence the cast of the world.

const world = {
  nCategories: 2,
  nItems: 3,
  nUsers: 2,
  categories: [{ en: "A" }, { en: "B" }],
  catalog: {
    category: Int32Array.of(0, 1, 1),
    price: Float64Array.of(10, 20, 40),
    popularity: Float64Array.of(0.5, 0.3, 0.2),
    quality: Float64Array.of(0.1, 0.2, 0.3),
  },
} as unknown as World

// type 0 view, 1 click, 2 cart
const columns = {
  type: [0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 2],
  user: [0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1],
  item: [1, 1, 2, 2, 0, 1, 1, 2, 0, 2, 0, 0],
  session: [0, 0, 0, 0, 1, 2, 3, 1, 1, 1, 1, 1],
  position: [2, 2, 0, 1, 0, 1, 1, 3, 0, 0, 1, 1],
  hour: [6, 6, 12, 12, 0, 18, 18, 3, 9, 9, 21, 21],
  weekday: [5, 5, 2, 2, 6, 0, 0, 4, 1, 1, 3, 3],
  device: [1, 1, 0, 0, 2, 2, 2, 0, 1, 1, 0, 0],
  region: [3, 3, 3, 3, 1, 3, 3, 1, 1, 1, 1, 1],
  time: [129600, 129610, 130000, 130010, 200000, 300000, 300010, 400000, 500000, 500010, 600000, 600010],
}
const events: EventLog = {
  length: 12,
  type: Uint8Array.from(columns.type),
  user: Int32Array.from(columns.user),
  item: Int32Array.from(columns.item),
  session: Int32Array.from(columns.session),
  position: Uint8Array.from(columns.position),
  hour: Uint8Array.from(columns.hour),
  weekday: Uint8Array.from(columns.weekday),
  device: Uint8Array.from(columns.device),
  region: Uint8Array.from(columns.region),
  time: Int32Array.from(columns.time),
}

const meanLogPrice = [Math.log(10), (Math.log(20) + Math.log(40)) / 2]

/** The expected row of view event e, with the user's views of the item's category and of any category before it. */
function row(e: number, seenInCategory: number, seenTotal: number): number[] {
  const i = columns.item[e]
  const c = [0, 1, 1][i]
  const angle = (2 * Math.PI * columns.hour[e]) / 24
  return [
    Math.log1p(columns.position[e]),
    Math.log(3 * [0.5, 0.3, 0.2][i]),
    [0.1, 0.2, 0.3][i],
    Math.log([10, 20, 40][i]) - meanLogPrice[c],
    Math.log((seenInCategory + 1) / (seenTotal + 2)),
    c === 0 ? 1 : 0,
    c === 1 ? 1 : 0,
    columns.device[e] === 0 ? 1 : 0,
    columns.device[e] === 1 ? 1 : 0,
    columns.device[e] === 2 ? 1 : 0,
    Math.cos(angle),
    Math.sin(angle),
    columns.weekday[e] >= 5 ? 1 : 0,
  ]
}

describe("clickFeatures, exactly", () => {
  // built inside each test, not at collection: a mutation tester switches its mutant on only while a test runs
  // views: events 0, 2, 4, 5, 7, 8, 10. User 0 views items 1, 2, 1 (category 1); user 1 items 0, 2, 0, 0.
  const expected = [row(0, 0, 0), row(2, 1, 1), row(4, 0, 0), row(5, 2, 2), row(7, 0, 1), row(8, 1, 2), row(10, 2, 3)]

  it("names the 13 columns", () => {
    const data = clickFeatures(world, events)
    expect(data.featureNames).toEqual([
      "log1p_position",
      "log_popularity",
      "quality",
      "log_relative_price",
      "log_category_share",
      "category_A",
      "category_B",
      "device_mobile",
      "device_desktop",
      "device_tablet",
      "hour_cos",
      "hour_sin",
      "weekend",
    ])
    expect(data.d).toBe(13)
    expect(data.n).toBe(7)
  })

  it("writes every feature of every view from its definition", () => {
    const data = clickFeatures(world, events)
    expect(data.x.length).toBe(7 * 13)
    expected.forEach((want, r) =>
      want.forEach((v, j) => expect(data.x[r * 13 + j], `row ${r}, ${data.featureNames[j]}`).toBeCloseTo(v, 14)),
    )
  })

  it("labels a view 1 only when the next event clicks the same item in the same session and slot", () => {
    const data = clickFeatures(world, events)
    // event 0 → click of the same slot; 2 → click in another slot; 4 → a view follows; 5 → click in another
    // session; 7 → the next is a view; 8 → click of another item; 10 → a cart, not a click
    expect(Array.from(data.y)).toEqual([1, 0, 0, 0, 0, 0, 0])
  })

  it("keeps each row's user, region and day", () => {
    const data = clickFeatures(world, events)
    expect(Array.from(data.user)).toEqual([0, 0, 1, 0, 1, 1, 1])
    expect(Array.from(data.region)).toEqual([3, 3, 1, 3, 1, 1, 1])
    expect(Array.from(data.day)).toEqual([
      1.5,
      130000 / 86400,
      200000 / 86400,
      300000 / 86400,
      400000 / 86400,
      500000 / 86400,
      600000 / 86400,
    ])
  })

  it("labels the last event's view 0 when the log ends with it", () => {
    const short = clickFeatures(world, { ...events, length: 1 })
    expect(short.n).toBe(1)
    expect(Array.from(short.y)).toEqual([0])
  })

  it("filterClickRows keeps the chosen rows of every column, in order", () => {
    const data = clickFeatures(world, events)
    const kept = filterClickRows(data, (r) => r % 3 === 0)
    expect(kept.n).toBe(3)
    expect(kept.d).toBe(13)
    expect(Array.from(kept.x)).toEqual([
      ...data.x.subarray(0, 13),
      ...data.x.subarray(39, 52),
      ...data.x.subarray(78, 91),
    ])
    expect(Array.from(kept.y)).toEqual([1, 0, 0])
    expect(Array.from(kept.user)).toEqual([0, 0, 1])
    expect(Array.from(kept.region)).toEqual([3, 3, 1])
    expect(Array.from(kept.day)).toEqual([data.day[0], data.day[3], data.day[6]])
    expect(kept.featureNames).toBe(data.featureNames)
  })
})
