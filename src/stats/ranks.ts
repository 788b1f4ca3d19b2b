/**
 * Average (mid) ranks, 1-based: tied values share the mean of the ranks they occupy, as
 * scipy.stats.rankdata(method="average").
 * @example averageRanks([10, 20, 10]) // Float64Array [1.5, 3, 1.5]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new Error(`averageRanks: values[${i}] is NaN`)
    order[i] = i
  }
  order.sort((a, b) => values[a] - values[b])
  const ranks = new Float64Array(n)
  let i = 0
  while (i < n) {
    let j = i
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++
    const rank = (i + j) / 2 + 1
    for (let t = i; t <= j; t++) ranks[order[t]] = rank
    i = j + 1
  }
  return ranks
}

/**
 * Σ (t³ − t) over the sizes t of the groups of tied values: the tie correction of rank tests.
 * @internal
 */
export function tieCorrectionSum(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort()
  let sum = 0
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++
    const t = j - i + 1
    sum += t * t * t - t
    i = j + 1
  }
  return sum
}
