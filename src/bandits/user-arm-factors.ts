import type { Rng } from "../random/rng"
import { fastNormal } from "../random/fast-random"

/** The result of {@link fitUserArmFactors}: P (users × f) and Q (arms × f), row-major. */
export interface UserArmFactors {
  readonly factors: number
  readonly users: Float64Array
  readonly arms: Float64Array
  /** The weighted loss after each sweep (non-increasing). */
  readonly loss: number[]
}

/**
 * A rank-f factorisation of a user × arm click-rate table by weighted alternating least squares:
 *   minimise Σ_{u,a: n_ua > 0} n_ua (S_ua/n_ua − p_uᵀq_a)² + λ(Σ_u ‖p_u‖² + Σ_a ‖q_a‖²),
 * each sweep solving every user's and then every arm's f × f normal equations
 *   (Σ_a n_ua q_a q_aᵀ + λI) p_u = Σ_a S_ua q_a   (and alike for q_a),
 * so the loss never increases. Users with no observation get p_u = 0. Initial factors are
 * N(0.5, 0.1²) from `rng`. Source: Hu, Koren & Volinsky (2008) for weighted ALS; Koren, Bell &
 * Volinsky (2009), "Matrix factorization techniques for recommender systems", IEEE Computer.
 * @example const { users, arms } = fitUserArmFactors(clicks, shows, 100, 12, 2, 1, 10, rng)
 */
export function fitUserArmFactors(
  clicks: Float64Array,
  shows: Float64Array,
  nUsers: number,
  nArms: number,
  factors: number,
  lambda: number,
  sweeps: number,
  rng: Rng,
): UserArmFactors {
  const f = factors
  const P = new Float64Array(nUsers * f)
  const Q = new Float64Array(nArms * f)
  // Click rates are non-negative: starting every factor near +0.5 keeps ALS out of the sign-split
  // local minima that a zero-mean start often falls into (some q_a negative, fitting no positive rank-1 table).
  for (let i = 0; i < P.length; i++) P[i] = 0.5 + 0.1 * fastNormal(rng)
  for (let i = 0; i < Q.length; i++) Q[i] = 0.5 + 0.1 * fastNormal(rng)
  const A = new Float64Array(f * f)
  const b = new Float64Array(f)
  const loss: number[] = []
  // Row r of `rows` (users or arms) against the fixed `other` factors; cell(r, o) maps to the table.
  const solveRows = (
    rows: Float64Array,
    nRows: number,
    other: Float64Array,
    nOther: number,
    cell: (r: number, o: number) => number,
  ) => {
    for (let r = 0; r < nRows; r++) {
      A.fill(0)
      b.fill(0)
      let seen = 0
      for (let o = 0; o < nOther; o++) {
        const c = cell(r, o)
        const n = shows[c]
        if (n === 0) continue
        seen++
        for (let i = 0; i < f; i++) {
          const qi = other[o * f + i]
          b[i] += clicks[c] * qi
          for (let j = 0; j < f; j++) A[i * f + j] += n * qi * other[o * f + j]
        }
      }
      if (seen === 0) {
        rows.fill(0, r * f, (r + 1) * f)
        continue
      }
      for (let i = 0; i < f; i++) A[i * f + i] += lambda
      solveSymmetric(A, b, f)
      for (let i = 0; i < f; i++) rows[r * f + i] = b[i]
    }
  }
  for (let s = 0; s < sweeps; s++) {
    solveRows(P, nUsers, Q, nArms, (u, a) => u * nArms + a)
    solveRows(Q, nArms, P, nUsers, (a, u) => u * nArms + a)
    let l = 0
    for (let u = 0; u < nUsers; u++) {
      for (let a = 0; a < nArms; a++) {
        const n = shows[u * nArms + a]
        if (n === 0) continue
        let dot = 0
        for (let i = 0; i < f; i++) dot += P[u * f + i] * Q[a * f + i]
        const e = clicks[u * nArms + a] / n - dot
        l += n * e * e
      }
    }
    for (let i = 0; i < P.length; i++) l += lambda * P[i] * P[i]
    for (let i = 0; i < Q.length; i++) l += lambda * Q[i] * Q[i]
    loss.push(l)
  }
  return { factors: f, users: P, arms: Q, loss }
}

/**
 * Solves A x = b in place for a symmetric positive-definite n × n matrix A (row-major) by
 * Cholesky decomposition: A is overwritten by its factor, b by x.
 * @example solveSymmetric(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2) // b = [0.5, 0]
 */
export function solveSymmetric(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j]
    for (let k = 0; k < j; k++) s -= A[j * n + k] * A[j * n + k]
    const l = Math.sqrt(s)
    A[j * n + j] = l
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j]
      for (let k = 0; k < j; k++) t -= A[i * n + k] * A[j * n + k]
      A[i * n + j] = t / l
    }
  }
  for (let i = 0; i < n; i++) {
    let t = b[i]
    for (let k = 0; k < i; k++) t -= A[i * n + k] * b[k]
    b[i] = t / A[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let t = b[i]
    for (let k = i + 1; k < n; k++) t -= A[k * n + i] * b[k]
    b[i] = t / A[i * n + i]
  }
  return b
}
