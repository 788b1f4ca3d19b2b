import type { DenseMatrix } from "../linalg/matrix"

/** Options of `stationaryDistribution`. */
export interface StationaryOptions {
  /** "solve" [default]: Gaussian elimination on πᵀ(P − I) = 0, Σπ = 1; "power": iterate π ← πP. */
  method?: "solve" | "power"
  /** Power iteration: stop when Σ|Δπ| < tol [1e-12]. */
  tol?: number
  /** Power iteration: at most this many steps [100000]. */
  maxIter?: number
}

/**
 * The stationary distribution π = πP of a row-stochastic matrix P (unique when the chain is
 * irreducible, as it is with additive smoothing). "solve" replaces one equation of (Pᵀ − I)π = 0
 * by Σπ = 1 and eliminates with partial pivoting; "power" iterates from the uniform distribution.
 * Source: Norris, Markov Chains (1997), Thm 1.7.7; Stewart, Numerical Solution of Markov Chains (1994) ch. 2.
 * @throws if P is not square and row-stochastic, if the system is singular (several closed
 *   classes), or if power iteration does not converge (a periodic chain)
 * @example stationaryDistribution(fromRowMajor([0.9, 0.1, 0.5, 0.5], 2, 2)) // [5/6, 1/6]
 */
export function stationaryDistribution(P: DenseMatrix, options: StationaryOptions = {}): Float64Array {
  const n = P.nRows
  if (n === 0 || P.nCols !== n)
    throw new Error(`stationaryDistribution: P must be a non-empty square matrix, got ${P.nRows} × ${P.nCols}`)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < n; j++) {
      const v = P.data[i * n + j]
      if (!(v >= 0 && v <= 1)) throw new Error(`stationaryDistribution: P[${i}][${j}] = ${v} is not a probability`)
      s += v
    }
    if (Math.abs(s - 1) > 1e-9) throw new Error(`stationaryDistribution: row ${i} of P sums to ${s}, not 1`)
  }
  const method = options.method ?? "solve"
  if (method === "power") return powerIteration(P, options.tol ?? 1e-12, options.maxIter ?? 100000)
  if (method !== "solve")
    throw new Error(`stationaryDistribution: method must be "solve" or "power", got ${String(method)}`)
  // A = Pᵀ − I with its last row replaced by ones; b = e_n.
  const A = new Float64Array(n * n)
  const b = new Float64Array(n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = P.data[j * n + i] - (i === j ? 1 : 0)
  for (let j = 0; j < n; j++) A[(n - 1) * n + j] = 1
  b[n - 1] = 1
  for (let col = 0; col < n; col++) {
    let piv = col
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]) > Math.abs(A[piv * n + col])) piv = r
    if (Math.abs(A[piv * n + col]) < 1e-12) {
      throw new Error(
        "stationaryDistribution: the chain has no unique stationary distribution (it is reducible); use smoothing > 0",
      )
    }
    if (piv !== col) {
      for (let j = 0; j < n; j++) {
        const t = A[col * n + j]
        A[col * n + j] = A[piv * n + j]
        A[piv * n + j] = t
      }
      const t = b[col]
      b[col] = b[piv]
      b[piv] = t
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col] / A[col * n + col]
      if (f === 0) continue
      for (let j = col; j < n; j++) A[r * n + j] -= f * A[col * n + j]
      b[r] -= f * b[col]
    }
  }
  const pi = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let j = i + 1; j < n; j++) s -= A[i * n + j] * pi[j]
    pi[i] = s / A[i * n + i]
  }
  for (let i = 0; i < n; i++) if (pi[i] < 0 && pi[i] > -1e-12) pi[i] = 0
  return pi
}

function powerIteration(P: DenseMatrix, tol: number, maxIter: number): Float64Array {
  const n = P.nRows
  let pi = new Float64Array(n).fill(1 / n)
  let next = new Float64Array(n)
  for (let it = 0; it < maxIter; it++) {
    next.fill(0)
    for (let i = 0; i < n; i++) {
      const p = pi[i]
      if (p === 0) continue
      for (let j = 0; j < n; j++) next[j] += p * P.data[i * n + j]
    }
    let diff = 0
    for (let j = 0; j < n; j++) diff += Math.abs(next[j] - pi[j])
    const t = pi
    pi = next
    next = t
    if (diff < tol) return pi
  }
  throw new Error(
    `stationaryDistribution: power iteration did not converge in ${maxIter} steps (is the chain periodic?)`,
  )
}
