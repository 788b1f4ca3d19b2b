import { describe, expect, it } from "vitest"
import { BLOCKED_FROM, choleskyBlockedInPlace } from "../../src/linalg/blocked"
import { choleskyInPlace, choleskyInverse, choleskySolveInPlace } from "../../src/linalg/cholesky"
import { dot, dotAt } from "../../src/linalg/dot"
import { principalComponents, projectOntoComponents } from "../../src/linalg/principal-components"
import { symmetricEigen } from "../../src/linalg/symmetric-eigen"

// Reference numbers: numpy 1.24 (Debian), run by hand: test/linalg/reference/exact_values.py.
const A = [4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3]
const NUMPY = {
  cholesky: [2, 0, 0, 1, 2, 0, 0.3, 0.6, 1.5968719422671311],
  inverse: [
    0.3125, -0.125, 0, -0.125, 0.2852941176470588, -0.11764705882352942, 0, -0.11764705882352942, 0.3921568627450981,
  ],
  solve: [0.5625, -0.7544117647058823, 0.4313725490196079],
  eigenvalues: [4.696279637555087, 1.5449206982532773, -0.2412003358083651],
  eigenvectors: [
    -0.3819478218018306, 0.7902175887321817, -0.47924109160122474, 0.9227731166157743, 0.2974421427844042,
    -0.24498560559149768, 0.05104543732840138, 0.5358025141356828, 0.8427989257075699,
  ],
  pcaVariance: [5.670992026436489, 0.5290079735635118],
  pcaRatio: [0.9146761332962078, 0.08532386670379223],
  pcaComponents: [0.6191231894884394, 0.7852938788999072, 0.7852938788999072, -0.6191231894884394],
  pcaScores: [
    -2.1805990336567675, -0.8276399304136871, -2.346769723068235, 0.5767771379746595, 0.6282351031199256,
    -0.49529855159075137, 0.4620644137084578, 0.9091185167975951, 3.4370692398966187, -0.16295717276781568,
  ],
}

function closeAll(got: ArrayLike<number>, want: readonly number[], digits: number): void {
  expect(got.length).toBe(want.length)
  expect(Array.from(got)).toEqual(want.map((v) => expect.closeTo(v, digits)))
}

describe("dot products", () => {
  it("sum over the first array's length, or n entries from two offsets", () => {
    expect(dot(Float64Array.of(1, -2, 3), Float64Array.of(4, 5, 6, 100))).toBe(4 - 10 + 18)
    expect(dot(new Float64Array(0), Float64Array.of(1))).toBe(0)
    expect(dotAt(Float64Array.of(9, 1, 2, 3), 1, Float64Array.of(7, 3, 4, 5), 1, 2)).toBe(1 * 3 + 2 * 4)
    expect(dotAt(Float64Array.of(9, 1, 2, 3), 2, Float64Array.of(3, 4), 0, 2)).toBe(2 * 3 + 3 * 4)
  })
})

