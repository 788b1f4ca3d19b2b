import { describe, expect, it } from "vitest"
import {
  BLOCKED_FROM,
  choleskyBlockedInPlace,
  choleskySolveManyInPlace,
  gram,
  matMul,
  spdInverseBlocked,
} from "../../src/linalg/blocked"
import { choleskyInPlace, choleskyInverse, choleskySolveInPlace } from "../../src/linalg/cholesky"
import { DenseHeap, gemmJs } from "../../src/linalg/kernels/dense-heap"
import { createRng } from "../../src/random/rng"

/** A random SPD matrix XXᵀ/n + I (row-major), X with uniform(−1, 1) entries. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed)
  const x = Float64Array.from({ length: n * n }, () => 2 * rng.next() - 1)
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0
      for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k]
      a[i * n + j] = a[j * n + i] = s / n + (i === j ? 1 : 0)
    }
  }
  return a
}

function maxAbs(a: Float64Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]))
  return d
}

describe("the packed product", () => {
  it("gives the same bits in WebAssembly SIMD and in JavaScript, each the plain ordered sum", () => {
    const [m, n, k] = [12, 8, 37]
    const size = m * k + k * n + m * n
    const wasm = DenseHeap.create(size)
    const js = DenseHeap.create(size, { wasm: false })
    expect(wasm.isWasm).toBe(true)
    expect(js.isWasm).toBe(false)
    const rng = createRng(5)
    for (let i = 0; i < size; i++) wasm.f64[i] = js.f64[i] = 2 * rng.next() - 1
    const before = wasm.f64.slice()
    const [a, b, c] = [0, m * k, m * k + k * n]
    wasm.gemm(-1, m, n, k, a, 4 * k, b, 4 * k, c, n)
    js.gemm(-1, m, n, k, a, 4 * k, b, 4 * k, c, n)
    expect(wasm.f64).toEqual(js.f64)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let p = 0; p < k; p++)
          s += before[a + (i >> 2) * 4 * k + 4 * p + (i & 3)] * before[b + (j >> 2) * 4 * k + 4 * p + (j & 3)]
        expect(wasm.f64[c + i * n + j]).toBe(before[c + i * n + j] - s)
      }
    }
    gemmJs(js.f64, 1, m, n, k, a, 4 * k, b, 4 * k, c, n)
    wasm.gemm(1, m, n, k, a, 4 * k, b, 4 * k, c, n)
    expect(wasm.f64).toEqual(js.f64)
  })
})

describe("spdInverseBlocked", () => {
  // Kac–Murdock–Szegő matrix A_ij = ρ^|i−j|: its inverse is tridiagonal in closed form,
  // (1 − ρ²)·A⁻¹ = tridiag(−ρ; 1, 1 + ρ², …, 1 + ρ², 1; −ρ) (Kac, Murdock & Szegő 1953).
  it("inverts the KMS matrix (n = 300, padded to 320) to its closed form within 1e-12", () => {
    const n = 300
    const rho = 0.6
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = rho ** Math.abs(i - j)
    const inv = spdInverseBlocked(a, n)
    const c = 1 / (1 - rho * rho)
    const want = new Float64Array(n * n)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        want[i * n + j] =
          i === j ? (i === 0 || i === n - 1 ? c : (1 + rho * rho) * c) : Math.abs(i - j) === 1 ? -rho * c : 0
    }
    expect(maxDiff(inv, want)).toBeLessThan(1e-12)
  })

  it("equals the scalar inverse to 1e-13 relative, is exactly symmetric, and the JavaScript fall-back gives the same bits", () => {
    for (const n of [130, 192]) {
      const a = randomSpd(n, n)
      const copy = a.slice()
      const scalar = spdScalar(a, n)
      const blocked = spdInverseBlocked(a, n)
      expect(a).toEqual(copy)
      expect(maxDiff(blocked, scalar) / maxAbs(scalar)).toBeLessThan(1e-13)
      let asymmetric = 0
      for (let i = 0; i < n; i++)
        for (let j = 0; j < i; j++) if (blocked[i * n + j] !== blocked[j * n + i]) asymmetric++
      expect(asymmetric).toBe(0)
      expect(spdInverseBlocked(a, n, { wasm: false })).toEqual(blocked)
    }
  })

  it("is what choleskyInverse uses from BLOCKED_FROM on", () => {
    const n = BLOCKED_FROM
    const a = randomSpd(n, 3)
    expect(choleskyInverse(a, n)).toEqual(spdInverseBlocked(a, n))
  })

  it("names the pivot that is not positive, counted in the whole matrix", () => {
    const n = 150
    const a = randomSpd(n, 4)
    a[140 * n + 140] = -1
    expect(() => spdInverseBlocked(a, n)).toThrow(/not positive definite \(pivot 140 /)
    expect(() => spdInverseBlocked(new Float64Array(3), 2)).toThrow("2×2 = 4 entries, got 3")
  })
})

describe("choleskyBlockedInPlace", () => {
  it("equals the scalar factor to 1e-13 relative with a zero strict upper triangle, reading only the lower triangle", () => {
    const n = 200
    const a = randomSpd(n, 6)
    const scalar = scalarCholesky(a.slice(), n)
    const lowerOnly = a.slice()
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lowerOnly[i * n + j] = Number.NaN
    const blocked = choleskyBlockedInPlace(lowerOnly, n)
    expect(maxDiff(blocked, scalar) / maxAbs(scalar)).toBeLessThan(1e-13)
    let upper = 0
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper += Math.abs(blocked[i * n + j])
    expect(upper).toBe(0)
    expect(choleskyBlockedInPlace(a.slice(), n, { wasm: false })).toEqual(blocked)
    expect(choleskyInPlace(a.slice(), n)).toEqual(blocked)
  })
})

/** The scalar algorithm of choleskyInverse (which hands n ≥ BLOCKED_FROM to the blocked kernel): L by columns, M = L⁻¹ by rows, A⁻¹ = MᵀM. */
function spdScalar(a: Float64Array, n: number): Float64Array {
  const l = scalarCholesky(a.slice(), n)
  const m = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) for (let c = 0; c <= k; c++) m[i * n + c] -= l[i * n + k] * m[k * n + c]
    m[i * n + i] += 1
    for (let c = 0; c <= i; c++) m[i * n + c] /= l[i * n + i]
  }
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0
      for (let k = i; k < n; k++) s += m[k * n + i] * m[k * n + j]
      out[i * n + j] = out[j * n + i] = s
    }
  }
  return out
}

