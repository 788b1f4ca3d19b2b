import { describe, expect, it } from "vitest"
import { aggregateGroup, groupPick, groupSatisfaction } from "../../src/recommenders/group-aggregation"

// Three members × three items (Masthoff's style of example): rows are members' ratings.
const prefs = Float64Array.of(5, 1, 3, 4, 4, 2, 1, 5, 3)
const group = [0, 1, 2]

describe("group aggregation strategies (Masthoff 2011), hand computations", () => {
  it("average, least misery, most pleasure", () => {
    const avg = aggregateGroup(prefs, 3, group, "average")
    expect(avg[0]).toBeCloseTo(10 / 3, 15)
    expect(avg[1]).toBeCloseTo(10 / 3, 15)
    expect(avg[2]).toBeCloseTo(8 / 3, 15)
    expect(Array.from(aggregateGroup(prefs, 3, group, "least-misery"))).toEqual([1, 1, 2])
    expect(Array.from(aggregateGroup(prefs, 3, group, "most-pleasure"))).toEqual([5, 5, 3])
  })

  it("picks: average item 0 (tie to the smaller), least misery item 2, most pleasure item 0", () => {
    expect(groupPick(prefs, 3, group, "average")).toBe(0)
    expect(groupPick(prefs, 3, group, "least-misery")).toBe(2)
    expect(groupPick(prefs, 3, group, "most-pleasure")).toBe(0)
  })

  it("satisfaction on true utilities: least misery keeps the least happy member at 2, average at 1", () => {
    expect(groupSatisfaction(prefs, prefs, 3, [group], "least-misery")).toEqual({ mean: 8 / 3, min: 2 })
    const avg = groupSatisfaction(prefs, prefs, 3, [group], "average")
    expect(avg.mean).toBeCloseTo(10 / 3, 15)
    expect(avg.min).toBe(1)
    // Judged on other utilities than predicted: the pick comes from `predicted`, the score from `truth`.
    const truth = Float64Array.of(0, 1, 0, 0, 1, 0, 0, 1, 0)
    expect(groupSatisfaction(prefs, truth, 3, [group, [1]], "average")).toEqual({ mean: 0, min: 0 })
  })

  it("refuses an empty group and an unknown strategy", () => {
    expect(() => aggregateGroup(prefs, 3, [], "average")).toThrow("the group has no members")
    expect(() => aggregateGroup(prefs, 3, group, "median" as "average")).toThrow(
      "strategy must be one of average, least-misery, most-pleasure, got median",
    )
  })
})
