/** Eigenvalues (descending) and unit eigenvectors of a symmetric matrix: A = V diag(values) Vᵀ. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array
  /** Eigenvectors as rows, row-major n × n: vector k is `vectors[k·n .. (k+1)·n)`. */
  vectors: Float64Array
}

/**
 * All eigenpairs of a symmetric n × n matrix (row-major) by the cyclic Jacobi method: sweep over the
 * off-diagonal pairs (p, q), each time rotating by the angle θ with tan 2θ = 2a_pq / (a_qq − a_pp)
 * that zeroes a_pq, until the off-diagonal sum of squares is below 1e-22 of the total. Quadratically
 * convergent and accurate to rounding for every eigenvalue. Each eigenvector's largest component is
 * made positive, so the result is deterministic. Source: Golub & Van Loan, Matrix Computations
 * (4th ed.) §8.5; Press et al., Numerical Recipes (3rd ed.) §11.1.
 * @throws on a length that is not n², a non-finite entry or an asymmetric matrix
 * @example symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values // Float64Array [3, 1]
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n)
    throw new Error(
      `symmetricEigen: expected an n × n matrix with n = ${n} (${n * n} values), got ${matrix.length} values`,
    )
  const a = Float64Array.from(matrix)
  let total = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j]
      if (!Number.isFinite(v)) throw new Error(`symmetricEigen: entry (${i}, ${j}) is ${v}; entries must be finite`)
      if (Math.abs(v - a[j * n + i]) > 1e-12 * (Math.abs(v) + Math.abs(a[j * n + i]) + 1e-300))
        throw new Error(`symmetricEigen: entry (${i}, ${j}) = ${v} differs from (${j}, ${i}) = ${a[j * n + i]}`)
      total += v * v
    }
  }
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] ** 2
    if (off <= 1e-22 * total || off === 0) break
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (apq === 0) continue
        const tau = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau))
        const c = 1 / Math.sqrt(1 + t * t)
        const s = t * c
        // A ← Jᵀ A J on rows and columns p, q; V ← V J (V's columns are the eigenvectors).
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => a[y * n + y] - a[x * n + x] || x - y)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((col, k) => {
    values[k] = a[col * n + col]
    let largest = 0
    for (let i = 0; i < n; i++) if (Math.abs(v[i * n + col]) > Math.abs(largest)) largest = v[i * n + col]
    const sign = largest < 0 ? -1 : 1
    for (let i = 0; i < n; i++) vectors[k * n + i] = sign * v[i * n + col]
  })
  return { values, vectors }
}
