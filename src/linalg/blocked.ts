import { DenseHeap } from "./kernels/dense-heap"
import {
  blockedCholesky,
  blockedCholeskySolve,
  blockedInverseProduct,
  blockedTriangularInverse,
  loadPadded,
  packedProduct,
  productSize,
  readLower,
  readSymmetric,
  solveLayout,
  spdLayout,
} from "./kernels/blocked-spd"

/** Options of the blocked routines. */
export interface DenseKernelOptions {
  /** false runs the products in JavaScript (the fall-back for machines without WebAssembly); same numbers either way. */
  wasm?: boolean
}

/**
 * Order from which {@link choleskyInPlace} and {@link choleskyInverse} switch to the blocked kernel;
 * below it the scalar loops are as fast and keep their exact numbers.
 */
export const BLOCKED_FROM = 128

/**
 * The inverse of a symmetric positive-definite n × n matrix (row-major; only its lower triangle
 * is read) by the blocked kernel: Cholesky A = LLᵀ, W = L⁻¹, A⁻¹ = WᵀW (LAPACK's dpotrf, dtrtri,
 * dlauum), each made of packed 4 × 4-tile products in WebAssembly SIMD. About n³ flops; the result
 * is exactly symmetric and agrees with the scalar {@link choleskyInverse} to rounding (≈ n·κ(A)·2⁻⁵³
 * relative). `a` is not changed.
 * @throws if the matrix is not positive definite
 * @example spdInverseBlocked(gram, 3394) // EASE's P = (XᵀX + λI)⁻¹
 */
export function spdInverseBlocked(a: Float64Array, n: number, options: DenseKernelOptions = {}): Float64Array {
  if (a.length !== n * n) throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  const at = spdLayout(n, true)
  const heap = DenseHeap.create(at.end, options)
  loadPadded(heap, at, a)
  blockedCholesky(heap, at)
  blockedTriangularInverse(heap, at)
  blockedInverseProduct(heap, at)
  return readSymmetric(heap, at, new Float64Array(n * n))
}

/**
 * Cholesky factor by the blocked kernel: overwrites `a` (n × n row-major, lower triangle read) with
 * L, strict upper triangle zeroed, as {@link choleskyInPlace} does; equal to it to rounding.
 * @throws if the matrix is not positive definite
 * @example choleskyBlockedInPlace(a, 500)
 */
export function choleskyBlockedInPlace(a: Float64Array, n: number, options: DenseKernelOptions = {}): Float64Array {
  if (a.length !== n * n) throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  const at = spdLayout(n, false)
  const heap = DenseHeap.create(at.end, options)
  loadPadded(heap, at, a)
  blockedCholesky(heap, at)
  return readLower(heap, at, a)
}

/**
 * Solves A·X = B for a symmetric positive-definite n × n A (row-major, lower triangle read) and
 * n × nrhs right-hand sides B (row-major) by the blocked kernel: Cholesky, then blocked forward and
 * back substitution (LAPACK's dpotrs). `b` is overwritten by X, which is returned; `a` is not changed.
 * Equal to {@link choleskySolveInPlace} column by column to rounding.
 * @throws if the matrix is not positive definite
 * @example choleskySolveManyInPlace(gram, targets, 500, 64) // 64 ridge regressions sharing one Gram matrix
 */
export function choleskySolveManyInPlace(a: Float64Array, b: Float64Array, n: number, nrhs: number, options: DenseKernelOptions = {}): Float64Array {
  if (a.length !== n * n) throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  if (b.length !== n * nrhs) throw new Error(`cholesky: the right-hand sides must have ${n}×${nrhs} = ${n * nrhs} entries, got ${b.length}`)
  const s = solveLayout(n, nrhs)
  const heap = DenseHeap.create(s.end, options)
  loadPadded(heap, s.at, a)
  blockedCholesky(heap, s.at)
  return blockedCholeskySolve(heap, s, b, nrhs)
}

/**
 * C = A·B for row-major A (m × k) and B (k × n) by the kernel's packed product (4 × 4 tiles in
 * WebAssembly SIMD); each C_ij is the plain sum Σ_p A_ip·B_pj in increasing p, so it equals the
 * textbook triple loop bit for bit.
 * @example matMul(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), 2, 2, 2) // [19, 22, 43, 50]
 */
export function matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, options: DenseKernelOptions = {}): Float64Array {
  if (a.length !== m * k) throw new Error(`matMul: A must have ${m}×${k} = ${m * k} entries, got ${a.length}`)
  if (b.length !== k * n) throw new Error(`matMul: B must have ${k}×${n} = ${k * n} entries, got ${b.length}`)
  const out = new Float64Array(m * n)
  if (m === 0 || n === 0 || k === 0) return out
  return packedProduct(DenseHeap.create(productSize(m, k, n), options), a, b, m, k, n, out)
}
