import { describe, expect, it } from "vitest"
import { ChunkMerger } from "../../src/simulation/chunk-merger"
import { emptyAccumulator, type PolicyAccumulator } from "../../src/simulation/accumulator"
import { mergeAccumulator } from "../../src/simulation/result"
import { createRng } from "../../src/random/rng"

describe("ChunkMerger", () => {
  const T = 50
  const CHUNKS = 12
  // Sums of real numbers: added in another order they differ in the last bits.
  const chunk = (c: number): PolicyAccumulator[] => {
    const rng = createRng(3, c)
    return [0, 1].map(() => {
      const acc = emptyAccumulator(T)
      for (const key of ["reward", "reward2", "optimal", "regret", "regret2"] as const)
        for (let t = 0; t < T; t++) acc[key][t] = rng.next() * 1e3 + 1e-3 * rng.next()
      acc.finals = { meanReward: [c, c + 0.5] }
      return acc
    })
  }
  const inOrder = (): PolicyAccumulator[] => {
    const totals = [emptyAccumulator(T), emptyAccumulator(T)]
    for (let c = 0; c < CHUNKS; c++) chunk(c).forEach((a, p) => mergeAccumulator(totals[p], a))
    return totals
  }

  it("gives the sums of merging in chunk order, whatever order the chunks arrive in", () => {
    const expected = inOrder()
    const order = [3, 1, 0, 2, 7, 11, 4, 5, 10, 6, 9, 8]
    const released: [number, number][] = []
    const merger = new ChunkMerger([emptyAccumulator(T), emptyAccumulator(T)], CHUNKS, (accs, thread) =>
      released.push([accs[1].finals.meanReward[0], thread]),
    )
    for (const c of order) {
      expect(merger.complete).toBe(false)
      merger.add(c, chunk(c), c % 3)
    }
    expect(merger.complete).toBe(true)
    expect(merger.totals).toEqual(expected)
    expect(merger.totals[0].finals.meanReward).toEqual(Array.from({ length: CHUNKS }, (_, c) => [c, c + 0.5]).flat())
    // Released once merged, in chunk order, with the thread that played each.
    expect(released).toEqual(Array.from({ length: CHUNKS }, (_, c) => [c, c % 3]))
    // The arrival order really matters to floating-point sums (else this test could not fail).
    const arrival = [emptyAccumulator(T), emptyAccumulator(T)]
    for (const c of order) chunk(c).forEach((a, p) => mergeAccumulator(arrival[p], a))
    expect(arrival[0].regret).not.toEqual(expected[0].regret)
  })
})
