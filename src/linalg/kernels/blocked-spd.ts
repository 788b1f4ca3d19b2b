import type { DenseHeap } from "./dense-heap"
import type { GemmBatch } from "./gemm-batch"

/**
 * Block size of the blocked algorithms: a 64 × 64 block of doubles (32 KB) is one L1-sized
 * operand of the packed product, and the scalar work on diagonal blocks (n·64² flops) stays small.
 */
export const BLOCK = 64

/**
 * Where a padded N × N problem lives in a {@link DenseHeap} (offsets in doubles). The matrix is
 * padded to N = ⌈n/64⌉·64 with the identity, diag(A, I), whose factor is diag(L, I) and whose
 * inverse is diag(A⁻¹, I): the padding adds only exact zeros to the sums of the real part.
 */
export interface SpdLayout {
  n: number
  N: number
  /** The matrix, row-major with stride N: A, then L (lower), then A⁻¹. */
  matrix: number
  /** W = L⁻¹ packed as column strips of 4 over all N rows (strip stride 4N). */
  packedInverse: number
  /** The inverted diagonal blocks L_II⁻¹, row-major 64 × 64 each. */
  diagonalInverses: number
  /** Scratch: a packed panel (64 × N), a packed 64 × 64 block, and three 64 × N work arrays. */
  panel: number
  small: number
  work: number
  packedWork: number
  rowBlock: number
  end: number
}

export function spdLayout(n: number, withInverse: boolean): SpdLayout {
  const N = Math.ceil(n / BLOCK) * BLOCK
  const matrix = 0
  const packedInverse = matrix + N * N
  const diagonalInverses = packedInverse + (withInverse ? N * N : 0)
  const panel = diagonalInverses + N * BLOCK
  const small = panel + N * BLOCK
  const work = small + BLOCK * BLOCK
  const packedWork = work + N * BLOCK
  const rowBlock = packedWork + N * BLOCK
  return {
    n,
    N,
    matrix,
    packedInverse,
    diagonalInverses,
    panel,
    small,
    work,
    packedWork,
    rowBlock,
    end: rowBlock + N * BLOCK,
  }
}

/** Copies the n × n row-major `a` into the heap's padded matrix (the padding is the identity). */
export function loadPadded(heap: DenseHeap, at: SpdLayout, a: Float64Array): void {
  const h = heap.f64
  const { n, N } = at
  for (let i = 0; i < n; i++) h.set(a.subarray(i * n, i * n + n), at.matrix + i * N)
  for (let i = n; i < N; i++) h[at.matrix + i * N + i] = 1
}

/** Packs rows × cols of the row-major array at `src` (stride ld) as strips of 4 rows (k = cols) at `dst`. */
function packRows(h: Float64Array, src: number, ld: number, rows: number, cols: number, dst: number): void {
  for (let i = 0; i < rows; i++) {
    const d = dst + (i >> 2) * 4 * cols + (i & 3)
    const s = src + i * ld
    for (let p = 0; p < cols; p++) h[d + 4 * p] = h[s + p]
  }
}

/** Packs the transpose of the row-major 64 × 64 block at `src` (stride ld) as strips of 4 columns. */
function packTransposedBlock(h: Float64Array, src: number, ld: number, dst: number): void {
  for (let j = 0; j < BLOCK; j++) {
    const d = dst + (j >> 2) * 4 * BLOCK + (j & 3)
    const s = src + j * ld
    for (let p = 0; p < BLOCK; p++) h[d + 4 * p] = h[s + p]
  }
}

/**
 * Factors the 64 × 64 diagonal block at (k0, k0) (reading its lower triangle, as
 * {@link choleskyInPlace} does) and writes L_II⁻¹ row-major at `inv`.
 */
