import { describe, expect, it } from "vitest"
import { kAnonymize, type QuasiIdentifier } from "../../src/privacy/k-anonymity"
import { createRng } from "../../src/random/rng"

/** Independent check: the sizes of the classes of a level vector, by string keys of the generalised values. */
function classSizes(qis: QuasiIdentifier[], levels: number[]): number[] {
  const n = qis[0].values.length
  const key = (r: number) =>
    qis
      .map((q, j) => {
        const l = levels[j]
        if (q.kind === "numeric")
          return l === 0
            ? String(q.values[r])
            : q.widths[l - 1] === Infinity
              ? "*"
              : `[${Math.floor(q.values[r] / q.widths[l - 1]) * q.widths[l - 1]})`
        let c = q.values[r]
        for (let h = 0; h < l; h++) c = q.hierarchy[h][c]
        return `c${c}`
      })
      .join(",")
  const counts = new Map<string, number>()
  for (let r = 0; r < n; r++) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1)
  return Array.from({ length: n }, (_, r) => counts.get(key(r))!)
}

describe("kAnonymize (full-domain generalisation)", () => {
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

  it("k = 2 by hand: ages by decade and cities kept fails, ages by decade and provinces works", () => {
    const r = kAnonymize([age, city], { k: 2 })
    // height 1: (1, 0) gives a class {31, city 3} of one; (0, 1) keeps exact ages (all distinct). Height 2: (2, 0) has
    // 20-year bins × cities with singletons; (1, 1): [20,30)×p0 = 3, [30,40)×p1 = 3, [40,50)×p0 = 2, [40,50)×p1 = 2 → 2-anonymous.
    expect(r.levels).toEqual([1, 1])
    expect(Array.from(r.classSize)).toEqual([3, 3, 3, 3, 3, 3, 2, 2, 2, 2])
    expect(r.discernibility).toBe(9 + 9 + 4 + 4)
    expect(Array.from(r.suppressed)).toEqual(new Array(10).fill(0))
  })

  it("the NCP of the chosen release by hand: age spans over the range 24, cities 1/3 of the way to '*'", () => {
    const r = kAnonymize([age, city], { k: 2 })
    // age bins: [20,30) spans 27 − 23 = 4, [30,40) 38 − 31 = 7, [40,50) 47 − 41 = 6; range 47 − 23 = 24
    const ageNcp = (3 * 4 + 3 * 7 + 4 * 6) / 24
    // a province covers 2 of the 4 cities: (2 − 1)/(4 − 1) for every row
    const cityNcp = (10 * 1) / 3
    expect(r.ncp).toBeCloseTo((ageNcp + cityNcp) / 20, 12)
  })

  it("suppression lets a lower node through: k = 3 needs height 3, or height 2 with the four people in their 40s withheld", () => {
    // (1, 2) = decades × "*": classes 3, 3, 4. With 4 suppressions (1, 1) works: its [40,50) classes have 2 rows each.
    expect(kAnonymize([age, city], { k: 3 }).levels).toEqual([1, 2])
    const r = kAnonymize([age, city], { k: 3, maxSuppressed: 4 })
    expect(r.levels).toEqual([1, 1])
    expect(Array.from(r.suppressed)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    expect(Number.isNaN(r.generalized[6 * 2])).toBe(true)
    expect(r.discernibility).toBe(9 + 9 + 4 * 10)
    expect(() => kAnonymize([age, city], { k: 3, maxSuppressed: 3 })).not.toThrow()
    expect(kAnonymize([age, city], { k: 3, maxSuppressed: 3 }).levels).toEqual([1, 2])
  })

  it("on random data the release is k-anonymous and no k-anonymous node of the lattice has a lower NCP (brute force)", () => {
    const rng = createRng(4)
    const n = 300
    const qis: QuasiIdentifier[] = [
      {
        name: "age",
        kind: "numeric",
        values: Array.from({ length: n }, () => 18 + Math.floor(rng.next() * 60)),
        widths: [5, 10, 20, Infinity],
      },
      {
        name: "region",
        kind: "categorical",
        values: Array.from({ length: n }, () => Math.floor(rng.next() * 8)),
        hierarchy: [
          [0, 0, 1, 1, 2, 2, 3, 3],
          [0, 0, 1, 1],
          [0, 0],
        ],
      },
      {
        name: "device",
        kind: "categorical",
        values: Array.from({ length: n }, () => Math.floor(rng.next() * 3)),
        hierarchy: [[0, 0, 0]],
      },
    ]
    for (const k of [2, 5, 10]) {
      const r = kAnonymize(qis, { k })
      expect(Math.min(...classSizes(qis, r.levels)), `k = ${k}`).toBeGreaterThanOrEqual(k)
      expect(Array.from(r.classSize)).toEqual(classSizes(qis, r.levels))
      let feasible = 0
      for (let a = 0; a < 5; a++)
        for (let b = 0; b < 4; b++)
          for (let c = 0; c < 2; c++) {
            if (Math.min(...classSizes(qis, [a, b, c])) < k) {
              expect(() => kAnonymize(qis, { k, levels: [a, b, c] })).toThrow("no generalisation makes every class")
              continue
            }
            feasible++
            expect(kAnonymize(qis, { k, levels: [a, b, c] }).ncp, `k = ${k}, node ${[a, b, c]}`).toBeGreaterThanOrEqual(
              r.ncp,
            )
          }
      expect(r.feasible).toBe(feasible)
    }
  })

  it("names bad input", () => {
    expect(() => kAnonymize([age, city], { k: 11 })).toThrow("kAnonymize: k must be an integer in [1, 10], got 11")
    expect(() => kAnonymize([{ ...age, widths: [10, 5] }], { k: 2 })).toThrow(
      "kAnonymize: age widths[1] must be > 0 and above the previous width, got 5",
    )
    expect(() => kAnonymize([{ ...city, hierarchy: [[0, 0, 1]] }], { k: 2 })).toThrow(
      "kAnonymize: city hierarchy[0] has no parent code for 3 (got undefined)",
    )
    expect(() => kAnonymize([{ ...age, values: [1, Number.NaN] }], { k: 1 })).toThrow(
      "kAnonymize: age of row 1 is NaN; values must be finite numbers",
    )
    expect(() => kAnonymize([age, city], { k: 2, levels: [4, 0] })).toThrow(
      "kAnonymize: levels must give 2 levels, level j in [0, 3], [0, 2], got [4, 0]",
    )
    expect(() => kAnonymize([{ ...city, hierarchy: [[0, 0, 0, 1]] }], { k: 10 })).toThrow(
      "kAnonymize: no generalisation makes every class at least 10 rows with at most 0 suppressed",
    )
  })
})
