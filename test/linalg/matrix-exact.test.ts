import { describe, expect, it } from "vitest"
import {
  type SparseMatrix,
  addScaledRow,
  checkFeatures,
  columnMoments,
  denseMatrix,
  fromRowMajor,
  matrixRows,
  rowDot,
  toDense,
} from "../../src/linalg/matrix"

/** The 3 × 4 matrix [[0, 2, 0, 3], [0, 0, 0, 0], [5, 0, 7, 0]] in compressed sparse rows. */
function sparse(): SparseMatrix {
  return {
    kind: "csr",
    nRows: 3,
    nCols: 4,
    indptr: Int32Array.of(0, 2, 2, 4),
    indices: Int32Array.of(1, 3, 0, 2),
    data: Float64Array.of(2, 3, 5, 7),
  }
}

describe("columnMoments", () => {
  it("gives the mean and the population variance (divided by n) of one column", () => {
    // Column 1 is (2, 4, 9): mean 5, squared deviations 9 + 1 + 16 = 26, variance 26/3.
    const X = denseMatrix([
      [1, 2],
      [3, 4],
      [5, 9],
    ])
    expect(columnMoments(X, 1)).toEqual({ mean: 5, variance: 26 / 3 })
    // Column 0 is (1, 3, 5): mean 3, variance (4 + 0 + 4)/3.
    expect(columnMoments(X, 0)).toEqual({ mean: 3, variance: 8 / 3 })
  })
})

