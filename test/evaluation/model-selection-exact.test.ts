import { describe, expect, it } from "vitest"
import { gridSearch, parameterGrid, randomSearch, sampleParameters } from "../../src/evaluation/hyperparameter-search"
import { crossValidate, kFold } from "../../src/evaluation/k-fold"
import { createRng, type Rng } from "../../src/random/rng"

/** An Rng that returns the given uniforms in turn. */
function fixedRng(...values: number[]): Rng {
  let i = 0
  return { next: () => values[i++], nextUint32: () => 0 }
}

const tests = (n: number, k: number, rng?: Rng) => kFold(n, k, rng).map((f) => Array.from(f.test))
const trains = (n: number, k: number) => kFold(n, k).map((f) => Array.from(f.train))

describe("kFold by hand", () => {
  it("cuts consecutive folds, the first n mod k one row larger, each training set the rest in order", () => {
    expect(tests(7, 3)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(trains(7, 3)).toEqual([
      [3, 4, 5, 6],
      [0, 1, 2, 5, 6],
      [0, 1, 2, 3, 4],
    ])
    expect(tests(6, 3)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ])
    // the smallest case and k = n (leave-one-out)
    expect(tests(2, 2)).toEqual([[0], [1]])
    expect(trains(2, 2)).toEqual([[1], [0]])
    expect(tests(4, 4)).toEqual([[0], [1], [2], [3]])
  })

  it("shuffles the rows with the given generator before cutting, and sorts each fold", () => {
    // Fisher–Yates from the end: u = 0 swaps row i with row 0 at each step
    const folds = kFold(4, 2, fixedRng(0, 0, 0))
    const order = [0, 1, 2, 3]
    const rng = fixedRng(0, 0, 0)
    for (let i = 3; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    expect(folds.map((f) => Array.from(f.test))).toEqual([order.slice(0, 2).sort(), order.slice(2).sort()])
    expect(folds.map((f) => Array.from(f.test))).not.toEqual([
      [0, 1],
      [2, 3],
    ])
    // fold tests are sorted in increasing order even when the shuffle puts 10 before 9 (not by their digits)
    for (const f of kFold(12, 2, createRng(3))) {
      const t = Array.from(f.test)
      expect(t).toEqual([...t].sort((a, b) => a - b))
    }
  })

  it("names n and k out of range", () => {
    expect(() => kFold(2.5, 2)).toThrow("kFold: n must be an integer >= 2, got 2.5")
    expect(() => kFold(10, 1)).toThrow("kFold: k must be an integer in [2, 10], got 1")
    expect(() => kFold(10, 2.5)).toThrow("kFold: k must be an integer in [2, 10], got 2.5")
    expect(() => kFold(10, 11)).toThrow("kFold: k must be an integer in [2, 10], got 11")
    expect(() => kFold(10, 10)).not.toThrow()
    expect(() => kFold(2, 2)).not.toThrow()
  })
})

describe("crossValidate by hand", () => {
  it("passes each fold's rows and index, and returns the scores, their mean and sample sd", () => {
    const calls: string[] = []
    const result = crossValidate(kFold(6, 3), (train, test, fold) => {
      calls.push(`${fold}:${Array.from(train).join(",")}|${Array.from(test).join(",")}`)
      return [1, 2, 6][fold]
    })
    expect(calls).toEqual(["0:2,3,4,5|0,1", "1:0,1,4,5|2,3", "2:0,1,2,3|4,5"])
    expect(Array.from(result.scores)).toEqual([1, 2, 6])
    expect(result.mean).toBe(3)
    // s² = ((1 − 3)² + (2 − 3)² + (6 − 3)²)/2 = 7
    expect(result.sd).toBeCloseTo(Math.sqrt(7), 15)
  })

  it("gives sd 0 for one fold, refuses no folds and non-finite scores", () => {
    const one = crossValidate([kFold(4, 2)[0]], () => 5)
    expect(one.mean).toBe(5)
    expect(one.sd).toBe(0)
    expect(() => crossValidate([], () => 1)).toThrow("crossValidate: folds must not be empty")
    expect(() => crossValidate(kFold(4, 2), (_tr, _te, f) => (f === 1 ? Number.POSITIVE_INFINITY : 1))).toThrow(
      "crossValidate: fold 1 scored Infinity; scores must be finite numbers",
    )
  })
})

describe("hyper-parameter searches by hand", () => {
  it("parameterGrid: names sorted, the last varying fastest; an empty grid is one empty setting", () => {
    expect(parameterGrid({ b: [1, 2], a: ["x", "y"] })).toEqual([
      { a: "x", b: 1 },
      { a: "x", b: 2 },
      { a: "y", b: 1 },
      { a: "y", b: 2 },
    ])
    expect(parameterGrid({})).toEqual([{}])
    expect(() => parameterGrid({ a: [1], b: "xy" as unknown as number[] })).toThrow(
      "parameterGrid: b must be a non-empty array of values",
    )
  })

  it("sampleParameters maps one uniform per parameter, names in sorted order", () => {
    const space = {
      u: { type: "uniform", low: -1, high: 3 },
      l: { type: "log-uniform", low: 0.01, high: 100 },
      i: { type: "integer", low: 2, high: 4 },
      c: { type: "choice", values: ["a", "b", "c", "d"] },
    } as const
    // sorted names c, i, l, u take the uniforms in that order
    const [p, q] = sampleParameters(space, 2, fixedRng(0.5, 0.99, 0.25, 0.75, 0.24, 1 / 3, 0.5, 0))
    expect(p.c).toBe("c")
    expect(p.i).toBe(4)
    expect(p.l).toBeCloseTo(0.1, 14)
    expect(p.u).toBe(2)
    expect(q.c).toBe("a")
    expect(q.i).toBe(3)
    expect(q.l).toBeCloseTo(1, 14)
    expect(q.u).toBe(-1)
    expect(Object.keys(p)).toEqual(["c", "i", "l", "u"])
    // a range of one value, and a choice of one
    const [r] = sampleParameters(
      { a: { type: "integer", low: 3, high: 3 }, b: { type: "uniform", low: 2, high: 2 } },
      1,
      fixedRng(0.9, 0.9),
    )
    expect(r).toEqual({ a: 3, b: 2 })
    expect(sampleParameters({ a: { type: "choice", values: [7] } }, 3, fixedRng(0, 0.5, 0.99))).toEqual([
      { a: 7 },
      { a: 7 },
      { a: 7 },
    ])
  })

  it("sampleParameters names a bad n and bad ranges", () => {
    const ok = { a: { type: "uniform", low: 0, high: 1 } } as const
    expect(() => sampleParameters(ok, 0, createRng(1))).toThrow("sampleParameters: n must be an integer >= 1, got 0")
    expect(() => sampleParameters(ok, 1.5, createRng(1))).toThrow(
      "sampleParameters: n must be an integer >= 1, got 1.5",
    )
    expect(sampleParameters(ok, 1, createRng(1))).toHaveLength(1)
    expect(() => sampleParameters({ a: { type: "uniform", low: Number.NaN, high: 1 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a needs finite low <= high, got low=NaN, high=1",
    )
    expect(() =>
      sampleParameters({ a: { type: "uniform", low: 0, high: Number.POSITIVE_INFINITY } }, 1, createRng(1)),
    ).toThrow("sampleParameters: a needs finite low <= high, got low=0, high=Infinity")
    expect(() => sampleParameters({ a: { type: "log-uniform", low: -1, high: 1 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a is log-uniform and needs low > 0, got -1",
    )
    expect(() => sampleParameters({ a: { type: "integer", low: 1, high: 2.5 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a is an integer range and needs integer bounds, got low=1, high=2.5",
    )
    expect(() => sampleParameters({ a: { type: "integer", low: 1.5, high: 2 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a is an integer range and needs integer bounds, got low=1.5, high=2",
    )
    // non-integer bounds are fine for the continuous types
    expect(() => sampleParameters({ a: { type: "log-uniform", low: 0.5, high: 2.5 } }, 1, createRng(1))).not.toThrow()
  })

  it("gridSearch keeps every trial and the first of equal best means, for gains and for losses", () => {
    const folds = kFold(4, 2)
    const score = { 1: [1, 3], 2: [4, 0], 3: [2, 2], 4: [0, 0] } as Record<number, number[]>
    const fitAndScore = (p: Record<string, unknown>, _train: Int32Array, test: Int32Array) =>
      score[p.a as number][test[0] === 0 ? 0 : 1]
    const gain = gridSearch({ a: [1, 2, 3, 4] }, folds, fitAndScore)
    expect(gain.trials.map((t) => [t.params.a, Array.from(t.scores), t.mean, t.sd])).toEqual([
      [1, [1, 3], 2, Math.SQRT2],
      [2, [4, 0], 2, 2 * Math.SQRT2],
      [3, [2, 2], 2, 0],
      [4, [0, 0], 0, 0],
    ])
    expect(Object.keys(gain.trials[0])).toEqual(["params", "scores", "mean", "sd"])
    expect([gain.best, gain.bestScore, gain.bestIndex]).toEqual([{ a: 1 }, 2, 0])
    const loss = gridSearch({ a: [1, 2, 3, 4] }, folds, fitAndScore, { greaterIsBetter: false })
    expect([loss.best, loss.bestScore, loss.bestIndex]).toEqual([{ a: 4 }, 0, 3])
    const explicitGain = gridSearch({ a: [4, 1] }, folds, fitAndScore, { greaterIsBetter: true })
    expect([explicitGain.best, explicitGain.bestIndex]).toEqual([{ a: 1 }, 1])
    // ties among losses keep the first too
    const tiedLoss = gridSearch({ a: [1, 2, 3] }, folds, fitAndScore, { greaterIsBetter: false })
    expect(tiedLoss.bestIndex).toBe(0)
  })

  it("randomSearch scores the settings sampleParameters draws with the same generator", () => {
    const space = { a: { type: "integer", low: 1, high: 4 } } as const
    const folds = kFold(4, 2)
    const result = randomSearch(space, 5, folds, (p, _train, test) => (p.a as number) * 10 + test[0], createRng(8))
    const drawn = sampleParameters(space, 5, createRng(8))
    expect(result.trials.map((t) => t.params)).toEqual(drawn)
    const means = drawn.map((p) => (p.a as number) * 10 + 1)
    expect(result.trials.map((t) => t.mean)).toEqual(means)
    expect(result.bestScore).toBe(Math.max(...means))
    expect(result.bestIndex).toBe(means.indexOf(Math.max(...means)))
    const asLoss = randomSearch(space, 5, folds, (p, _train, test) => (p.a as number) * 10 + test[0], createRng(8), {
      greaterIsBetter: false,
    })
    expect(asLoss.bestScore).toBe(Math.min(...means))
  })
})
