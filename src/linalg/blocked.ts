import { DenseHeap } from "./kernels/dense-heap"
import { GemmBatch, defaultWorkers } from "./kernels/gemm-batch"
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
  /**
   * Worker threads that share the products on the same WebAssembly memory (default: one per further
   * core, at most 3, from n = {@link PARALLEL_FROM} on; else 0). The numbers do not depend on it.
   */
  workers?: number
}

/**
 * Order from which the blocked routines use worker threads by default: below it starting them costs more than they save.
 * @internal
 */
export const PARALLEL_FROM = 768

/** A heap (shared when workers will use it) and the batch that runs its products. */
function kernel(doubles: number, n: number, options: DenseKernelOptions): { heap: DenseHeap; batch: GemmBatch } {
  const workers = options.workers ?? (n >= PARALLEL_FROM ? defaultWorkers() : 0)
  if (!(Number.isInteger(workers) && workers >= 0))
    throw new Error(`dense kernel: workers must be an integer ≥ 0, got ${workers}`)
  const heap = DenseHeap.create(doubles, { wasm: options.wasm, shared: workers > 0 })
  return { heap, batch: GemmBatch.create(heap, workers) }
}

/**
 * Order from which {@link choleskyInPlace} and {@link choleskyInverse} switch to the blocked kernel;
 * below it the scalar loops are as fast and keep their exact numbers.
 * @internal
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
  if (a.length !== n * n)
    throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  const at = spdLayout(n, true)
  const { heap, batch } = kernel(at.end, n, options)
  try {
    loadPadded(heap, at, a)
    blockedCholesky(heap, at, batch)
    blockedTriangularInverse(heap, at, batch)
    blockedInverseProduct(heap, at, batch)
    return readSymmetric(heap, at, new Float64Array(n * n))
  } finally {
    batch.close()
  }
}

/**
 * Cholesky factor by the blocked kernel: overwrites `a` (n × n row-major, lower triangle read) with
 * L, strict upper triangle zeroed, as {@link choleskyInPlace} does; equal to it to rounding.
 * @throws if the matrix is not positive definite
 * @example choleskyBlockedInPlace(a, 500)
 */
export function choleskyBlockedInPlace(a: Float64Array, n: number, options: DenseKernelOptions = {}): Float64Array {
  if (a.length !== n * n)
    throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  const at = spdLayout(n, false)
  const { heap, batch } = kernel(at.end, n, options)
  try {
    loadPadded(heap, at, a)
    blockedCholesky(heap, at, batch)
    return readLower(heap, at, a)
  } finally {
    batch.close()
  }
}

/**
 * Solves A·X = B for a symmetric positive-definite n × n A (row-major, lower triangle read) and
 * n × nrhs right-hand sides B (row-major) by the blocked kernel: Cholesky, then blocked forward and
 * back substitution (LAPACK's dpotrs). `b` is overwritten by X, which is returned; `a` is not changed.
 * Equal to {@link choleskySolveInPlace} column by column to rounding.
 * @throws if the matrix is not positive definite
 * @example choleskySolveManyInPlace(gram, targets, 500, 64) // 64 ridge regressions sharing one Gram matrix
 */
export function choleskySolveManyInPlace(
  a: Float64Array,
  b: Float64Array,
  n: number,
  nrhs: number,
  options: DenseKernelOptions = {},
): Float64Array {
  if (a.length !== n * n)
    throw new Error(`cholesky: the matrix must have ${n}×${n} = ${n * n} entries, got ${a.length}`)
  if (b.length !== n * nrhs)
    throw new Error(`cholesky: the right-hand sides must have ${n}×${nrhs} = ${n * nrhs} entries, got ${b.length}`)
  const s = solveLayout(n, nrhs)
  const { heap, batch } = kernel(s.end, n, options)
  try {
    loadPadded(heap, s.at, a)
    blockedCholesky(heap, s.at, batch)
    return blockedCholeskySolve(heap, s, b, nrhs)
  } finally {
    batch.close()
  }
}

/**
 * C = A·B for row-major A (m × k) and B (k × n) by the kernel's packed product (4 × 4 tiles in
 * WebAssembly SIMD); each C_ij is the plain sum Σ_p A_ip·B_pj in increasing p, so it equals the
 * textbook triple loop bit for bit.
 * @example matMul(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), 2, 2, 2) // [19, 22, 43, 50]
 */
export function matMul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  options: DenseKernelOptions = {},
): Float64Array {
  if (a.length !== m * k) throw new Error(`matMul: A must have ${m}×${k} = ${m * k} entries, got ${a.length}`)
  if (b.length !== k * n) throw new Error(`matMul: B must have ${k}×${n} = ${k * n} entries, got ${b.length}`)
  const out = new Float64Array(m * n)
  if (m === 0 || n === 0 || k === 0) return out
  return packedProduct(DenseHeap.create(productSize(m, k, n), options), a, b, m, k, n, out)
}

/**
 * G = YᵀY (f × f) of a row-major n × f matrix by the packed product: Y packed once serves as both
 * operands (a column strip of Y is a row strip of Yᵀ). Each G_ab is Σ_i Y_ia·Y_ib summed in
 * increasing i from 0, so it equals the plain loop bit for bit; `out` receives G.
 * @example gram(Float64Array.of(1, 2, 3, 4), 2, 2, new Float64Array(4)) // [10, 14, 14, 20]
 */
export function gram(
  y: Float64Array,
  n: number,
  f: number,
  out: Float64Array,
  options: DenseKernelOptions = {},
): Float64Array {
  if (y.length < n * f) throw new Error(`gram: Y must have ${n}×${f} = ${n * f} entries, got ${y.length}`)
  out.fill(0, 0, f * f)
  if (n === 0 || f === 0) return out
  const F = Math.ceil(f / 4) * 4
  const c = F * n
  const heap = DenseHeap.create(c + F * F, { wasm: options.wasm })
  const h = heap.f64
  for (let i = 0; i < n; i++) for (let a = 0; a < f; a++) h[(a >> 2) * 4 * n + 4 * i + (a & 3)] = y[i * f + a]
  heap.gemm(1, F, F, n, 0, 4 * n, 0, 4 * n, c, F)
  for (let a = 0; a < f; a++) out.set(h.subarray(c + a * F, c + a * F + f), a * f)
  return out
}
