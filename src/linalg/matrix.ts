/**
 * A dense row-major matrix: entry (i, j) is `data[i * nCols + j]`.
 * The feature matrix of k-means, logistic regression and naive Bayes (shape: samples × features).
 */
export interface DenseMatrix {
  readonly kind: "dense"
  readonly nRows: number
  readonly nCols: number
  readonly data: Float64Array
}

/**
 * A sparse matrix in compressed sparse row form: row i holds the columns
 * `indices[indptr[i] .. indptr[i+1])` (ascending, unique) with values `data[...]`.
 * TF-IDF and term counts come out in this form.
 */
export interface SparseMatrix {
  readonly kind: "csr"
  readonly nRows: number
  readonly nCols: number
  readonly indptr: Int32Array
  readonly indices: Int32Array
  readonly data: Float64Array
}

/** Mean and population variance of column j (two passes: the mean, then the squared deviations; numpy's var). */
export function columnMoments(X: DenseMatrix, j: number): { mean: number; variance: number } {
  const { nRows: n, nCols: d, data } = X
  let mean = 0
  for (let i = 0; i < n; i++) mean += data[i * d + j]
  mean /= n
  let v = 0
  for (let i = 0; i < n; i++) v += (data[i * d + j] - mean) ** 2
  return { mean, variance: v / n }
}

/** Features for the models in `src/text` and `src/behavior`: dense or sparse, samples in rows. */
export type FeatureMatrix = DenseMatrix | SparseMatrix

/**
 * A dense matrix from rows of numbers (all rows of one length).
 * @throws if there are no rows, no columns, or rows of different lengths
 * @example denseMatrix([[1, 2], [3, 4]]).data // Float64Array [1, 2, 3, 4]
 */
export function denseMatrix(rows: ReadonlyArray<ArrayLike<number>>): DenseMatrix {
  if (rows.length === 0) throw new Error("denseMatrix: rows must not be empty")
  const nCols = rows[0].length
  if (nCols === 0) throw new Error("denseMatrix: rows must have at least one column")
  const data = new Float64Array(rows.length * nCols)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    if (r.length !== nCols) throw new Error(`denseMatrix: row ${i} has ${r.length} values, row 0 has ${nCols}`)
    for (let j = 0; j < nCols; j++) data[i * nCols + j] = r[j]
  }
  return { kind: "dense", nRows: rows.length, nCols, data }
}

/**
 * A dense matrix view of a flat row-major array (copied).
 * @throws if `data.length` is not `nRows * nCols`
 * @example fromRowMajor([1, 2, 3, 4, 5, 6], 3, 2)
 */
export function fromRowMajor(data: ArrayLike<number>, nRows: number, nCols: number): DenseMatrix {
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0 || data.length !== nRows * nCols) {
    throw new Error(`fromRowMajor: data has ${data.length} values, expected nRows * nCols = ${nRows} * ${nCols}`)
  }
  return { kind: "dense", nRows, nCols, data: Float64Array.from(data) }
}

/** The rows of a matrix as arrays of numbers (dense), for display and small checks. */
export function matrixRows(m: FeatureMatrix): number[][] {
  const d = toDense(m)
  const rows: number[][] = []
  for (let i = 0; i < d.nRows; i++) rows.push(Array.from(d.data.subarray(i * d.nCols, (i + 1) * d.nCols)))
  return rows
}

/**
 * The dense form of a matrix (the same object if it is already dense).
 * @example toDense(tfidf).data
 */
export function toDense(m: FeatureMatrix): DenseMatrix {
  if (m.kind === "dense") return m
  const data = new Float64Array(m.nRows * m.nCols)
  for (let i = 0; i < m.nRows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) data[i * m.nCols + m.indices[p]] = m.data[p]
  }
  return { kind: "dense", nRows: m.nRows, nCols: m.nCols, data }
}

/**
 * Checks that a feature matrix has rows and that every stored value is finite.
 * @param who the caller, named in the error (e.g. "LogisticRegression.fit")
 * @throws naming the first non-finite entry by row and column
 */
export function checkFeatures(m: FeatureMatrix, who: string): void {
  if (m.nRows === 0) throw new Error(`${who}: X must have at least one row (got an empty matrix)`)
  if (m.nCols === 0) throw new Error(`${who}: X must have at least one column`)
  if (m.kind === "dense") {
    const d = m.data
    for (let p = 0; p < d.length; p++) {
      if (!Number.isFinite(d[p])) {
        throw new Error(
          `${who}: X[${Math.floor(p / m.nCols)}][${p % m.nCols}] is ${d[p]}; features must be finite numbers`,
        )
      }
    }
    return
  }
  for (let i = 0; i < m.nRows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      if (!Number.isFinite(m.data[p]))
        throw new Error(`${who}: X[${i}][${m.indices[p]}] is ${m.data[p]}; features must be finite numbers`)
    }
  }
}

/** w[offset .. offset+nCols) · row i of X. */
export function rowDot(m: FeatureMatrix, i: number, w: Float64Array, offset: number): number {
  let s = 0
  if (m.kind === "dense") {
    const base = i * m.nCols
    for (let j = 0; j < m.nCols; j++) s += m.data[base + j] * w[offset + j]
  } else {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) s += m.data[p] * w[offset + m.indices[p]]
  }
  return s
}

/** out[offset .. offset+nCols) += scale · row i of X. */
export function addScaledRow(m: FeatureMatrix, i: number, scale: number, out: Float64Array, offset: number): void {
  if (m.kind === "dense") {
    const base = i * m.nCols
    for (let j = 0; j < m.nCols; j++) out[offset + j] += scale * m.data[base + j]
  } else {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[offset + m.indices[p]] += scale * m.data[p]
  }
}
