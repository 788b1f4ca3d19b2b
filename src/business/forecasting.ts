/**
 * Seasonal naive forecast: ŷ_{n+h} = y_{n+h−m·⌈h/m⌉}, the last observed value of the same season
 * (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, §5.2).
 * @throws if the series is shorter than one season
 * @example seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8], 7, 3) // [2, 3, 4]
 */
export function seasonalNaive(series: ArrayLike<number>, period: number, horizon: number): Float64Array {
  checkSeries("seasonalNaive", series, period, 1)
  checkHorizon("seasonalNaive", horizon)
  const n = series.length
  const out = new Float64Array(horizon)
  for (let h = 1; h <= horizon; h++) out[h - 1] = series[n - period + ((h - 1) % period)]
  return out
}

/**
 * Simple exponential smoothing: ℓ_t = α y_t + (1 − α) ℓ_{t−1}, ℓ_0 = y_0; flat forecast ℓ_n.
 * @example simpleExponentialSmoothing([3, 5, 4], 0.5, 2) // [4, 4]
 */
export function simpleExponentialSmoothing(series: ArrayLike<number>, alpha: number, horizon: number): Float64Array {
  checkUnit("simpleExponentialSmoothing", "alpha", alpha)
  checkHorizon("simpleExponentialSmoothing", horizon)
  if (series.length === 0) throw new Error("simpleExponentialSmoothing: series must not be empty")
  let level = series[0]
  for (let t = 1; t < series.length; t++) level = alpha * series[t] + (1 - alpha) * level
  return new Float64Array(horizon).fill(level)
}

/** Smoothing parameters of additive Holt–Winters, each in [0, 1]. */
export interface HoltWintersOptions {
  alpha: number
  beta: number
  gamma: number
  period: number
}

/**
 * Additive Holt–Winters (Holt 1957, Winters 1960; FPP §8.3):
 *   ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β(ℓ_t − ℓ_{t−1}) + (1 − β) b_{t−1}
 *   s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 *   ŷ_{n+h} = ℓ_n + h·b_n + s_{n+h−m(⌊(h−1)/m⌋+1)}
 * Initialised from the first two seasons: b = (mean of season 2 − mean of season 1)/m, ℓ at time
 * m−1 = mean of season 1 + b(m−1)/2, s_i = y_i − (mean of season 1 + b(i − (m−1)/2)); so a series
 * that is exactly linear trend + fixed season is forecast exactly.
 * @throws if a parameter is outside [0, 1] or the series is shorter than two seasons
 * @example holtWintersAdditive(dailyViews, { alpha: 0.3, beta: 0.05, gamma: 0.2, period: 7 }, 7)
 */
export function holtWintersAdditive(
  series: ArrayLike<number>,
  options: HoltWintersOptions,
  horizon: number,
): Float64Array {
  const { alpha, beta, gamma, period: m } = options
  checkUnit("holtWintersAdditive", "alpha", alpha)
  checkUnit("holtWintersAdditive", "beta", beta)
  checkUnit("holtWintersAdditive", "gamma", gamma)
  checkSeries("holtWintersAdditive", series, m, 2)
  checkHorizon("holtWintersAdditive", horizon)
  let mean1 = 0
  let mean2 = 0
  for (let i = 0; i < m; i++) {
    mean1 += series[i] / m
    mean2 += series[m + i] / m
  }
  let trend = (mean2 - mean1) / m
  let level = mean1 + (trend * (m - 1)) / 2
  const season = new Float64Array(m)
  for (let i = 0; i < m; i++) season[i] = series[i] - (mean1 + trend * (i - (m - 1) / 2))
  for (let t = m; t < series.length; t++) {
    const s = season[t % m]
    const previousLevel = level
    const previousTrend = trend
    level = alpha * (series[t] - s) + (1 - alpha) * (previousLevel + previousTrend)
    trend = beta * (level - previousLevel) + (1 - beta) * previousTrend
    season[t % m] = gamma * (series[t] - previousLevel - previousTrend) + (1 - gamma) * s
  }
  const n = series.length
  const out = new Float64Array(horizon)
  for (let h = 1; h <= horizon; h++) out[h - 1] = level + h * trend + season[(n + h - 1) % m]
  return out
}

/**
 * Mean absolute percentage error, 100/n · Σ |y_t − ŷ_t| / |y_t|.
 * @throws if lengths differ, the series is empty, or an actual value is 0 (MAPE is undefined there)
 * @example mape([100, 200], [110, 180]) // 10
 */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw new Error(
      `mape: actual and forecast must be non-empty and of equal length (${actual.length} vs ${forecast.length})`,
    )
  }
  let s = 0
  for (let t = 0; t < actual.length; t++) {
    if (actual[t] === 0)
      throw new Error(
        `mape: actual value ${t} is 0, where the percentage error is undefined; aggregate further or use another error`,
      )
    s += Math.abs((actual[t] - forecast[t]) / actual[t])
  }
  return (100 * s) / actual.length
}

function checkUnit(fn: string, name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new Error(`${fn}: ${name} must be in [0, 1], got ${v}`)
}

function checkHorizon(fn: string, h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new Error(`${fn}: horizon must be a positive integer, got ${h}`)
}

function checkSeries(fn: string, series: ArrayLike<number>, period: number, seasons: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new Error(`${fn}: period must be a positive integer, got ${period}`)
  if (series.length < seasons * period)
    throw new Error(
      `${fn}: the series needs at least ${seasons * period} values (${seasons} seasons of ${period}), got ${series.length}`,
    )
  for (let t = 0; t < series.length; t++)
    if (!Number.isFinite(series[t])) throw new Error(`${fn}: value ${t} of the series is not finite (${series[t]})`)
}
