import { BLOCKED_FROM, choleskyBlockedInPlace, spdInverseBlocked } from "./blocked"

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite n × n matrix stored row-major;
 * overwrites the lower triangle of `a` with L (the strict upper triangle is zeroed).
 * Source: Golub & Van Loan, Matrix Computations (4th ed.), Algorithm 4.2.1.
 * From n = {@link BLOCKED_FROM} on, the blocked kernel ({@link choleskyBlockedInPlace}) does it, equal to rounding.
 * @throws if the matrix is not positive definite (a pivot ≤ 0)
 * @example const a = Float64Array.of(4, 2, 2, 3); choleskyInPlace(a, 2) // a = [2, 0, 1, √2]
 */
export function choleskyInPlace(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n)
    throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  if (n >= BLOCKED_FROM) return choleskyBlockedInPlace(a, n)
  for (let j = 0; j < n; j++) {
    const rj = j * n
    let d = a[rj + j]
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k]
    if (!(d > 0)) throw new Error(`cholesky: the matrix is not positive definite (pivot ${j} is ${d})`)
    const ljj = Math.sqrt(d)
    a[rj + j] = ljj
    for (let i = j + 1; i < n; i++) {
      const ri = i * n
      let s = a[ri + j]
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k]
      a[ri + j] = s / ljj
    }
    for (let k = j + 1; k < n; k++) a[rj + k] = 0
  }
  return a
}

/**
 * Solves A·x = b for a symmetric positive-definite A by Cholesky: forward then back substitution.
 * `a` is overwritten by its factor and `b` by the solution, which is returned.
 * @example choleskySolveInPlace(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2) // [0.5, 0]
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n)
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k]
    b[i] = s / a[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k]
    b[i] = s / a[i * n + i]
  }
  return b
}

/**
 * The inverse of a symmetric positive-definite n × n matrix (row-major) through its Cholesky factor:
 * A⁻¹ = L⁻ᵀ·L⁻¹. Rows of M = L⁻¹ are built by row operations (M_i = (e_i − Σ_{k<i} L_ik M_k)/L_ii),
 * then (A⁻¹)_ij = Σ_{k ≥ max(i,j)} M_ki M_kj read along rows of Mᵀ. About n³ flops; `a` is not changed.
 * From n = {@link BLOCKED_FROM} on, the blocked kernel ({@link spdInverseBlocked}) does it, equal to rounding.
 * @throws if the matrix is not positive definite
 * @example choleskyInverse(Float64Array.of(4, 2, 2, 3), 2) // [0.375, -0.25, -0.25, 0.5]
 */
export function choleskyInverse(a: Float64Array, n: number): Float64Array {
  if (n >= BLOCKED_FROM && a.length === n * n) return spdInverseBlocked(a, n)
  const l = choleskyInPlace(Float64Array.from(a), n)
  const m = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    const ri = i * n
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k]
      if (lik === 0) continue
      const rk = k * n
      for (let c = 0; c <= k; c++) m[ri + c] -= lik * m[rk + c]
    }
    m[ri + i] += 1
    const inv = 1 / l[ri + i]
    for (let c = 0; c <= i; c++) m[ri + c] *= inv
  }
  // u = Mᵀ (upper triangular): row i of u holds column i of M, non-zero from column i on.
  const u = l
  u.fill(0)
  for (let i = 0; i < n; i++) for (let c = 0; c <= i; c++) u[c * n + i] = m[i * n + c]
  const out = m
  for (let i = 0; i < n; i++) {
    const ri = i * n
    for (let j = i; j < n; j++) {
      const rj = j * n
      let s = 0
      for (let k = j; k < n; k++) s += u[ri + k] * u[rj + k]
      out[ri + j] = s
      out[rj + i] = s
    }
  }
  return out
}
