import type { MarkovChain } from "../behavior/markov-chain"
import { checkMultiStepExamples, type MultiStepExamples } from "./multi-step-dataset"
import type { SequenceExamples } from "./sequence-dataset"

/** Scores of next-few-categories predictions. */
export interface MultiStepScores {
  /** accuracy[h]: share of rows whose most probable category at step h + 1 is the true one. */
  accuracy: Float64Array
  /**
   * Share of the distinct true next categories found among the k categories with the highest
   * summed probability Σ_h P(y_h = j), averaged over rows (hit rate of the set at k).
   */
  setHitRateAtK: number
}

/**
 * Per-step accuracy and set hit rate@k of next-few-categories probabilities `p` (rows × horizon × C,
 * row-major) against `targets` (rows × horizon). Ties in an argmax or a top-k go to the smaller category.
 * @example multiStepScores(model.predictProba(test), test.targets, 3, world.nCategories)
 */
export function multiStepScores(
  p: Float32Array,
  targets: Int32Array,
  horizon: number,
  nCategories: number,
  k = 3,
): MultiStepScores {
  const C = nCategories
  const rows = targets.length / horizon
  if (!Number.isInteger(rows) || p.length !== rows * horizon * C)
    throw new Error(
      `multiStepScores: p has ${p.length} values and targets ${targets.length}; expected rows × ${horizon} × ${C} and rows × ${horizon}`,
    )
  const accuracy = new Float64Array(horizon)
  const summed = new Float64Array(C)
  const order = Int32Array.from({ length: C }, (_, j) => j)
  let hit = 0
  for (let r = 0; r < rows; r++) {
    summed.fill(0)
    for (let h = 0; h < horizon; h++) {
      const base = (r * horizon + h) * C
      let best = 0
      for (let j = 0; j < C; j++) {
        summed[j] += p[base + j]
        if (p[base + j] > p[base + best]) best = j
      }
      if (best === targets[r * horizon + h]) accuracy[h]++
    }
    order.sort((a, b) => summed[b] - summed[a] || a - b)
    const truth = new Set(targets.subarray(r * horizon, (r + 1) * horizon))
    let found = 0
    for (let q = 0; q < Math.min(k, C); q++) if (truth.has(order[q])) found++
    hit += found / truth.size
  }
  for (let h = 0; h < horizon; h++) accuracy[h] /= rows
  return { accuracy, setHitRateAtK: hit / rows }
}

/**
 * The first-order Markov chain's h-step predictions: P(y_h = j | last clicked i) = (P^h)_ij, the
 * Chapman–Kolmogorov equation, for h = 1..horizon. Row-major rows × horizon × C.
 * @throws if a window does not end with a category or the category counts differ
 * @example markovMultiStepProba(fitMarkovBaseline(firstStepExamples(train)), test)
 */
export function markovMultiStepProba(chain: MarkovChain, x: MultiStepExamples): Float32Array {
  checkMultiStepExamples(x, "markovMultiStepProba x")
  const C = chain.config.nStates
  if (x.nCategories !== C)
    throw new Error(`markovMultiStepProba x: ${x.nCategories} categories, but the chain has ${C} states`)
  const P = chain.transitionMatrix.data
  const H = x.horizon
  // powers[h] = P^(h+1)
  const powers: Float64Array[] = [Float64Array.from(P)]
  for (let h = 1; h < H; h++) {
    const prev = powers[h - 1]
    const next = new Float64Array(C * C)
    for (let i = 0; i < C; i++)
      for (let l = 0; l < C; l++) {
        const a = prev[i * C + l]
        for (let j = 0; j < C; j++) next[i * C + j] += a * P[l * C + j]
      }
    powers.push(next)
  }
  const out = new Float32Array(x.rows * H * C)
  for (let r = 0; r < x.rows; r++) {
    const last = x.inputs[r * x.window + x.window - 1] - 1
    if (!(last >= 0 && last < C))
      throw new Error(`markovMultiStepProba x: row ${r} ends with token ${last + 1}; allowed 1..${C}`)
    for (let h = 0; h < H; h++) for (let j = 0; j < C; j++) out[(r * H + h) * C + j] = powers[h][last * C + j]
  }
  return out
}

/**
 * A single-step model rolled forward greedily: predict step 1, append its argmax to the window
 * (dropping the oldest click), predict step 2, and so on. `predict` is a next-category model's
 * `predictProba` (rows × C). Row-major rows × horizon × C.
 * @example rolloutProba((w) => gru.predictProba(w), test)
 */
export function rolloutProba(predict: (x: SequenceExamples) => Float32Array, x: MultiStepExamples): Float32Array {
  checkMultiStepExamples(x, "rolloutProba x")
  const { rows, window: w, horizon: H, nCategories: C } = x
  const inputs = Int32Array.from(x.inputs)
  const step: SequenceExamples = {
    inputs,
    targets: new Int32Array(rows),
    user: x.user,
    rows,
    window: w,
    nCategories: C,
  }
  const out = new Float32Array(rows * H * C)
  for (let h = 0; h < H; h++) {
    const p = predict(step)
    if (p.length !== rows * C)
      throw new Error(`rolloutProba: predict returned ${p.length} values, expected ${rows} × ${C}`)
    for (let r = 0; r < rows; r++) {
      let best = 0
      for (let j = 0; j < C; j++) {
        out[(r * H + h) * C + j] = p[r * C + j]
        if (p[r * C + j] > p[r * C + best]) best = j
      }
      inputs.copyWithin(r * w, r * w + 1, (r + 1) * w)
      inputs[(r + 1) * w - 1] = best + 1
    }
  }
  return out
}
