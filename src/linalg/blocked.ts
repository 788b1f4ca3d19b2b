import { DenseHeap } from "./kernels/dense-heap"
import { blockedCholesky, blockedInverseProduct, blockedTriangularInverse, loadPadded, readLower, readSymmetric, spdLayout } from "./kernels/blocked-spd"

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
