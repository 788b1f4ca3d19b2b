/** The most bootstrap resamples: each estimator keeps one statistic per resample. */
export const MAX_BOOTSTRAP_RESAMPLES = 1_000_000
/** The most resampled rounds, resamples × rounds × estimators: each costs about 0.1 µs–1 µs, so this is minutes. */
export const MAX_BOOTSTRAP_DRAWS = 1e10

/**
 * Why a bootstrap of `resamples` over `rounds` logged rounds and `estimators` estimators is too
 * large, or null when it fits (the reason says how many resamples would fit).
 * @example bootstrapSizeProblem(1e9, 10000, 6) // "1000000000 resamples; the limit is 1000000"
 */
export function bootstrapSizeProblem(resamples: number, rounds: number, estimators: number): string | null {
  if (resamples > MAX_BOOTSTRAP_RESAMPLES) return `${resamples} resamples; the limit is ${MAX_BOOTSTRAP_RESAMPLES}`
  const draws = resamples * rounds * estimators
  if (draws <= MAX_BOOTSTRAP_DRAWS) return null
  const fits = Math.floor(MAX_BOOTSTRAP_DRAWS / (rounds * estimators))
  return `${resamples} resamples × ${rounds} rounds × ${estimators} estimators = ${draws.toExponential(1)} resampled rounds; the limit is ${MAX_BOOTSTRAP_DRAWS.toExponential(0)}, which fits at most ${fits} resamples`
}
