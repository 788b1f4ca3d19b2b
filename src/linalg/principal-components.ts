import { symmetricEigen } from "./symmetric-eigen"

/** A fitted principal-component basis. */
export interface PrincipalComponents {
  /** Column means of the data. */
  mean: Float64Array
  /** The k components as rows, row-major k × d, unit length and orthogonal. */
  components: Float64Array
  /** The variance along each component (eigenvalues of the covariance, divisor n − 1), largest first. */
  variance: Float64Array
  /** The share of the total variance each component explains. */
  explainedRatio: Float64Array
}

/**
 * Principal component analysis of n rows × d columns (row-major): the top k unit eigenvectors of
 * the sample covariance S = (X − x̄)ᵀ(X − x̄) / (n − 1), by {@link symmetricEigen}, each with the sign
 * that makes its largest component positive. On images these are eigen-images (Turk & Pentland
 * 1991), on TF-IDF rows latent semantic axes (Deerwester et al. 1990). Source: Jolliffe, Principal
 * Component Analysis (2nd ed., 2002) ch. 1; scikit-learn's `PCA` gives the same components up to sign.
 * @example const pca = principalComponents(pixels, nItems, 64, 8); projectOntoComponents(pca, pixels, nItems)
 */
export function principalComponents(data: ArrayLike<number>, n: number, d: number, k: number): PrincipalComponents {
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(d) || d < 1 || data.length !== n * d)
    throw new Error(`principalComponents: expected n × d values with n ≥ 2, got ${data.length} for ${n} × ${d}`)
  if (!Number.isInteger(k) || k < 1 || k > d)
    throw new Error(`principalComponents: k must be an integer in [1, ${d}], got ${k}`)
  const mean = new Float64Array(d)
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += data[r * d + j] / n
  const cov = new Float64Array(d * d)
  const row = new Float64Array(d)
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = data[r * d + j] - mean[j]
    for (let i = 0; i < d; i++) {
      const x = row[i]
      if (x === 0) continue
      for (let j = i; j < d; j++) cov[i * d + j] += x * row[j]
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      cov[i * d + j] /= n - 1
      cov[j * d + i] = cov[i * d + j]
    }
  }
  const { values, vectors } = symmetricEigen(cov, d)
  let total = 0
  for (let j = 0; j < d; j++) total += Math.max(0, values[j])
  const variance = values.slice(0, k).map((v) => Math.max(0, v))
  return {
    mean,
    components: vectors.slice(0, k * d),
    variance,
    explainedRatio: variance.map((v) => (total > 0 ? v / total : 0)),
  }
}

/**
 * The scores of rows on the components: z_r = V (x_r − x̄), n × k row-major.
 * @example projectOntoComponents(pca, pixels, nItems)
 */
export function projectOntoComponents(pca: PrincipalComponents, data: ArrayLike<number>, n: number): Float64Array {
  const d = pca.mean.length
  const k = pca.components.length / d
  if (data.length !== n * d) throw new Error(`projectOntoComponents: expected ${n} × ${d} values, got ${data.length}`)
  const out = new Float64Array(n * k)
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0
      for (let j = 0; j < d; j++) s += pca.components[c * d + j] * (data[r * d + j] - pca.mean[j])
      out[r * k + c] = s
    }
  }
  return out
}