function factorDiagonalBlock(h: Float64Array, N: number, k0: number, inv: number): void {
  const base = k0 * N + k0
  for (let j = 0; j < BLOCK; j++) {
    const rj = base + j * N
    let d = h[rj + j]
    for (let k = 0; k < j; k++) d -= h[rj + k] * h[rj + k]
    if (!(d > 0)) throw new Error(`cholesky: the matrix is not positive definite (pivot ${k0 + j} is ${d})`)
    const ljj = Math.sqrt(d)
    h[rj + j] = ljj
    for (let i = j + 1; i < BLOCK; i++) {
      const ri = base + i * N
      let s = h[ri + j]
      for (let k = 0; k < j; k++) s -= h[ri + k] * h[rj + k]
      h[ri + j] = s / ljj
    }
    for (let k = j + 1; k < BLOCK; k++) h[rj + k] = 0
  }
  // Row i of L⁻¹: (L⁻¹)_ij = −(Σ_{j ≤ p < i} L_ip (L⁻¹)_pj) / L_ii, (L⁻¹)_ii = 1 / L_ii.
  for (let i = 0; i < BLOCK; i++) {
    const li = base + i * N
    const wi = inv + i * BLOCK
    const lii = h[li + i]
    for (let j = 0; j < i; j++) {
      let s = 0
      for (let p = j; p < i; p++) s += h[li + p] * h[inv + p * BLOCK + j]
      h[wi + j] = -s / lii
    }
    h[wi + i] = 1 / lii
    for (let j = i + 1; j < BLOCK; j++) h[wi + j] = 0
  }
}

/**
 * Right-looking blocked Cholesky (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 4.2.10,
 * with the panel solved as L₂₁ = A₂₁·L₁₁⁻ᵀ): for each block column, factor the diagonal block,
 * form the panel by one product, then A₂₂ ← A₂₂ − L₂₁L₂₁ᵀ on the lower block triangle by packed products.
 * Leaves L in the lower triangle of the padded matrix (the strict upper triangle of the diagonal
 * blocks zeroed, the blocks above them untouched) and each L_II⁻¹ in `diagonalInverses`.
 */
export function blockedCholesky(heap: DenseHeap, at: SpdLayout, batch: GemmBatch): void {
  const h = heap.f64
  const N = at.N
  const nb = BLOCK
  for (let k0 = 0; k0 < N; k0 += nb) {
    const inv = at.diagonalInverses + k0 * nb
    factorDiagonalBlock(h, N, k0, inv)
    const r0 = k0 + nb
    const rest = N - r0
    if (rest === 0) break
    const a21 = at.matrix + r0 * N + k0
    packRows(h, a21, N, rest, nb, at.panel)
    for (let i = 0; i < rest; i++) h.fill(0, a21 + i * N, a21 + i * N + nb)
    packTransposedBlock(h, inv, nb, at.small)
    for (let r = 0; r < rest; r += nb)
      batch.add(1, nb, nb, nb, at.panel + (r >> 2) * 4 * nb, 4 * nb, at.small, 4 * nb, a21 + r * N, N)
    batch.run()
    packRows(h, a21, N, rest, nb, at.panel)
    for (let r = r0; r < N; r += nb) {
      batch.add(
        -1,
        nb,
        r + nb - r0,
        nb,
        at.panel + ((r - r0) >> 2) * 4 * nb,
        4 * nb,
        at.panel,
        4 * nb,
        at.matrix + r * N + r0,
        N,
      )
    }
    batch.run()
  }
}

/**
 * W = L⁻¹ by block rows (the blocked triangular inverse of LAPACK's dtrtri): W_II = L_II⁻¹ and
 * W_{I,J} = −L_II⁻¹·Σ_{J ≤ K < I} L_IK·W_KJ for J < I, written packed as column strips, which is
 * both W packed as B and Wᵀ packed as A.
 */
