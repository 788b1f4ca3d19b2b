import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"

/** One train/test split of row indices. */
export interface Fold {
  readonly train: Int32Array
  readonly test: Int32Array
}

/**
 * K-fold cross-validation splits of n rows: the rows (shuffled first when an `rng` is given) are
 * cut into k consecutive folds, the first n mod k of them one row larger; fold i is the test set of
 * split i and the others its training set, each in increasing row order. Without `rng` the folds
 * are exactly scikit-learn's `KFold(n_splits=k, shuffle=False)`.
 * @throws if k is not an integer in [2, n]
 * @example kFold(10, 3).map((f) => Array.from(f.test)) // [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
 */
export function kFold(n: number, k: number, rng?: Rng): Fold[] {
  if (!Number.isInteger(n) || n < 2) throw new Error(`kFold: n must be an integer >= 2, got ${n}`)
  if (!Number.isInteger(k) || k < 2 || k > n) throw new Error(`kFold: k must be an integer in [2, ${n}], got ${k}`)
  const order = Int32Array.from({ length: n }, (_, i) => i)
  if (rng) shuffle(rng, order)
  const folds: Fold[] = []
  let start = 0
  for (let i = 0; i < k; i++) {
    const size = Math.floor(n / k) + (i < n % k ? 1 : 0)
    const test = order.slice(start, start + size).sort()
    const inTest = new Uint8Array(n)
    for (const r of test) inTest[r] = 1
    const train = new Int32Array(n - size)
    let p = 0
    for (let r = 0; r < n; r++) if (!inTest[r]) train[p++] = r
    folds.push({ train, test })
    start += size
  }
  return folds
}

/** Scores of a cross-validation, one per fold, with their mean and sample standard deviation. */
export interface CrossValidationResult {
  scores: Float64Array
  mean: number
  sd: number
}

/**
 * Cross-validates any model: `fitAndScore(train, test, fold)` fits on the training rows and returns
 * its score on the test rows (the caller owns the data, so any model and metric fit).
 * @example crossValidate(kFold(n, 5, createRng(1)), (train, test) => accuracyOf(fit(X, y, train), X, y, test))
 */
export function crossValidate(
  folds: readonly Fold[],
  fitAndScore: (train: Int32Array, test: Int32Array, fold: number) => number,
): CrossValidationResult {
  if (folds.length === 0) throw new Error("crossValidate: folds must not be empty")
  const scores = Float64Array.from(folds, (f, i) => {
    const s = fitAndScore(f.train, f.test, i)
    if (!Number.isFinite(s)) throw new Error(`crossValidate: fold ${i} scored ${s}; scores must be finite numbers`)
    return s
  })
  const mean = scores.reduce((s, v) => s + v, 0) / scores.length
  const sd = scores.length > 1 ? Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / (scores.length - 1)) : 0
  return { scores, mean, sd }
}
