import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { AliasScratch, AliasTable, fillAliasTable } from "../../src/random/categorical"

// Vose's construction written into shared tables at an offset, its argument checks, and the rounding
// leftover it must close: worked by hand (exact-values.test.ts covers the draws of whole tables).

/** A generator that returns the given uniforms in order. */
function uniforms(...values: number[]): Rng {
  let i = 0
  return {
    next: () => {
      if (i >= values.length) throw new Error("uniforms: ran out of values")
      return values[i++]
    },
    nextUint32: () => {
      throw new Error("uniforms: nextUint32 is not used")
    },
  }
}

describe("fillAliasTable", () => {
  it("writes (1, 2, 7)'s table, prob (0.3, 0.6, 1) and aliases (2, 2, 2), at the offset and nowhere else", () => {
    const prob = new Float64Array(7).fill(-1)
    const alias = new Int32Array(7).fill(-1)
    fillAliasTable([1, 2, 7], prob, alias, 3, new AliasScratch(4))
    expect(Array.from(prob)).toEqual([-1, -1, -1, 0.3, 0.6, 1, -1])
    expect(Array.from(alias)).toEqual([-1, -1, -1, 2, 2, 2, -1])
    fillAliasTable([1, 1], prob, alias, 5, new AliasScratch(2))
    expect(Array.from(prob.subarray(5))).toEqual([1, 1])
    expect(Array.from(alias.subarray(5))).toEqual([0, 1])
  })

  it("keeps a column that rounding leaves just below 1 after the large ones ran out: (0.1, 0.1, 0.6)", () => {
    // scaled (0.375, 0.375, 2.25): column 2 gives 0.625 to each small one and ends at 1 − 2⁻⁵³·k, still 'small'
    const table = new AliasTable([0.1, 0.1, 0.6])
    expect(table.sample(uniforms(0.9))).toBe(2)
    const counts = [0, 0, 0]
    for (let j = 0; j < 800; j++) counts[table.sample(uniforms((j + 0.5) / 800))]++
    expect(counts).toEqual([100, 100, 600])
  })

  it("names scratch and tables that are too small, and a bad offset", () => {
    const prob = new Float64Array(4)
    const alias = new Int32Array(4)
    expect(() => fillAliasTable([1, 2, 3], prob, alias, 0, new AliasScratch(2))).toThrow(
      "fillAliasTable: scratch holds 2 categories, weights have 3",
    )
    expect(() => fillAliasTable([1, 2, 3], prob, alias, 2, new AliasScratch(3))).toThrow(
      "fillAliasTable: offset 2 + 3 categories does not fit tables of length 4",
    )
    expect(() => fillAliasTable([1, 2, 3], prob, new Int32Array(3), 1, new AliasScratch(3))).toThrow(
      "fillAliasTable: offset 1 + 3 categories does not fit tables of length 4",
    )
    expect(() => fillAliasTable([1, 2], prob, alias, -1, new AliasScratch(3))).toThrow("offset -1 + 2 categories")
    expect(() => fillAliasTable([1, 2], prob, alias, 0.5, new AliasScratch(3))).toThrow("offset 0.5 + 2 categories")
    expect(() => fillAliasTable([1, 2, 3], prob, alias, 1, new AliasScratch(3))).not.toThrow()
    expect(() => fillAliasTable([1, Number.NaN], prob, alias, 0, new AliasScratch(3))).toThrow(
      "AliasTable: weights[1] must be finite and >= 0, got NaN",
    )
    expect(new AliasScratch(5).small.length).toBe(5)
    expect(new AliasScratch(5).large.length).toBe(5)
    expect(new AliasScratch(5).scaled.length).toBe(5)
  })
})
