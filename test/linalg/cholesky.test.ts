import { describe, expect, it } from "vitest"
import { choleskyInPlace, choleskyInverse, choleskySolveInPlace } from "../../src/linalg/cholesky"
import { SMALL } from "../recommenders/fixtures"

// G = XᵀX + 2I for the SMALL matrix; inverse from numpy 1.24.2, np.linalg.inv(G) (run by hand).
const NUMPY_INVERSE = [
  0.2603795966785291, -0.04804270462633451, -0.08185053380782917, -0.01542111506524318, -0.02669039145907473,
  -0.04804270462633452, 0.2366548042704626, -0.07829181494661919, 0.01423487544483986, -0.09074733096085408,
  -0.08185053380782918, -0.0782918149466192, 0.2740213523131672, -0.04982206405693949, 0.06761565836298931,
  -0.01542111506524317, 0.01423487544483986, -0.04982206405693949, 0.2514827995255041, -0.10320284697508897,
  -0.02669039145907474, -0.09074733096085409, 0.06761565836298931, -0.10320284697508895, 0.28291814946619215,
]

function gram(): Float64Array {
  const n = 5
  const g = new Float64Array(n * n)
  for (const row of SMALL) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] += row[i] * row[j]
  for (let i = 0; i < n; i++) g[i * n + i] += 2
  return g
}

describe("cholesky", () => {
  it("factors the doc example: [[4,2],[2,3]] = L Lᵀ with L = [[2,0],[1,√2]]", () => {
    const l = choleskyInPlace(Float64Array.of(4, 2, 2, 3), 2)
    expect(Array.from(l)).toEqual([2, 0, 1, Math.SQRT2])
  })

  it("inverts XᵀX + 2I like numpy.linalg.inv to 1e-13 and leaves its input alone", () => {
    const g = gram()
    const copy = g.slice()
    const inv = choleskyInverse(g, 5)
    inv.forEach((v, k) => expect(v).toBeCloseTo(NUMPY_INVERSE[k], 13))
    expect(g).toEqual(copy)
  })

  it("solves A x = b", () => {
    expect(Array.from(choleskySolveInPlace(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2))).toEqual([0.5, 0])
    const x = choleskySolveInPlace(gram(), Float64Array.of(1, 0, 0, 0, 0), 5)
    x.forEach((v, k) => expect(v).toBeCloseTo(NUMPY_INVERSE[k * 5], 13))
  })

  it("rejects a matrix that is not positive definite, and a wrong size", () => {
    expect(() => choleskyInverse(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/not positive definite \(pivot 1/)
    expect(() => choleskyInverse(Float64Array.of(1, 2, 3), 2)).toThrow(/2×2 = 4 entries/)
    // positive semi-definite but singular: the second pivot is exactly 0, which must be refused, not divided by
    expect(() => choleskySolveInPlace(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1), 2)).toThrow(
      "cholesky: the matrix is not positive definite (pivot 1 is 0)",
    )
  })
})
