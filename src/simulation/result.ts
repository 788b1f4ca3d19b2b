import { rewardWindow, type PolicyAccumulator } from "./accumulator"

/** A mean with a 95% confidence interval across runs (normal approximation: mean ± 1.96·sd/√R). */
export interface Interval {
  mean: number
  ci95: [number, number]
}

/** Everything a report needs about one policy, as plain data. */
export interface PolicyResult {
  name: string
  type: string
  config: Readonly<Record<string, unknown>> | null
  /** Per-step curves over runs (length = horizon). */
  meanReward: Float64Array
  rewardLower: Float64Array
  rewardUpper: Float64Array
  optimalRate: Float64Array
  cumulativeRegret: Float64Array
  regretLower: Float64Array
  regretUpper: Float64Array
  /** Final metrics with CIs across runs (meanReward, cumulativeRegret, coverage, ctr, …). */
  finals: Record<string, Interval>
  /** The same final metrics run by run, in run order (for paired comparisons between policies). */
  perRun: Record<string, number[]>
  /** Window means of the reward (windows of `rewardWindow(T)` steps: x = each window's last step) with the 95% CI across runs of that window mean. */
  window: { x: Float64Array; mean: Float64Array; lower: Float64Array; upper: Float64Array }
  /** Average of the last 1% of steps (at least 10) over runs. */
  finalMeanReward: number
  finalOptimalActionRate: number
}

export interface SimulationResult {
  environment: string
  horizon: number
  runs: number
  seed: number
  policies: PolicyResult[]
  /** The Lai–Robbins curve c·ln t, for Bernoulli environments. */
  laiRobbins: Float64Array | null
  laiRobbinsConstant: number | null
  /** The environment's reward range, when bounded (the reports clamp reward intervals to it). */
  rewardRange?: readonly [number, number]
}

/** Mean and 95% CI of a sample. */
export function interval(values: ArrayLike<number>): Interval {
  const n = values.length
  let s = 0
  for (let i = 0; i < n; i++) s += values[i]
  const mean = s / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2
  const half = n > 1 ? (1.96 * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) : 0
  return { mean, ci95: [mean - half, mean + half] }
}

/**
 * Adds chunk sums into `total` (call in chunk order: the result is then independent of scheduling).
 * @internal
 */
export function mergeAccumulator(total: PolicyAccumulator, chunk: PolicyAccumulator): void {
  for (const key of ["reward", "reward2", "optimal", "regret", "regret2"] as const) {
    const a = total[key]
    const b = chunk[key]
    for (let t = 0; t < a.length; t++) a[t] += b[t]
  }
  for (const [k, v] of Object.entries(chunk.finals)) (total.finals[k] ??= []).push(...v)
  total.windows.push(...chunk.windows)
}

/**
 * Mean and 95% band per step from the sums over R runs, into `mean`, `lo` and `hi`. A module-level
 * function, not a closure made per call: a fresh closure's long loop was compiled on-stack each
 * call and deoptimised at its end (no type feedback for the code after the loop).
 */
function curve(
  sum: Float64Array,
  sum2: Float64Array,
  runs: number,
  mean: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
): void {
  const T = sum.length
  const sqrtRuns = Math.sqrt(runs)
  for (let t = 0; t < T; t++) {
    const m = sum[t] / runs
    const variance = runs > 1 ? Math.max(0, (sum2[t] - runs * m * m) / (runs - 1)) : 0
    const half = (1.96 * Math.sqrt(variance)) / sqrtRuns
    mean[t] = m
    lo[t] = m - half
    hi[t] = m + half
  }
}

/**
 * The reward's window means and their 95% CI across runs: the interval of exactly the quantity a
 * report plots (each run's mean over the window, then mean ± 1.96·sd/√R over runs).
 */
function windowIntervals(windows: number[], runs: number, T: number): PolicyResult["window"] {
  const w = rewardWindow(T)
  const n = Math.ceil(T / w)
  const out = {
    x: new Float64Array(n),
    mean: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
  }
  const values = new Float64Array(runs)
  for (let k = 0; k < n; k++) {
    out.x[k] = Math.min(T, (k + 1) * w)
    if (windows.length !== runs * n) continue
    for (let r = 0; r < runs; r++) values[r] = windows[r * n + k]
    const { mean, ci95 } = interval(values)
    out.mean[k] = mean
    out.lower[k] = ci95[0]
    out.upper[k] = ci95[1]
  }
  return out
}

/** Turns the summed accumulator of R runs into curves and intervals. */
export function policyResult(
  acc: PolicyAccumulator,
  runs: number,
  name: string,
  type: string,
  config: Readonly<Record<string, unknown>> | null,
): PolicyResult {
  const T = acc.reward.length
  const meanReward = new Float64Array(T)
  const rewardLower = new Float64Array(T)
  const rewardUpper = new Float64Array(T)
  const cumulativeRegret = new Float64Array(T)
  const regretLower = new Float64Array(T)
  const regretUpper = new Float64Array(T)
  const optimalRate = new Float64Array(T)
  curve(acc.reward, acc.reward2, runs, meanReward, rewardLower, rewardUpper)
  curve(acc.regret, acc.regret2, runs, cumulativeRegret, regretLower, regretUpper)
  for (let t = 0; t < T; t++) optimalRate[t] = acc.optimal[t] / runs
  const tail = Math.min(T, Math.max(10, Math.ceil(T / 100)))
  let r = 0
  let o = 0
  for (let t = T - tail; t < T; t++) {
    r += meanReward[t]
    o += optimalRate[t]
  }
  const finals: Record<string, Interval> = {}
  for (const [k, v] of Object.entries(acc.finals)) finals[k] = interval(v)
  return {
    name,
    type,
    config,
    meanReward,
    rewardLower,
    rewardUpper,
    optimalRate,
    cumulativeRegret,
    regretLower,
    regretUpper,
    finals,
    perRun: Object.fromEntries(Object.entries(acc.finals).map(([k, v]) => [k, v.slice()])),
    window: windowIntervals(acc.windows, runs, T),
    finalMeanReward: r / tail,
    finalOptimalActionRate: o / tail,
  }
}
