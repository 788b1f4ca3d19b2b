/**
 * Checks that `labels` has `n` entries, each 0 or 1, and counts them. Internal helper of the
 * binary metrics; `param` names the argument in the error.
 */
export function checkBinaryLabels(
  fn: string,
  param: string,
  labels: ArrayLike<number>,
  n: number,
): { positives: number; negatives: number } {
  if (labels.length !== n) throw new Error(`${fn}: ${param} has ${labels.length} entries, expected ${n}`)
  let positives = 0
  for (let i = 0; i < n; i++) {
    const y = labels[i]
    if (y !== 0 && y !== 1) throw new Error(`${fn}: ${param} must be 0 or 1, got ${param}[${i}] = ${y}`)
    positives += y
  }
  return { positives, negatives: n - positives }
}

/** Throws unless `values` is non-empty and as long as `n` (when given). */
export function checkLength(fn: string, param: string, values: ArrayLike<number>, n?: number): void {
  if (values.length === 0) throw new Error(`${fn}: ${param} must not be empty`)
  if (n !== undefined && values.length !== n)
    throw new Error(`${fn}: ${param} has ${values.length} entries, expected ${n}`)
}
