import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { SegmentEpsilonGreedy } from "../../src/bandits"
import { historyOf } from "./history-fixture"

/**
 * Two taste groups of 20 users over 6 arms: "focused" users (0..19) click only arm 0; "broad" users
 * (20..39) click arms 2..5 alike. Each user's history: every arm shown twice, the liked ones clicked.
 */
function twoGroups(): ReturnType<typeof historyOf> {
  const rows: [number, number, number][] = []
  for (let u = 0; u < 40; u++) {
    for (let a = 0; a < 6; a++) {
      const liked = u < 20 ? a === 0 : a >= 2
      rows.push([u, a, liked ? 1 : 0], [u, a, liked ? 1 : 0])
    }
  }
  return historyOf(41, 6, rows)
}

describe("SegmentEpsilonGreedy (learned segments)", () => {
  it("finds the two groups by k-means, orders them focused first and gives each its own ε", () => {
    const p = new SegmentEpsilonGreedy({ arms: 6, epsilons: [0.02, 0.3], users: 41 })
    p.warmStart(twoGroups(), createRng(1))
    for (let u = 0; u < 20; u++) expect(p.segment[u]).toBe(0)
    for (let u = 20; u < 40; u++) expect(p.segment[u]).toBe(1)
    // Focused user 3: Q = (2 + 5·m)/(2 + 5) is largest on arm 0; ε = 0.02 spread, the rest on arm 0.
    const focused = p.probabilities({ user: 3 })
    expect(focused[0]).toBeCloseTo(0.98 + 0.02 / 6, 12)
    expect(focused[1]).toBeCloseTo(0.02 / 6, 12)
    // Broad user 25: arms 2..5 tie at the top, so (1 − 0.3)/4 + 0.3/6 each.
    const broad = p.probabilities({ user: 25 })
    for (let a = 2; a < 6; a++) expect(broad[a]).toBeCloseTo(0.7 / 4 + 0.3 / 6, 12)
  })

  it("shrinks a user's estimate toward the segment mean with the segment's prior width (closed form)", () => {
    const p = new SegmentEpsilonGreedy({ arms: 6, epsilons: [0, 0], priorStrengths: [4, 4], users: 41 })
    p.warmStart(twoGroups(), createRng(1))
    // New user 40 (no history) joins the segment nearest to uniform shares: the broad one, whose
    // arms 2..5 have 40 clicks in 40 showings: m = 41/42, and with no own data Q = m for all four.
    expect(p.segment[40]).toBe(1)
    expect(Array.from(p.probabilities({ user: 40 }).subarray(2))).toEqual([0.25, 0.25, 0.25, 0.25])
    // One miss on arm 2: the pooled mean becomes 41/43 and Q_2 = (0 + 4·41/43)/(1 + 4) ≈ 0.76, below
    // the other three (41/42), which now share the greedy choice.
    p.update(2, 0, { user: 40 })
    const probs = p.probabilities({ user: 40 })
    expect(probs[2]).toBe(0)
    for (let a = 3; a < 6; a++) expect(probs[a]).toBeCloseTo(1 / 3, 12)
  })

  it("moves a user to the segment their new clicks resemble, and never reads context.segment", () => {
    const p = new SegmentEpsilonGreedy({ arms: 6, epsilons: [0.02, 0.3], users: 41 })
    p.warmStart(twoGroups(), createRng(1))
    expect(p.segment[40]).toBe(1)
    for (let i = 0; i < 10; i++) p.update(0, 1, { user: 40, segment: 1 } as { user: number })
    expect(p.segment[40]).toBe(0)
  })

  it("puts everyone in the broadest segment until a history is fitted", () => {
    const p = new SegmentEpsilonGreedy({ arms: 3, epsilons: [0.05, 0.4], users: 2 })
    const probs = p.probabilities({ user: 1 })
    expect(probs[0]).toBeCloseTo(0.4 / 3 + 0.6 / 3, 12)
    expect(() => new SegmentEpsilonGreedy({ arms: 3, epsilons: [0.1, 0.2], priorStrengths: [1] })).toThrow(
      /priorStrengths must have one entry per segment \(2\)/,
    )
  })
})
