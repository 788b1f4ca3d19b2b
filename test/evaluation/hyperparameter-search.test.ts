import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { crossValidate, kFold } from "../../src/evaluation/k-fold"
import { gridSearch, parameterGrid, randomSearch, sampleParameters } from "../../src/evaluation/hyperparameter-search"
import { choleskySolveInPlace } from "../../src/linalg/cholesky"
import { createRng } from "../../src/random/rng"

// test/evaluation/reference/model_selection_reference.py (scikit-learn 1.2.1 on Debian) wrote this fixture.
const reference = JSON.parse(readFileSync(join(__dirname, "fixtures/model-selection-reference.json"), "utf8")) as {
  X: number[][]
  y: number[]
  folds: Record<string, number[][]>
  grid: Record<string, number | string>[]
  ridge: { alphas: number[]; meanScores: number[]; foldScores: number[][]; bestAlpha: number }
}

/** Ridge without intercept, w = (XᵀX + αI)⁻¹ Xᵀy on the training rows; returns −MSE on the test rows (scikit-learn's neg_mean_squared_error). */
function ridgeScore(alpha: number, train: Int32Array, test: Int32Array): number {
  const d = reference.X[0].length
  const a = new Float64Array(d * d)
  const b = new Float64Array(d)
  for (const r of train) {
    const x = reference.X[r]
    for (let i = 0; i < d; i++) {
      b[i] += x[i] * reference.y[r]
      for (let j = 0; j < d; j++) a[i * d + j] += x[i] * x[j]
    }
  }
  for (let i = 0; i < d; i++) a[i * d + i] += alpha
  const w = choleskySolveInPlace(a, b, d)
  let sse = 0
  for (const r of test) sse += (reference.X[r].reduce((s, v, j) => s + v * w[j], 0) - reference.y[r]) ** 2
  return -sse / test.length
}

describe("kFold", () => {
  it("without shuffling equals scikit-learn's KFold, the first n mod k folds one larger", () => {
    for (const [key, tests] of Object.entries(reference.folds)) {
      const [n, k] = key.split("-").map(Number)
      const folds = kFold(n, k)
      expect(
        folds.map((f) => Array.from(f.test)),
        key,
      ).toEqual(tests)
      for (const f of folds) expect(f.train.length + f.test.length).toBe(n)
    }
  })

  it("shuffled: every row is tested exactly once, train and test are disjoint, and the same seed gives the same folds", () => {
    const folds = kFold(23, 4, createRng(5))
    const seen = new Int32Array(23)
    for (const f of folds) {
      for (const r of f.test) seen[r]++
      const test = new Set(f.test)
      expect(Array.from(f.train).some((r) => test.has(r))).toBe(false)
      expect(Array.from(f.test)).toEqual(Array.from(f.test).sort((a, b) => a - b))
    }
    expect(Array.from(seen)).toEqual(new Array(23).fill(1))
    expect(folds.map((f) => f.test.length)).toEqual([6, 6, 6, 5])
    expect(kFold(23, 4, createRng(5))).toEqual(folds)
    expect(kFold(23, 4, createRng(6))).not.toEqual(folds)
  })

  it("names bad arguments", () => {
    expect(() => kFold(5, 6)).toThrow("kFold: k must be an integer in [2, 5], got 6")
    expect(() => kFold(1, 2)).toThrow("kFold: n must be an integer >= 2, got 1")
    expect(() => crossValidate(kFold(4, 2), () => Number.NaN)).toThrow(
      "crossValidate: fold 0 scored NaN; scores must be finite numbers",
    )
  })
})

describe("gridSearch and randomSearch", () => {
  it("parameterGrid enumerates in scikit-learn's ParameterGrid order", () => {
    expect(parameterGrid({ lr: [0.1, 0.01], epochs: [5, 10], activation: ["relu", "tanh"] })).toEqual(reference.grid)
    expect(() => parameterGrid({ lr: [] })).toThrow("parameterGrid: lr must be a non-empty array of values")
  })

  it("grid search over ridge's α reproduces GridSearchCV's fold scores, means and best α", () => {
    const result = gridSearch({ alpha: reference.ridge.alphas }, kFold(reference.y.length, 5), (p, train, test) =>
      ridgeScore(p.alpha as number, train, test),
    )
    result.trials.forEach((t, i) => {
      expect(t.params.alpha).toBe(reference.ridge.alphas[i])
      expect(Math.abs(t.mean - reference.ridge.meanScores[i])).toBeLessThan(1e-9)
      for (let f = 0; f < 5; f++) expect(Math.abs(t.scores[f] - reference.ridge.foldScores[f][i])).toBeLessThan(1e-9)
    })
    expect(result.best.alpha).toBe(reference.ridge.bestAlpha)
    // as a loss (lower is better) the worst α wins
    const asLoss = gridSearch(
      { alpha: reference.ridge.alphas },
      kFold(reference.y.length, 5),
      (p, train, test) => ridgeScore(p.alpha as number, train, test),
      { greaterIsBetter: false },
    )
    expect(asLoss.best.alpha).toBe(1000)
  })

  it("random search draws within each distribution, is seeded, and finds an α as good as the grid's within 1%", () => {
    const space = {
      alpha: { type: "log-uniform", low: 1e-3, high: 1e3 },
      k: { type: "integer", low: 2, high: 4 },
      u: { type: "uniform", low: -1, high: 1 },
      kind: { type: "choice", values: ["a", "b"] },
    } as const
    const draws = sampleParameters(space, 4000, createRng(9))
    const logs = draws.map((p) => Math.log10(p.alpha as number))
    expect(Math.min(...logs)).toBeGreaterThanOrEqual(-3)
    expect(Math.max(...logs)).toBeLessThan(3)
    // log-uniform: a quarter of the draws in each quarter of [−3, 3) (SE of a share ≈ 0.007)
    expect(Math.abs(logs.filter((v) => v < -1.5).length / 4000 - 0.25)).toBeLessThan(0.03)
    expect(new Set(draws.map((p) => p.k))).toEqual(new Set([2, 3, 4]))
    expect(new Set(draws.map((p) => p.kind))).toEqual(new Set(["a", "b"]))
    expect(draws.every((p) => (p.u as number) >= -1 && (p.u as number) < 1)).toBe(true)
    expect(sampleParameters(space, 5, createRng(9))).toEqual(draws.slice(0, 5))

    const folds = kFold(reference.y.length, 5)
    const random = randomSearch(
      { alpha: { type: "log-uniform", low: 1e-3, high: 1e3 } },
      30,
      folds,
      (p, train, test) => ridgeScore(p.alpha as number, train, test),
      createRng(3),
    )
    expect(random.trials.length).toBe(30)
    expect(random.bestScore).toBe(Math.max(...random.trials.map((t) => t.mean)))
    expect(random.bestScore).toBeGreaterThan(Math.max(...reference.ridge.meanScores) * 1.01)
  })

  it("names bad distributions", () => {
    expect(() => sampleParameters({ a: { type: "log-uniform", low: 0, high: 1 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a is log-uniform and needs low > 0, got 0",
    )
    expect(() => sampleParameters({ a: { type: "uniform", low: 2, high: 1 } }, 1, createRng(1))).toThrow(
      "sampleParameters: a needs finite low <= high, got low=2, high=1",
    )
    expect(() => sampleParameters({ a: { type: "integer", low: 0.5, high: 2 } }, 1, createRng(1))).toThrow(
      "needs integer bounds",
    )
    expect(() => sampleParameters({ a: { type: "choice", values: [] } }, 1, createRng(1))).toThrow(
      "sampleParameters: a needs at least one value to choose from",
    )
  })
})