describe("denseMatrix", () => {
  it("lays rows out row-major and names the shape", () => {
    const m = denseMatrix([Float64Array.of(1, 2, 3), [4, 5, 6]])
    expect(m.kind).toBe("dense")
    expect(m.nRows).toBe(2)
    expect(m.nCols).toBe(3)
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it("refuses no rows, no columns and ragged rows, with the row and the lengths", () => {
    expect(() => denseMatrix([])).toThrow("denseMatrix: rows must not be empty")
    expect(() => denseMatrix([[]])).toThrow("denseMatrix: rows must have at least one column")
    expect(() => denseMatrix([[1, 2], [3, 4], [5]])).toThrow("denseMatrix: row 2 has 1 values, row 0 has 2")
  })
})

describe("fromRowMajor", () => {
  it("copies the flat array into a matrix of the given shape", () => {
    const src = [1, 2, 3, 4, 5, 6]
    const m = fromRowMajor(src, 3, 2)
    expect(m).toEqual({ kind: "dense", nRows: 3, nCols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6) })
    src[0] = 99
    expect(m.data[0]).toBe(1)
    expect(fromRowMajor([], 0, 0).data.length).toBe(0)
    expect(fromRowMajor([], 0, 5).nCols).toBe(5)
    expect(fromRowMajor([], 5, 0).nRows).toBe(5)
  })

  it("refuses a length that is not nRows·nCols and non-integer or negative shapes", () => {
    const msg = "fromRowMajor: data has 6 values, expected nRows * nCols = 2 * 2"
    expect(() => fromRowMajor([1, 2, 3, 4, 5, 6], 2, 2)).toThrow(msg)
    expect(() => fromRowMajor([1, 2, 3], 1.5, 2)).toThrow("data has 3 values, expected nRows * nCols = 1.5 * 2")
    expect(() => fromRowMajor([1, 2, 3], 3, 1.0000001)).toThrow("expected nRows * nCols = 3 * 1.0000001")
    expect(() => fromRowMajor([], -1, 0)).toThrow("expected nRows * nCols = -1 * 0")
    expect(() => fromRowMajor([], 0, -1)).toThrow("expected nRows * nCols = 0 * -1")
    // -2 · -3 = 6 entries would match the length: the signs are checked on their own.
    expect(() => fromRowMajor([1, 2, 3, 4, 5, 6], -2, -3)).toThrow("= -2 * -3")
    expect(() => fromRowMajor([1, 2, 3, 4, 5, 6], 2, -3)).toThrow("= 2 * -3")
    expect(() => fromRowMajor([1, 2, 3, 4, 5, 6], -2, 3)).toThrow("= -2 * 3")
  })
})

describe("toDense and matrixRows", () => {
  it("expands compressed sparse rows, keeping the empty row at zeros", () => {
    const d = toDense(sparse())
    expect(d.kind).toBe("dense")
    expect(d.nRows).toBe(3)
    expect(d.nCols).toBe(4)
    expect(Array.from(d.data)).toEqual([0, 2, 0, 3, 0, 0, 0, 0, 5, 0, 7, 0])
    expect(matrixRows(sparse())).toEqual([
      [0, 2, 0, 3],
      [0, 0, 0, 0],
      [5, 0, 7, 0],
    ])
  })

  it("returns a dense matrix itself", () => {
    const m = denseMatrix([
      [1, 2],
      [3, 4],
    ])
    expect(toDense(m)).toBe(m)
    expect(matrixRows(m)).toEqual([
      [1, 2],
      [3, 4],
    ])
  })
})

describe("checkFeatures", () => {
  it("names the caller, the row and the column of the first non-finite entry", () => {
    const m = denseMatrix([
      [1, 2, 3],
      [4, 5, Number.NaN],
    ])
    expect(() => checkFeatures(m, "Fit")).toThrow("Fit: X[1][2] is NaN; features must be finite numbers")
    const inf = denseMatrix([
      [1, Number.POSITIVE_INFINITY, 3],
      [4, 5, Number.NaN],
    ])
    expect(() => checkFeatures(inf, "Fit")).toThrow("Fit: X[0][1] is Infinity; features must be finite numbers")
    const s = sparse()
    s.data[3] = Number.NEGATIVE_INFINITY
    expect(() => checkFeatures(s, "Tfidf")).toThrow("Tfidf: X[2][2] is -Infinity; features must be finite numbers")
    const s0 = sparse()
    s0.data[0] = Number.NaN
    expect(() => checkFeatures(s0, "Tfidf")).toThrow("Tfidf: X[0][1] is NaN")
  })

  it("refuses a matrix without rows or columns and accepts finite ones", () => {
    expect(() => checkFeatures(fromRowMajor([], 0, 3), "Fit")).toThrow(
      "Fit: X must have at least one row (got an empty matrix)",
    )
    expect(() => checkFeatures(fromRowMajor([], 2, 0), "Fit")).toThrow("Fit: X must have at least one column")
    expect(() => checkFeatures(denseMatrix([[1, -2]]), "Fit")).not.toThrow()
    expect(() => checkFeatures(sparse(), "Fit")).not.toThrow()
  })
})

describe("rowDot and addScaledRow", () => {
  it("take the dot product of a row with w from an offset, dense and sparse alike", () => {
    const w = Float64Array.of(100, 1, 10, 100, 1000, 10000)
    const s = sparse()
    const d = toDense(s)
    // Row 0 = (0, 2, 0, 3) against w[1..5) = (1, 10, 100, 1000): 20 + 3000.
    expect(rowDot(s, 0, w, 1)).toBe(3020)
    expect(rowDot(d, 0, w, 1)).toBe(3020)
    // Row 2 = (5, 0, 7, 0) against w[2..6) = (10, 100, 1000, 10000): 50 + 7000.
    expect(rowDot(s, 2, w, 2)).toBe(7050)
    expect(rowDot(d, 2, w, 2)).toBe(7050)
    expect(rowDot(s, 1, w, 0)).toBe(0)
    expect(rowDot(d, 1, w, 0)).toBe(0)
  })

  it("add scale · row into out from an offset, dense and sparse alike", () => {
    for (const m of [sparse(), toDense(sparse())]) {
      const out = Float64Array.of(1, 1, 1, 1, 1, 1)
      addScaledRow(m, 2, -2, out, 1)
      expect(Array.from(out)).toEqual([1, -9, 1, -13, 1, 1])
      addScaledRow(m, 0, 0.5, out, 2)
      expect(Array.from(out)).toEqual([1, -9, 1, -12, 1, 2.5])
    }
  })
})
