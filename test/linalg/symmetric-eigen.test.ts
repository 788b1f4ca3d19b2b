import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { symmetricEigen } from "../../src/linalg/symmetric-eigen"

// numpy.linalg.eigh of the 5 × 5 Hilbert matrix, largest first, each vector signed so that its
// largest component is positive (test/linalg/reference/symmetric_eigen_reference.py, run by hand).
const HILBERT_VALUES = [
  1.5670506910982303, 0.2085342186110134, 0.011407491623419684, 0.0003058980401511429, 3.2879287721667334e-6,
]
const HILBERT_VECTORS = [
  [0.7678547350658071, 0.44579106046270944, 0.3215782944802202, 0.2534389432451752, 0.20982263656363154],
  [0.6018714783539728, -0.2759134174320983, -0.42487662235152174, -0.443903038699774, -0.42901335368169324],
  [-0.21421362414062114, 0.7241021314801017, 0.12045327853602217, -0.3095739698533965, -0.5651934105221382],
  [0.047161806831171216, -0.43266733469442675, 0.6673504438834217, 0.2330245152804474, -0.5575999478046528],
  [-0.006173863456722428, 0.11669274684772817, -0.5061636583525907, 0.7671911930851376, -0.37624554543392896],
]

describe("symmetricEigen", () => {
  it("gives the closed form of a 2 × 2 matrix: [[2, 1], [1, 2]] has 3 on (1, 1)/√2 and 1 on (1, −1)/√2", () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2)
    expect(values[0]).toBeCloseTo(3, 14)
    expect(values[1]).toBeCloseTo(1, 14)
    const h = Math.SQRT1_2
    for (const [k, want] of [
      [0, h],
      [1, h],
      [2, h],
      [3, -h],
    ])
      expect(vectors[k]).toBeCloseTo(want, 14)
  })

  it("matches numpy's eigh on the ill-conditioned Hilbert matrix", () => {
    const h = Float64Array.from({ length: 25 }, (_, k) => 1 / (Math.floor(k / 5) + (k % 5) + 1))
    const { values, vectors } = symmetricEigen(h, 5)
    HILBERT_VALUES.forEach((v, k) => expect(Math.abs(values[k] - v)).toBeLessThan(1e-14))
    HILBERT_VECTORS.forEach((row, k) => row.forEach((v, i) => expect(vectors[k * 5 + i]).toBeCloseTo(v, 10)))
  })

  it("decomposes a random symmetric matrix: A v = λ v, orthonormal vectors, Σλ = trace", () => {
    const rng = createRng(3)
    const n = 12
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        a[i * n + j] = rng.next() * 2 - 1
        a[j * n + i] = a[i * n + j]
      }
    const { values, vectors } = symmetricEigen(a, n)
    let trace = 0
    for (let i = 0; i < n; i++) trace += a[i * n + i]
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 12)
    for (let k = 0; k < n; k++) {
      if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1])
      for (let i = 0; i < n; i++) {
        let av = 0
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[k * n + j]
        expect(Math.abs(av - values[k] * vectors[k * n + i])).toBeLessThan(1e-12)
      }
      for (let m = 0; m < n; m++) {
        let d = 0
        for (let i = 0; i < n; i++) d += vectors[k * n + i] * vectors[m * n + i]
        expect(Math.abs(d - (k === m ? 1 : 0))).toBeLessThan(1e-12)
      }
    }
  })

  it("returns a diagonal matrix's entries sorted, on the unit vectors", () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(1, 0, 0, 0, 5, 0, 0, 0, 3), 3)
    expect(Array.from(values)).toEqual([5, 3, 1])
    expect(Array.from(vectors)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0])
  })

  it("rejects a wrong size, a non-finite entry and an asymmetric matrix", () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow("n = 2 (4 values), got 3 values")
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow("(0, 1) is NaN")
    expect(() => symmetricEigen([1, 2, 3, 1], 2)).toThrow("entry (0, 1) = 2 differs from (1, 0) = 3")
  })
})