function scalarCholesky(a: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]
    for (let k = 0; k < j; k++) d -= a[j * n + k] ** 2
    const ljj = Math.sqrt(d)
    a[j * n + j] = ljj
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k]
      a[i * n + j] = s / ljj
    }
    for (let k = j + 1; k < n; k++) a[j * n + k] = 0
  }
  return a
}

describe("choleskySolveManyInPlace", () => {
  it("solves A·X = B for 7 right-hand sides like the scalar solver column by column, to 1e-12 relative", () => {
    const n = 150
    const nrhs = 7
    const a = randomSpd(n, 8)
    const rng = createRng(9)
    const b = Float64Array.from({ length: n * nrhs }, () => 2 * rng.next() - 1)
    const x = choleskySolveManyInPlace(a, b.slice(), n, nrhs)
    for (let j = 0; j < nrhs; j++) {
      const col = Float64Array.from({ length: n }, (_, i) => b[i * nrhs + j])
      const want = choleskySolveInPlace(a.slice(), col, n)
      const got = Float64Array.from({ length: n }, (_, i) => x[i * nrhs + j])
      expect(maxDiff(got, want) / maxAbs(want)).toBeLessThan(1e-12)
    }
    // Residual A·X − B, a check that needs no other solver.
    const ax = matMul(a, x, n, n, nrhs)
    expect(maxDiff(ax, b)).toBeLessThan(1e-12)
    expect(choleskySolveManyInPlace(a, b.slice(), n, nrhs, { wasm: false })).toEqual(x)
  })
})

describe("matMul", () => {
  it("equals the textbook triple loop bit for bit, in WebAssembly and in JavaScript, for sizes that are not multiples of 4", () => {
    const [m, k, n] = [7, 13, 5]
    const rng = createRng(10)
    const a = Float64Array.from({ length: m * k }, () => rng.next() - 0.5)
    const b = Float64Array.from({ length: k * n }, () => rng.next() - 0.5)
    const want = new Float64Array(m * n)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j]
        want[i * n + j] = s
      }
    }
    expect(matMul(a, b, m, k, n)).toEqual(want)
    expect(matMul(a, b, m, k, n, { wasm: false })).toEqual(want)
    expect(Array.from(matMul(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), 2, 2, 2))).toEqual([
      19, 22, 43, 50,
    ])
    expect(() => matMul(a, b, m, k + 1, n)).toThrow("A must have 7×14 = 98 entries, got 91")
  })
})

describe("worker threads", () => {
  it("give the same bits as one thread, for 1 and 2 workers (inverse, factor and solve)", () => {
    const n = 200
    const a = randomSpd(n, 11)
    const alone = spdInverseBlocked(a, n, { workers: 0 })
    expect(spdInverseBlocked(a, n, { workers: 1 })).toEqual(alone)
    expect(spdInverseBlocked(a, n, { workers: 2 })).toEqual(alone)
    expect(choleskyBlockedInPlace(a.slice(), n, { workers: 2 })).toEqual(
      choleskyBlockedInPlace(a.slice(), n, { workers: 0 }),
    )
    const b = Float64Array.from({ length: n * 3 }, (_, i) => Math.sin(i))
    expect(choleskySolveManyInPlace(a, b.slice(), n, 3, { workers: 2 })).toEqual(
      choleskySolveManyInPlace(a, b.slice(), n, 3, { workers: 0 }),
    )
    expect(() => spdInverseBlocked(a, n, { workers: -1 })).toThrow("workers must be an integer ≥ 0, got -1")
  })
})

describe("gram", () => {
  it("equals the plain YᵀY loop bit for bit (f not a multiple of 4, zeros in Y), in WebAssembly and JavaScript", () => {
    const [n, f] = [37, 6]
    const rng = createRng(12)
    const y = Float64Array.from({ length: n * f }, () => (rng.next() < 0.2 ? 0 : rng.next() - 0.5))
    const want = new Float64Array(f * f)
    for (let a = 0; a < f; a++) {
      for (let b = 0; b < f; b++) {
        let s = 0
        for (let i = 0; i < n; i++) s += y[i * f + a] * y[i * f + b]
        want[a * f + b] = s
      }
    }
    expect(gram(y, n, f, new Float64Array(f * f))).toEqual(want)
    expect(gram(y, n, f, new Float64Array(f * f), { wasm: false })).toEqual(want)
    expect(Array.from(gram(Float64Array.of(1, 2, 3, 4), 2, 2, new Float64Array(4)))).toEqual([10, 14, 14, 20])
  })
})