export function blockedTriangularInverse(heap: DenseHeap, at: SpdLayout, batch: GemmBatch): void {
  const h = heap.f64
  const N = at.N
  const nb = BLOCK
  const wp = at.packedInverse
  for (let k0 = 0; k0 < N; k0 += nb) {
    const inv = at.diagonalInverses + k0 * nb
    if (k0 > 0) {
      packRows(h, at.matrix + k0 * N, N, nb, k0, at.panel)
      h.fill(0, at.work, at.work + nb * k0)
      for (let j0 = 0; j0 < k0; j0 += nb) {
        batch.add(1, nb, nb, k0 - j0, at.panel + 4 * j0, 4 * k0, wp + j0 * N + 4 * j0, 4 * N, at.work + j0, k0)
      }
      batch.run()
      for (let p = 0; p < nb; p++) {
        const s = at.work + p * k0
        for (let j = 0; j < k0; j++) h[at.packedWork + (j >> 2) * 4 * nb + 4 * p + (j & 3)] = h[s + j]
      }
      packRows(h, inv, nb, nb, nb, at.small)
      h.fill(0, at.rowBlock, at.rowBlock + nb * k0)
      for (let j0 = 0; j0 < k0; j0 += nb)
        batch.add(-1, nb, nb, nb, at.small, 4 * nb, at.packedWork + j0 * nb, 4 * nb, at.rowBlock + j0, k0)
      batch.run()
      for (let i = 0; i < nb; i++) {
        const s = at.rowBlock + i * k0
        const d = wp + 4 * (k0 + i)
        for (let j = 0; j < k0; j++) h[d + (j >> 2) * 4 * N + (j & 3)] = h[s + j]
      }
    }
    for (let i = 0; i < nb; i++) {
      const d = wp + 4 * (k0 + i)
      for (let j = 0; j <= i; j++) h[d + ((k0 + j) >> 2) * 4 * N + (j & 3)] = h[inv + i * nb + j]
    }
  }
}

/**
 * A⁻¹ = WᵀW (LAPACK's dlauum), (A⁻¹)_ij = Σ_{k ≥ max(i,j)} W_ki·W_kj: block row I of the lower
 * triangle is one packed product over k ≥ 64·I; the upper triangle is its mirror. Overwrites the matrix.
 */
export function blockedInverseProduct(heap: DenseHeap, at: SpdLayout, batch: GemmBatch): void {
  const h = heap.f64
  const N = at.N
  const nb = BLOCK
  const wp = at.packedInverse
  h.fill(0, at.matrix, at.matrix + N * N)
  for (let k0 = 0; k0 < N; k0 += nb) {
    batch.add(1, nb, k0 + nb, N - k0, wp + k0 * N + 4 * k0, 4 * N, wp + 4 * k0, 4 * N, at.matrix + k0 * N, N)
  }
  batch.run()
}

/** The n × n inverse out of the padded heap matrix, its upper triangle mirrored from the lower. */
export function readSymmetric(heap: DenseHeap, at: SpdLayout, out: Float64Array): Float64Array {
  const h = heap.f64
  const { n, N } = at
  for (let i = 0; i < n; i++) {
    const s = at.matrix + i * N
    for (let j = 0; j <= i; j++) {
      const v = h[s + j]
      out[i * n + j] = v
      out[j * n + i] = v
    }
  }
  return out
}

/** L (lower, strict upper zero) out of the padded heap matrix. */
export function readLower(heap: DenseHeap, at: SpdLayout, out: Float64Array): Float64Array {
  const h = heap.f64
  const { n, N } = at
  out.fill(0)
  for (let i = 0; i < n; i++) out.set(h.subarray(at.matrix + i * N, at.matrix + i * N + i + 1), i * n)
  return out
}

/** Where a solve with R right-hand sides keeps them: packed as column strips over all N rows (strip stride 4N). */
export function solveLayout(n: number, nrhs: number) {
  const at = spdLayout(n, false)
  const R = Math.ceil(nrhs / 4) * 4
  const rhs = at.end
  const block = rhs + at.N * R
  const packedBlock = block + BLOCK * R
  const out = packedBlock + BLOCK * R
  return { at, R, rhs, block, packedBlock, out, end: out + BLOCK * R }
}

/**
 * Solves L·Lᵀ·X = B by blocked substitution after {@link blockedCholesky}: forward
 * Y_I = L_II⁻¹(B_I − Σ_{K<I} L_IK·Y_K), then back X_I = L_II⁻ᵀ(Y_I − Σ_{K>I} L_KIᵀ·X_K), each sum one
 * packed product. B (n × nrhs, row-major) comes in and X goes out through `b`.
 */
