/**
 * Solves A·x = b for a symmetric positive-definite A (k×k, row-major) by Cholesky
 * factorisation, in place: `a` is overwritten by its factor, `b` by the solution.
 * @throws if A is not positive definite
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) {
    let s = a[j * k + j]
    for (let p = 0; p < j; p++) s -= a[j * k + p] * a[j * k + p]
    if (!(s > 0)) throw new Error(`choleskySolve: the matrix is not positive definite (pivot ${j} is ${s})`)
    const l = Math.sqrt(s)
    a[j * k + j] = l
    for (let i = j + 1; i < k; i++) {
      let t = a[i * k + j]
      for (let p = 0; p < j; p++) t -= a[i * k + p] * a[j * k + p]
      a[i * k + j] = t / l
    }
  }
  for (let i = 0; i < k; i++) {
    let t = b[i]
    for (let p = 0; p < i; p++) t -= a[i * k + p] * b[p]
    b[i] = t / a[i * k + i]
  }
  for (let i = k - 1; i >= 0; i--) {
    let t = b[i]
    for (let p = i + 1; p < k; p++) t -= a[p * k + i] * b[p]
    b[i] = t / a[i * k + i]
  }
}
