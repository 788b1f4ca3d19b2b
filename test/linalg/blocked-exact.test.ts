import { describe, expect, it } from "vitest"
import {
  PARALLEL_FROM,
  choleskyBlockedInPlace,
  choleskySolveManyInPlace,
  gram,
  matMul,
  spdInverseBlocked,
} from "../../src/linalg/blocked"
import { productSize, solveLayout, spdLayout } from "../../src/linalg/kernels/blocked-spd"

/** The Kac–Murdock–Szegő matrix A_ij = ρ^|i−j| (row-major). */
function kms(n: number, rho: number): Float64Array {
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = rho ** Math.abs(i - j)
  return a
}

/** Its Cholesky factor in closed form (the AR(1) innovations): L_i0 = ρ^i, L_ij = ρ^(i−j)·√(1 − ρ²) for 1 ≤ j ≤ i. */
function kmsFactor(n: number, rho: number): Float64Array {
  const l = new Float64Array(n * n)
  const s = Math.sqrt(1 - rho * rho)
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) l[i * n + j] = rho ** (i - j) * (j === 0 ? 1 : s)
  return l
}

/** Its inverse in closed form: (1 − ρ²)·A⁻¹ = tridiag(−ρ; 1, 1 + ρ², …, 1 + ρ², 1; −ρ). */
function kmsInverse(n: number, rho: number): Float64Array {
  const c = 1 / (1 - rho * rho)
  const w = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    w[i * n + i] = (i === 0 || i === n - 1 ? 1 : 1 + rho * rho) * c
    if (i > 0) w[i * n + i - 1] = w[(i - 1) * n + i] = -rho * c
  }
  return w
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length)
  let d = 0
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]))
  return d
}

describe("the blocked kernel on the KMS matrix, against closed forms", () => {
  it("factors n = 5 (one padded block) and n = 70 (two blocks, the last padded) to the closed-form L", () => {
    for (const n of [5, 70]) {
      for (const wasm of n < 64 ? [true, false] : [true]) {
        const l = choleskyBlockedInPlace(kms(n, 0.5), n, { wasm })
        expect(maxDiff(l, kmsFactor(n, 0.5))).toBeLessThan(1e-14)
      }
    }
  })

  it("inverts n = 5 and n = 70 to the closed-form tridiagonal inverse", () => {
    for (const n of [5, 70]) {
      for (const wasm of n < 64 ? [true, false] : [true]) {
        const a = kms(n, 0.5)
        const inv = spdInverseBlocked(a, n, { wasm, workers: 0 })
        expect(maxDiff(inv, kmsInverse(n, 0.5))).toBeLessThan(1e-13)
        expect(a).toEqual(kms(n, 0.5))
      }
    }
  })

  it("solves for 5 right-hand sides (padded to 8) as the closed-form inverse times B, n = 3 and n = 70", () => {
    for (const n of [3, 70]) {
      const nrhs = 5
      const b = Float64Array.from({ length: n * nrhs }, (_, t) => ((t * 7) % 11) - 5)
      const inv = kmsInverse(n, 0.5)
      const want = new Float64Array(n * nrhs)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < nrhs; j++)
          for (let k = 0; k < n; k++) want[i * nrhs + j] += inv[i * n + k] * b[k * nrhs + j]
      for (const wasm of n < 64 ? [true, false] : [true]) {
        const a = kms(n, 0.5)
        const x = b.slice()
        expect(choleskySolveManyInPlace(a, x, n, nrhs, { wasm })).toBe(x)
        expect(maxDiff(x, want)).toBeLessThan(1e-12)
        expect(a).toEqual(kms(n, 0.5))
      }
    }
  })

  it("names a pivot that is not positive, also in the second block, and checks the sizes", () => {
    const a = kms(70, 0.5)
    a[66 * 70 + 66] = 0.25
    expect(() => choleskyBlockedInPlace(a.slice(), 70)).toThrow(
      /^cholesky: the matrix is not positive definite \(pivot 66 is -?[0-9.e-]+\)$/,
    )
    expect(() => spdInverseBlocked(a, 70)).toThrow("not positive definite (pivot 66 ")
    expect(() => choleskySolveManyInPlace(a, new Float64Array(70), 70, 1)).toThrow("not positive definite (pivot 66 ")
    expect(() => choleskyBlockedInPlace(kms(2, 0.5), 3)).toThrow(
      "cholesky: the matrix must have 3×3 = 9 entries, got 4",
    )
    expect(() => choleskySolveManyInPlace(kms(2, 0.5), new Float64Array(4), 3, 1)).toThrow(
      "cholesky: the matrix must have 3×3 = 9 entries, got 4",
    )
    expect(() => choleskySolveManyInPlace(kms(3, 0.5), new Float64Array(5), 3, 2)).toThrow(
      "cholesky: the right-hand sides must have 3×2 = 6 entries, got 5",
    )
    expect(() => spdInverseBlocked(kms(2, 0.5), 3)).toThrow("cholesky: the matrix must have 3×3 = 9 entries, got 4")
    expect(() => spdInverseBlocked(kms(3, 0.5), 3, { workers: -1 })).toThrow("workers must be an integer ≥ 0, got -1")
    expect(() => spdInverseBlocked(kms(3, 0.5), 3, { workers: 1.5 })).toThrow(
      "dense kernel: workers must be an integer ≥ 0, got 1.5",
    )
  })

  it("gives the same bits with a worker thread at a size that uses the default from PARALLEL_FROM", () => {
    expect(PARALLEL_FROM).toBe(768)
    const a = kms(70, 0.3)
    expect(spdInverseBlocked(a, 70, { workers: 1 })).toEqual(spdInverseBlocked(a, 70))
  })
})

