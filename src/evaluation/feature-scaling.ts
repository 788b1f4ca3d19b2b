/**
 * Mean and population standard deviation of each of the d numeric columns of `context` (n rows,
 * row-major), for the standardised z = (x − mean) / scale that the reward model, the behaviour
 * model and the policy learners fit on. A column constant over the rows gets its value as mean and
 * scale 1, so it maps to exactly 0 and another value at prediction time stays on the data's own
 * scale: the mean, summed as x/n, is off by rounding, and that rounding (≈ 1e-16 of the value)
 * would otherwise become the scale, turning the column into ±1 in training and ≈ 1e16 beyond it.
 * @example const { mean, scale } = columnScaling(log.context, log.length, log.featureNames.length)
 */
export function columnScaling(context: Float64Array, n: number, d: number) {
  const mean = new Float64Array(d)
  const scale = new Float64Array(d)
  const constant = new Uint8Array(d).fill(1)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const x = context[i * d + j]
      mean[j] += x / n
      if (x !== context[j]) constant[j] = 0
    }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (context[i * d + j] - mean[j]) ** 2 / n
  for (let j = 0; j < d; j++) {
    if (n > 0 && constant[j] === 1) {
      mean[j] = context[j]
      scale[j] = 1
    } else scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1
  }
  return { mean, scale }
}