export function blockedCholeskySolve(
  heap: DenseHeap,
  s: ReturnType<typeof solveLayout>,
  b: Float64Array,
  nrhs: number,
): Float64Array {
  const h = heap.f64
  const { at, R } = s
  const { n, N } = at
  const nb = BLOCK
  const at4 = (row: number, j: number) => s.rhs + (j >> 2) * 4 * N + 4 * row + (j & 3)
  for (let i = 0; i < n; i++) for (let j = 0; j < nrhs; j++) h[at4(i, j)] = b[i * nrhs + j]
  const substitute = (k0: number, inverse: number, transposed: boolean) => {
    for (let p = 0; p < nb; p++)
      for (let j = 0; j < R; j++) h[s.packedBlock + (j >> 2) * 4 * nb + 4 * p + (j & 3)] = h[s.block + p * R + j]
    if (transposed) {
      for (let r = 0; r < nb; r++)
        for (let p = 0; p < nb; p++) h[at.small + (r >> 2) * 4 * nb + 4 * p + (r & 3)] = h[inverse + p * nb + r]
    } else {
      packRows(h, inverse, nb, nb, nb, at.small)
    }
    h.fill(0, s.out, s.out + nb * R)
    heap.gemm(1, nb, R, nb, at.small, 4 * nb, s.packedBlock, 4 * nb, s.out, R)
    for (let p = 0; p < nb; p++) for (let j = 0; j < R; j++) h[at4(k0 + p, j)] = h[s.out + p * R + j]
  }
  const loadBlock = (k0: number) => {
    for (let p = 0; p < nb; p++) for (let j = 0; j < R; j++) h[s.block + p * R + j] = h[at4(k0 + p, j)]
  }
  for (let k0 = 0; k0 < N; k0 += nb) {
    loadBlock(k0)
    if (k0 > 0) {
      packRows(h, at.matrix + k0 * N, N, nb, k0, at.panel)
      heap.gemm(-1, nb, R, k0, at.panel, 4 * k0, s.rhs, 4 * N, s.block, R)
    }
    substitute(k0, at.diagonalInverses + k0 * nb, false)
  }
  for (let k0 = N - nb; k0 >= 0; k0 -= nb) {
    loadBlock(k0)
    const below = N - k0 - nb
    if (below > 0) {
      // Lᵀ's block row I over the rows below it: A[r][q] = L[k0 + nb + q][k0 + r], packed as 4-row strips.
      for (let r = 0; r < nb; r++) {
        const d = at.panel + (r >> 2) * 4 * below + (r & 3)
        for (let q = 0; q < below; q++) h[d + 4 * q] = h[at.matrix + (k0 + nb + q) * N + k0 + r]
      }
      heap.gemm(-1, nb, R, below, at.panel, 4 * below, s.rhs + 4 * (k0 + nb), 4 * N, s.block, R)
    }
    substitute(k0, at.diagonalInverses + k0 * nb, true)
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < nrhs; j++) b[i * nrhs + j] = h[at4(i, j)]
  return b
}

/** C = A·B for row-major A (m × k) and B (k × n), through the packed product; `out` receives C row-major. */
export function packedProduct(
  heap: DenseHeap,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out: Float64Array,
): Float64Array {
  const h = heap.f64
  const M = Math.ceil(m / 4) * 4
  const Nc = Math.ceil(n / 4) * 4
  const ap = 0
  const bp = M * k
  const c = bp + Nc * k
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) h[ap + (i >> 2) * 4 * k + 4 * p + (i & 3)] = a[i * k + p]
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) h[bp + (j >> 2) * 4 * k + 4 * p + (j & 3)] = b[p * n + j]
  heap.gemm(1, M, Nc, k, ap, 4 * k, bp, 4 * k, c, Nc)
  for (let i = 0; i < m; i++) out.set(h.subarray(c + i * Nc, c + i * Nc + n), i * n)
  return out
}

/** Doubles {@link packedProduct} needs for an m × k by k × n product. */
export function productSize(m: number, k: number, n: number): number {
  const M = Math.ceil(m / 4) * 4
  const Nc = Math.ceil(n / 4) * 4
  return M * k + Nc * k + M * Nc
}