describe("matMul and gram, edge sizes", () => {
  it("multiplies empty shapes to zeros and checks B's size", () => {
    expect(Array.from(matMul(new Float64Array(0), new Float64Array(6), 0, 2, 3))).toEqual([])
    expect(Array.from(matMul(new Float64Array(2), new Float64Array(0), 2, 1, 0))).toEqual([])
    expect(Array.from(matMul(new Float64Array(0), new Float64Array(0), 2, 0, 3))).toEqual([0, 0, 0, 0, 0, 0])
    expect(() => matMul(new Float64Array(5), new Float64Array(6), 2, 2, 3)).toThrow(
      "matMul: A must have 2×2 = 4 entries, got 5",
    )
    expect(() => matMul(new Float64Array(4), new Float64Array(5), 2, 2, 3)).toThrow(
      "matMul: B must have 2×3 = 6 entries, got 5",
    )
    // A 1 × 1 by 1 × 5 product: C = 3·(1..5).
    expect(Array.from(matMul(Float64Array.of(3), Float64Array.of(1, 2, 3, 4, 5), 1, 1, 5))).toEqual([3, 6, 9, 12, 15])
  })

  it("gram fills out (zeros for no rows), uses only the first n·f entries and checks the size", () => {
    const out = new Float64Array(4).fill(7)
    expect(Array.from(gram(new Float64Array(0), 0, 2, out))).toEqual([0, 0, 0, 0])
    const big = new Float64Array(10).fill(9)
    expect(Array.from(gram(Float64Array.of(1, 2, 3, 4, 100), 2, 2, big))).toEqual([10, 14, 14, 20, 9, 9, 9, 9, 9, 9])
    expect(
      Array.from(gram(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 1, 9, new Float64Array(81))).slice(0, 9),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    // f = 4 (no padding): the packed copy of Y stops exactly where the product's output starts.
    const y4 = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    expect(Array.from(gram(y4, 3, 4, new Float64Array(16)))).toEqual([
      107, 122, 137, 152, 122, 140, 158, 176, 137, 158, 179, 200, 152, 176, 200, 224,
    ])
    // f = 6 over n = 2: two packed strips of Y, 4·n apart.
    const y6 = Float64Array.of(1, 2, 3, 4, 5, 6, 1, 0, 1, 0, 1, 0)
    const g6 = gram(y6, 2, 6, new Float64Array(36))
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 6; b++) expect(g6[a * 6 + b]).toBe(y6[a] * y6[b] + y6[6 + a] * y6[6 + b])
    expect(() => gram(new Float64Array(5), 2, 3, new Float64Array(9))).toThrow(
      "gram: Y must have 2×3 = 6 entries, got 5",
    )
  })
})

describe("layouts", () => {
  it("pads to whole 64-blocks and places every area after the previous one", () => {
    const at = spdLayout(70, true)
    expect(at).toEqual({
      n: 70,
      N: 128,
      matrix: 0,
      packedInverse: 16384,
      diagonalInverses: 32768,
      panel: 32768 + 8192,
      small: 32768 + 2 * 8192,
      work: 32768 + 2 * 8192 + 4096,
      packedWork: 32768 + 3 * 8192 + 4096,
      rowBlock: 32768 + 4 * 8192 + 4096,
      end: 32768 + 5 * 8192 + 4096,
    })
    expect(spdLayout(64, false).diagonalInverses).toBe(4096)
    const s = solveLayout(64, 5)
    expect(s.R).toBe(8)
    expect(s.rhs).toBe(s.at.end)
    expect(s.block).toBe(s.rhs + 64 * 8)
    expect(s.packedBlock).toBe(s.block + 64 * 8)
    expect(s.out).toBe(s.packedBlock + 64 * 8)
    expect(s.end).toBe(s.out + 64 * 8)
    expect(productSize(5, 3, 2)).toBe(8 * 3 + 4 * 3 + 8 * 4)
  })
})
