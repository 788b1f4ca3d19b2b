/**
 * Σ_j a[j]·b[j] over the length of `a`.
 * @example dot(Float64Array.of(1, 2), Float64Array.of(3, 4)) // 11
 */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let j = 0; j < a.length; j++) s += a[j] * b[j]
  return s
}

/**
 * Σ_k a[ai + k]·b[bi + k] for k < n: the dot product of two rows stored inside flat arrays.
 * @example dotAt(Float64Array.of(9, 1, 2), 1, Float64Array.of(3, 4), 0, 2) // 11
 */
export function dotAt(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let s = 0
  for (let k = 0; k < n; k++) s += a[ai + k] * b[bi + k]
  return s
}
