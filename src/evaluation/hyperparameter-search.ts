import type { Rng } from "../random/rng"
import { crossValidate, type Fold } from "./k-fold"

/** A hyper-parameter value. */
export type ParameterValue = number | string | boolean

/** A parameter setting: name → value. */
export type ParameterSetting = Record<string, ParameterValue>

/** The candidate values of every parameter, for {@link gridSearch}. */
export type ParameterGrid = Record<string, readonly ParameterValue[]>

/** How {@link randomSearch} draws one parameter. */
export type ParameterDistribution =
  | { type: "uniform"; low: number; high: number }
  | { type: "log-uniform"; low: number; high: number }
  | { type: "integer"; low: number; high: number }
  | { type: "choice"; values: readonly ParameterValue[] }

/** One evaluated setting. */
export interface SearchTrial {
  params: ParameterSetting
  scores: Float64Array
  mean: number
  sd: number
}

/** Every trial in evaluation order, and the best (the first of equal means). */
export interface SearchResult {
  trials: SearchTrial[]
  best: ParameterSetting
  bestScore: number
  bestIndex: number
}

/** Options of the searches. */
export interface SearchOptions {
  /** True when a higher score is better (accuracy, AUC); false for losses; default true. */
  greaterIsBetter?: boolean
}

/**
 * Every combination of a grid, in scikit-learn's `ParameterGrid` order: names sorted, the last name
 * varying fastest.
 * @example parameterGrid({ l2: [0.1, 1], epochs: [5] }) // [{ epochs: 5, l2: 0.1 }, { epochs: 5, l2: 1 }]
 */
export function parameterGrid(grid: ParameterGrid): ParameterSetting[] {
  const names = Object.keys(grid).sort()
  for (const name of names) {
    if (!Array.isArray(grid[name]) || grid[name].length === 0)
      throw new Error(`parameterGrid: ${name} must be a non-empty array of values`)
  }
  let out: ParameterSetting[] = [{}]
  for (const name of names) out = out.flatMap((p) => grid[name].map((v) => ({ ...p, [name]: v })))
  return out
}

function checkDistribution(name: string, d: ParameterDistribution): void {
  if (d.type === "choice") {
    if (d.values.length === 0) throw new Error(`sampleParameters: ${name} needs at least one value to choose from`)
    return
  }
  if (!(Number.isFinite(d.low) && Number.isFinite(d.high) && d.low <= d.high)) {
    throw new Error(`sampleParameters: ${name} needs finite low <= high, got low=${d.low}, high=${d.high}`)
  }
  if (d.type === "log-uniform" && !(d.low > 0))
    throw new Error(`sampleParameters: ${name} is log-uniform and needs low > 0, got ${d.low}`)
  if (d.type === "integer" && !(Number.isInteger(d.low) && Number.isInteger(d.high))) {
    throw new Error(
      `sampleParameters: ${name} is an integer range and needs integer bounds, got low=${d.low}, high=${d.high}`,
    )
  }
}

/**
 * `n` independent settings drawn from per-parameter distributions (names in sorted order, one
 * uniform per parameter per setting): uniform on [low, high), log-uniform (exp of a uniform on
 * [ln low, ln high)), an integer uniform on {low, …, high}, or a uniform choice.
 * Source: Bergstra & Bengio (2012), "Random search for hyper-parameter optimization", JMLR 13.
 * @example sampleParameters({ l2: { type: "log-uniform", low: 1e-4, high: 1 } }, 20, createRng(1))
 */
export function sampleParameters(
  space: Record<string, ParameterDistribution>,
  n: number,
  rng: Rng,
): ParameterSetting[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`sampleParameters: n must be an integer >= 1, got ${n}`)
  const names = Object.keys(space).sort()
  for (const name of names) checkDistribution(name, space[name])
  return Array.from({ length: n }, () => {
    const p: ParameterSetting = {}
    for (const name of names) {
      const d = space[name]
      const u = rng.next()
      switch (d.type) {
        case "uniform":
          p[name] = d.low + (d.high - d.low) * u
          break
        case "log-uniform":
          p[name] = Math.exp(Math.log(d.low) + (Math.log(d.high) - Math.log(d.low)) * u)
          break
        case "integer":
          p[name] = d.low + Math.floor(u * (d.high - d.low + 1))
          break
        case "choice":
          p[name] = d.values[Math.floor(u * d.values.length)]
          break
      }
    }
    return p
  })
}

function search(
  candidates: ParameterSetting[],
  folds: readonly Fold[],
  fitAndScore: (params: ParameterSetting, train: Int32Array, test: Int32Array) => number,
  options: SearchOptions,
): SearchResult {
  const sign = options.greaterIsBetter === false ? -1 : 1
  let bestIndex = 0
  const trials = candidates.map((params, i) => {
    const cv = crossValidate(folds, (train, test) => fitAndScore(params, train, test))
    return { params, ...cv, index: i }
  })
  trials.forEach((t, i) => {
    if (sign * t.mean > sign * trials[bestIndex].mean) bestIndex = i
  })
  return {
    trials: trials.map(({ params, scores, mean, sd }) => ({ params, scores, mean, sd })),
    best: trials[bestIndex].params,
    bestScore: trials[bestIndex].mean,
    bestIndex,
  }
}

/**
 * Exhaustive grid search with cross-validation: every setting of {@link parameterGrid} is scored on
 * every fold by `fitAndScore(params, train, test)`; the best mean wins (the first on ties, as
 * scikit-learn's `GridSearchCV`).
 * @example gridSearch({ l2: [1e-3, 1e-2, 1e-1] }, kFold(n, 5, createRng(1)), (p, train, test) => score(fit(p.l2 as number, train), test))
 */
export function gridSearch(
  grid: ParameterGrid,
  folds: readonly Fold[],
  fitAndScore: (params: ParameterSetting, train: Int32Array, test: Int32Array) => number,
  options: SearchOptions = {},
): SearchResult {
  return search(parameterGrid(grid), folds, fitAndScore, options)
}

/**
 * Random search with cross-validation: `nIter` settings from {@link sampleParameters}, each scored
 * on every fold; the best mean wins. Source: Bergstra & Bengio (2012).
 * @example randomSearch({ l2: { type: "log-uniform", low: 1e-4, high: 1 } }, 20, folds, fitAndScore, createRng(2))
 */
export function randomSearch(
  space: Record<string, ParameterDistribution>,
  nIter: number,
  folds: readonly Fold[],
  fitAndScore: (params: ParameterSetting, train: Int32Array, test: Int32Array) => number,
  rng: Rng,
  options: SearchOptions = {},
): SearchResult {
  return search(sampleParameters(space, nIter, rng), folds, fitAndScore, options)
}