describe("Cholesky", () => {
  it("factors, solves and inverts a 3 × 3 matrix like numpy to 1e-15", () => {
    closeAll(choleskyInPlace(Float64Array.from(A), 3), NUMPY.cholesky, 15)
    closeAll(choleskySolveInPlace(Float64Array.from(A), Float64Array.of(1, -2, 0.5), 3), NUMPY.solve, 15)
    closeAll(choleskyInverse(Float64Array.from(A), 3), NUMPY.inverse, 15)
  })

  it("inverts the tridiagonal second-difference matrix to its closed form min(i,j)(n+1−max(i,j))/(n+1)", () => {
    const n = 4
    const t = new Float64Array(n * n)
    for (let i = 0; i < n; i++) {
      t[i * n + i] = 2
      if (i > 0) t[i * n + i - 1] = t[(i - 1) * n + i] = -1
    }
    const inv = choleskyInverse(t, n)
    for (let i = 1; i <= n; i++)
      for (let j = 1; j <= n; j++)
        expect(inv[(i - 1) * n + j - 1]).toBeCloseTo((Math.min(i, j) * (n + 1 - Math.max(i, j))) / (n + 1), 14)
  })

  it("handles 1 × 1: √a, b/a and 1/a", () => {
    expect(Array.from(choleskyInPlace(Float64Array.of(9), 1))).toEqual([3])
    expect(Array.from(choleskySolveInPlace(Float64Array.of(4), Float64Array.of(2), 1))).toEqual([0.5])
    expect(Array.from(choleskyInverse(Float64Array.of(4), 1))).toEqual([0.25])
  })

  it("hands n = BLOCKED_FROM to the blocked kernel (the same bits)", () => {
    const n = BLOCKED_FROM
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = i === j ? n : 1 / (1 + i + j)
    expect(choleskyInPlace(a.slice(), n)).toEqual(choleskyBlockedInPlace(a.slice(), n))
  })

  it("names the size and the pivot that is not positive, below and from the blocked size on", () => {
    expect(() => choleskyInPlace(Float64Array.of(1, 2, 3), 2)).toThrow(
      "cholesky: the matrix must have 2×2 = 4 entries, got 3",
    )
    expect(() => choleskyInverse(new Float64Array(5), BLOCKED_FROM)).toThrow(
      `cholesky: the matrix must have ${BLOCKED_FROM}×${BLOCKED_FROM} = ${BLOCKED_FROM ** 2} entries, got 5`,
    )
    expect(() => choleskyInPlace(Float64Array.of(-1, 0, 0, 1), 2)).toThrow(
      "cholesky: the matrix is not positive definite (pivot 0 is -1)",
    )
    expect(() => choleskyInPlace(Float64Array.of(1, 0, 0, Number.NaN), 2)).toThrow(
      "cholesky: the matrix is not positive definite (pivot 1 is NaN)",
    )
  })
})

describe("symmetricEigen", () => {
  it("matches numpy's eigh on an indefinite 3 × 3 matrix (largest first, largest component positive)", () => {
    const { values, vectors } = symmetricEigen([2, -1, 0.5, -1, 3, -2, 0.5, -2, 1], 3)
    closeAll(values, NUMPY.eigenvalues, 14)
    closeAll(vectors, NUMPY.eigenvectors, 14)
  })

  it("keeps equal eigenvalues in index order and flips a vector whose largest component is negative", () => {
    const equal = symmetricEigen([2, 0, 0, 2], 2)
    expect(Array.from(equal.values)).toEqual([2, 2])
    expect(Array.from(equal.vectors)).toEqual([1, 0, 0, 1])
    // [[1, −1], [−1, 1]]: 2 on (1, −1)/√2, whose largest |component| is +1/√2 first
    const { values, vectors } = symmetricEigen([1, -1, -1, 1], 2)
    closeAll(values, [2, 0], 15)
    closeAll(vectors, [Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2], 15)
  })

  it("solves 1 × 1, a matrix with a zero pair on equal diagonals, and one of scale 1e−12", () => {
    const one = symmetricEigen([-3], 1)
    expect([Array.from(one.values), Array.from(one.vectors)]).toEqual([[-3], [1]])
    // [[2, 0, 1], [0, 2, 0], [1, 0, 2]]: 3 on (1, 0, 1)/√2, 2 on (0, 1, 0), 1 on (1, 0, −1)/√2 (closed form)
    const zeroPair = symmetricEigen([2, 0, 1, 0, 2, 0, 1, 0, 2], 3)
    closeAll(zeroPair.values, [3, 2, 1], 15)
    const r = Math.SQRT1_2
    closeAll(zeroPair.vectors, [r, 0, r, 0, 1, 0, r, 0, -r], 15)
    // the stopping rule is relative to the matrix's own size: [[2, 1], [1, 2]]·1e−12 has 3e−12 and 1e−12
    const tiny = symmetricEigen([2e-12, 1e-12, 1e-12, 2e-12], 2)
    expect(Array.from(tiny.values)).toEqual([expect.closeTo(3e-12, 26), expect.closeTo(1e-12, 26)])
  })

  it("returns the zero matrix as is", () => {
    const { values, vectors } = symmetricEigen([0, 0, 0, 0], 2)
    expect(Array.from(values)).toEqual([0, 0])
    expect(Array.from(vectors)).toEqual([1, 0, 0, 1])
  })

  it("accepts an asymmetry of rounding (1e−12 relative) and names a larger one exactly", () => {
    expect(symmetricEigen([1, 2, 2 * (1 + 1e-13), 1], 2).values[0]).toBeCloseTo(3, 12)
    expect(() => symmetricEigen([1, 2, 2 * (1 + 1e-11), 1], 2)).toThrow(
      `symmetricEigen: entry (0, 1) = 2 differs from (1, 0) = ${2 * (1 + 1e-11)}`,
    )
    // the tolerance scales with the entries: 1e−13 relative of 1000 is accepted
    expect(symmetricEigen([1000, 2000, 2000 * (1 + 1e-13), 1000], 2).values[0]).toBeCloseTo(3000, 9)
    // an asymmetry away from row 0 is found and named with both entries
    expect(() => symmetricEigen([1, 3, 0, 3, 1, 2, 0, 3, 1], 3)).toThrow(
      "symmetricEigen: entry (1, 2) = 2 differs from (2, 1) = 3",
    )
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(
      "symmetricEigen: expected an n × n matrix with n = 2 (4 values), got 3 values",
    )
    expect(() => symmetricEigen([], 0)).toThrow("symmetricEigen: expected an n × n matrix with n = 0 (0 values)")
    expect(() => symmetricEigen([1, 0, 0, Number.POSITIVE_INFINITY], 2)).toThrow(
      "symmetricEigen: entry (1, 1) is Infinity; entries must be finite",
    )
  })
})

