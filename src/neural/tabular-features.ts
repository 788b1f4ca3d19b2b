/** A dense row-major matrix of features: row r, column c is `data[r * cols + c]`. */
export interface TabularFeatures {
  data: Float32Array
  rows: number
  cols: number
  /** Optional column names (for reports and error messages). */
  names?: string[]
}

/**
 * Checks a feature matrix's shape and values, naming `input` in the error.
 * @param expectedCols when given, the column count the model was fitted with
 * @throws Error on a data length that is not rows × cols, a wrong column count, or a non-finite value
 * @example checkTabularFeatures(x, "x", 12)
 */
export function checkTabularFeatures(x: TabularFeatures, input: string, expectedCols?: number): void {
  if (!Number.isInteger(x.rows) || x.rows < 0 || !Number.isInteger(x.cols) || x.cols < 1) {
    throw new Error(
      `${input}: rows must be a non-negative integer and cols a positive integer, got ${x.rows} × ${x.cols}`,
    )
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new Error(
      `${input}: data has ${x.data.length} values but rows × cols = ${x.rows} × ${x.cols} = ${x.rows * x.cols}`,
    )
  }
  if (expectedCols !== undefined && x.cols !== expectedCols) {
    throw new Error(`${input}: expected ${expectedCols} feature columns (as in fit), got ${x.cols}`)
  }
  const d = x.data
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      const col = i % x.cols
      const name = x.names?.[col] !== undefined ? ` (${x.names[col]})` : ""
      throw new Error(
        `${input}: row ${Math.floor(i / x.cols)}, column ${col}${name} is ${d[i]}; features must be finite`,
      )
    }
  }
}

/**
 * Checks binary labels: one per row, each 0 or 1.
 * @throws Error naming `input`, the first bad index and its value
 * @example checkBinaryLabels(y, 100, "y")
 */
export function checkBinaryLabels(y: ArrayLike<number>, rows: number, input: string): void {
  if (y.length !== rows) throw new Error(`${input}: has ${y.length} labels but the features have ${rows} rows`)
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`${input}[${i}] is ${y[i]}; labels must be 0 or 1`)
  }
}

/** The rows `index` of `x`, as a new matrix (for train/test splits). */
export function selectRows(x: TabularFeatures, index: ArrayLike<number>): TabularFeatures {
  const out = new Float32Array(index.length * x.cols)
  for (let k = 0; k < index.length; k++)
    out.set(x.data.subarray(index[k] * x.cols, (index[k] + 1) * x.cols), k * x.cols)
  return { data: out, rows: index.length, cols: x.cols, names: x.names }
}
