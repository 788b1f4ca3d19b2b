import { describe, expect, it } from "vitest"
import { transactionsFromEvents } from "../../src/behavior/transactions"
import { emptyEventLog } from "../../src/schema"

describe("transactionsFromEvents", () => {
  const l = emptyEventLog(5)
  const rows = [
    [0, 0, 0, 1],
    [0, 1, 0, 2],
    [0, 2, 0, 3],
    [1, 1, 1, 2],
    [1, 2, 1, 0],
  ] // user, item, session, type
  rows.forEach(([u, i, s, t], k) => {
    l.user[k] = u
    l.item[k] = i
    l.session[k] = s
    l.type[k] = t
  })
  l.length = 5
  it("collects distinct labels of engaged items per session or user", () => {
    expect(transactionsFromEvents(l, ["a", "b", "b"])).toEqual([["b"], ["b"]])
    expect(transactionsFromEvents(l, ["a", "b", "c"], { minType: 1 })).toEqual([["a", "b", "c"], ["b"]])
    expect(transactionsFromEvents(l, [0, 1, 2], { by: "user", minType: 3 })).toEqual([[2]])
  })
  it("rejects bad options and items", () => {
    expect(() => transactionsFromEvents(l, ["a"], { minType: 4 })).toThrow(/minType must be an integer in \[0, 3\]/)
    expect(() => transactionsFromEvents(l, ["a"], { minType: 0 })).toThrow(/event 1 has item 1/)
    expect(() => transactionsFromEvents(l, ["a"], { by: "day" as "user" })).toThrow(/by must be/)
  })
})