describe("principalComponents", () => {
  const X = [1, 2, 2, 1, 3, 4, 4, 3, 5, 6]

  it("matches numpy's covariance eigenpairs, variance shares and scores on 5 × 2 data", () => {
    const pca = principalComponents(X, 5, 2, 2)
    expect(Array.from(pca.mean)).toEqual([3, 3.2])
    closeAll(pca.variance, NUMPY.pcaVariance, 14)
    closeAll(pca.explainedRatio, NUMPY.pcaRatio, 14)
    closeAll(pca.components, NUMPY.pcaComponents, 14)
    closeAll(projectOntoComponents(pca, X, 5), NUMPY.pcaScores, 13)
  })

  it("keeps the share of the whole variance when only k = 1 component is kept", () => {
    const pca = principalComponents(X, 5, 2, 1)
    closeAll(pca.variance, NUMPY.pcaVariance.slice(0, 1), 14)
    closeAll(pca.explainedRatio, NUMPY.pcaRatio.slice(0, 1), 14)
    closeAll(
      projectOntoComponents(pca, X, 5),
      [0, 2, 4, 6, 8].map((i) => NUMPY.pcaScores[i]),
      13,
    )
  })

  it("works from n = 2 rows and d = 1 column: the sample variance (divisor n − 1)", () => {
    const line = principalComponents([1, 4], 2, 1, 1)
    expect([Array.from(line.mean), Array.from(line.components), Array.from(line.variance)]).toEqual([[2.5], [1], [4.5]])
    expect(Array.from(line.explainedRatio)).toEqual([1])
  })

  it("gives zero variance and zero shares to constant data, not NaN", () => {
    const pca = principalComponents([1, 2, 1, 2, 1, 2], 3, 2, 2)
    expect(Array.from(pca.variance)).toEqual([0, 0])
    expect(Array.from(pca.explainedRatio)).toEqual([0, 0])
  })

  it("names the bad shape or k", () => {
    expect(() => principalComponents([1, 2], 1, 2, 1)).toThrow(
      "principalComponents: expected n × d values with n ≥ 2, got 2 for 1 × 2",
    )
    expect(() => principalComponents([], 2, 0, 1)).toThrow(
      "principalComponents: expected n × d values with n ≥ 2, got 0 for 2 × 0",
    )
    expect(() => principalComponents(X, 5, 2, 0)).toThrow("principalComponents: k must be an integer in [1, 2], got 0")
    expect(() => principalComponents(X, 5, 2, 1.5)).toThrow(
      "principalComponents: k must be an integer in [1, 2], got 1.5",
    )
    expect(() => projectOntoComponents(principalComponents(X, 5, 2, 1), [1, 2, 3], 2)).toThrow(
      "projectOntoComponents: expected 2 × 2 values, got 3",
    )
  })
})
