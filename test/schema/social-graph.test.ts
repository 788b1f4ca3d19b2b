import { describe, expect, it } from "vitest"
import { areFriends, degrees, socialGraphFromTies } from "../../src/schema/social-graph"

describe("socialGraphFromTies", () => {
  it("stores each tie both ways, sorted, repeated ties merged (hand-built CSR)", () => {
    // Ties 2–0, 0–1, 1–2, 0–2 again: a triangle, plus isolated user 3.
    const g = socialGraphFromTies(4, Int32Array.of(2, 0, 1, 0), Int32Array.of(0, 1, 2, 2))
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 6, 6])
    expect(Array.from(g.neighbours)).toEqual([1, 2, 0, 2, 0, 1])
    expect(Array.from(degrees(g))).toEqual([2, 2, 2, 0])
    expect(areFriends(g, 0, 2)).toBe(true)
    expect(areFriends(g, 3, 0)).toBe(false)
  })

  it("refuses a self-loop and an id outside the users, naming the tie", () => {
    expect(() => socialGraphFromTies(3, Int32Array.of(1), Int32Array.of(1))).toThrow("tie 0 (1, 1) is a self-loop")
    expect(() => socialGraphFromTies(3, Int32Array.of(0, 0), Int32Array.of(1, 3))).toThrow(
      "tie 1 (0, 3) has an id outside [0, 2]",
    )
  })
})
