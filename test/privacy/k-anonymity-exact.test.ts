import { describe, expect, it } from "vitest"
import { kAnonymize, type QuasiIdentifier } from "../../src/privacy/k-anonymity"

// Exact outputs of kAnonymize on small tables worked by hand: the released codes, the NCP of a release
// with suppressed rows, the tie-break between nodes of equal NCP, and the degenerate attributes whose
// NCP would be 0/0. (k-anonymity.test.ts checks optimality against a brute force on random data.)

// Ten people: age, and a city code 0–3 with cities 0, 1 in province 0 and 2, 3 in province 1.
const age: QuasiIdentifier = {
  name: "age",
  kind: "numeric",
  values: [23, 25, 27, 31, 33, 38, 41, 44, 45, 47],
  widths: [10, 20, Infinity],
}
const city: QuasiIdentifier = {
  name: "city",
  kind: "categorical",
  values: [0, 1, 0, 2, 3, 2, 0, 1, 2, 3],
  hierarchy: [
    [0, 0, 1, 1],
    [0, 0],
  ],
}

describe("kAnonymize, exactly", () => {
  it("releases ⌊age/10⌋ and the province of every row at node (1, 1)", () => {
    const r = kAnonymize([age, city], { k: 2 })
    expect(Array.from(r.generalized)).toEqual([2, 0, 2, 0, 2, 0, 3, 1, 3, 1, 3, 1, 4, 0, 4, 0, 4, 1, 4, 1])
  })

  it("charges a suppressed row the whole domain: NCP of (1, 1) with the four people in their 40s withheld", () => {
    const r = kAnonymize([age, city], { k: 3, maxSuppressed: 4 })
    expect(r.levels).toEqual([1, 1])
    // released: ages [20,30) span 4/24, [30,40) span 7/24, provinces 1/3 each; suppressed: 1 per QI
    expect(r.ncp).toBeCloseTo((3 * (4 / 24) + 3 * (7 / 24) + 6 / 3 + 4 * 2) / 20, 14)
    expect(Array.from(r.classSize)).toEqual([3, 3, 3, 3, 3, 3, 0, 0, 0, 0])
    expect(Array.from(r.generalized.subarray(0, 2))).toEqual([2, 0])
    expect(Array.from(r.generalized.subarray(12), Number.isNaN)).toEqual(new Array(8).fill(true))
    // a released class counts |E|² (3² twice), a suppressed row n = 10
    expect(r.discernibility).toBe(9 + 9 + 4 * 10)
  })

  it("does not release the first feasible node when a higher one has less NCP", () => {
    // with ten suppressions allowed (0, 0) is feasible by withholding everyone, NCP 1; (1, 1) costs less
    const r = kAnonymize([age, city], { k: 2, maxSuppressed: 10 })
    expect(r.levels).toEqual([1, 1])
    expect(r.feasible).toBe(12)
  })

  it("counts a categorical code's distinct leaves, not the span of their codes", () => {
    // codes 0 and 2 share parent 0, code 1 is alone: (2 − 1)/(3 − 1) = ½ for the four rows under 0, 0 for the others
    const q: QuasiIdentifier = { name: "q", kind: "categorical", values: [0, 1, 2, 0, 2, 1], hierarchy: [[0, 1, 0]] }
    expect(kAnonymize([q], { k: 1, levels: [1] }).ncp).toBeCloseTo((4 * 0.5) / 6, 15)
    expect(kAnonymize([q], { k: 1, levels: [0] }).ncp).toBe(0)
  })

  it("of nodes with equal NCP releases the lowest, then the first in lexicographic order", () => {
    // level 1 of each attribute maps every code to itself: every node has NCP 0 at k = 1
    const same = (name: string): QuasiIdentifier => ({
      name,
      kind: "categorical",
      values: [0, 1, 2, 0],
      hierarchy: [[0, 1, 2]],
    })
    const r = kAnonymize([same("a"), same("b")], { k: 1 })
    expect(r.levels).toEqual([0, 0])
    expect(r.feasible).toBe(4)
    expect(r.ncp).toBe(0)
    // rows (a, b) = (0, 0), (1, 0), (0, 1), (1, 1) at k = 2: merging a (a's level 1) or b (b's level 2; its level 1 is
    // the identity) makes two pairs, each at NCP 4·1/8 = ½. Of the ties (1, 0), (0, 2) and (1, 1) the lowest is
    // released, although the lattice's lexicographic walk meets (0, 2) before (1, 0).
    const a: QuasiIdentifier = { name: "a", kind: "categorical", values: [0, 1, 0, 1], hierarchy: [[0, 0]] }
    const b: QuasiIdentifier = {
      name: "b",
      kind: "categorical",
      values: [0, 0, 1, 1],
      hierarchy: [
        [0, 1],
        [0, 0],
      ],
    }
    const t = kAnonymize([a, b], { k: 2 })
    expect(t.levels).toEqual([1, 0])
    expect(t.ncp).toBe(0.5)
    expect(t.feasible).toBe(4)
  })

  it("gives a constant attribute NCP 0 rather than 0/0, numeric or categorical", () => {
    const flat: QuasiIdentifier = { name: "flat", kind: "numeric", values: [5, 5, 5], widths: [10] }
    const one: QuasiIdentifier = { name: "one", kind: "categorical", values: [2, 2, 2], hierarchy: [[0, 0, 0]] }
    const r = kAnonymize([flat, one], { k: 3 })
    expect(r.levels).toEqual([0, 0])
    expect(r.ncp).toBe(0)
    expect(r.discernibility).toBe(9)
    expect(kAnonymize([flat, one], { k: 3, levels: [1, 1] }).ncp).toBe(0)
  })

  it("releases one bin '*' (code 0) at an infinite width, negative values included", () => {
    const x: QuasiIdentifier = { name: "x", kind: "numeric", values: [-5, -3, 2, 4], widths: [Infinity] }
    const r = kAnonymize([x], { k: 4 })
    expect(r.levels).toEqual([1])
    expect(Array.from(r.generalized)).toEqual([0, 0, 0, 0])
    expect(r.ncp).toBe(1)
    // a finite width floors negative values down: ⌊−5/4⌋ = −2, ⌊−3/4⌋ = −1
    const binned = kAnonymize([{ ...x, widths: [4, Infinity] }], { k: 1, levels: [1] })
    expect(Array.from(binned.generalized)).toEqual([-2, -1, 0, 1])
  })

  it("names bad input", () => {
    expect(() => kAnonymize([{ ...age, values: [1, Number.NaN] }], { k: 1 })).toThrow(
      "kAnonymize: age of row 1 is NaN; values must be finite numbers",
    )
    expect(() => kAnonymize([age], { k: 11 })).toThrow("kAnonymize: k must be an integer in [1, 10], got 11")
    expect(kAnonymize([age, city], { k: 1, levels: [0, 0] }).levels).toEqual([0, 0])
    expect(() => kAnonymize([], { k: 1 })).toThrow("kAnonymize: give at least one quasi-identifier")
    expect(() => kAnonymize([age, { ...city, values: [0, 1] }], { k: 1 })).toThrow(
      "kAnonymize: city has 2 values, age has 10",
    )
    expect(() => kAnonymize([{ ...city, values: [0, -1] }], { k: 1 })).toThrow(
      "kAnonymize: city of row 1 is -1; codes must be integers >= 0",
    )
    expect(() => kAnonymize([{ ...city, values: [0.5] }], { k: 1 })).toThrow("city of row 0 is 0.5; codes must be")
    expect(() => kAnonymize([{ ...age, widths: [10, 10] }], { k: 1 })).toThrow(
      "kAnonymize: age widths[1] must be > 0 and above the previous width, got 10",
    )
    expect(() => kAnonymize([{ ...age, widths: [0] }], { k: 1 })).toThrow("age widths[0] must be > 0")
    expect(() => kAnonymize([{ ...city, hierarchy: [[0, 0, 1, 1], [0]] }], { k: 1 })).toThrow(
      "kAnonymize: city hierarchy[1] has no parent code for 1 (got undefined)",
    )
    expect(() => kAnonymize([{ ...city, hierarchy: [[0, 0, 1, -1]] }], { k: 1 })).toThrow(
      "city hierarchy[0] has no parent code for 3 (got -1)",
    )
    expect(() => kAnonymize([age], { k: 0 })).toThrow("kAnonymize: k must be an integer in [1, 10], got 0")
    expect(() => kAnonymize([age], { k: 1.5 })).toThrow("k must be an integer in [1, 10], got 1.5")
    expect(kAnonymize([age], { k: 10 }).levels).toEqual([3])
    expect(() => kAnonymize([age], { k: 1, maxSuppressed: -1 })).toThrow(
      "kAnonymize: maxSuppressed must be an integer >= 0, got -1",
    )
    expect(() => kAnonymize([age], { k: 1, maxSuppressed: 0.5 })).toThrow("maxSuppressed must be an integer >= 0")
    expect(() => kAnonymize([age, city], { k: 1, levels: [0] })).toThrow(
      "kAnonymize: levels must give 2 levels, level j in [0, 3], [0, 2], got [0]",
    )
    expect(() => kAnonymize([age, city], { k: 1, levels: [0, -1] })).toThrow("got [0, -1]")
    expect(() => kAnonymize([age, city], { k: 1, levels: [0.5, 0] })).toThrow("got [0.5, 0]")
    expect(() => kAnonymize([age, city], { k: 1, levels: [3, 3] })).toThrow("got [3, 3]")
    expect(kAnonymize([age, city], { k: 1, levels: [3, 2] }).levels).toEqual([3, 2])
    expect(() => kAnonymize([age], { k: 4, maxSuppressed: 1, levels: [1] })).toThrow(
      "kAnonymize: no generalisation makes every class at least 4 rows with at most 1 suppressed; allow more suppression or add a coarser level",
    )
  })
})
