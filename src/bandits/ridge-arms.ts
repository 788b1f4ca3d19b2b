import { RidgeKernel, pairedRowDots } from "./ridge-kernel"

/**
 * Per-arm ridge regression state for linear bandits, updated in O(d²) per observation:
 * A_a = λI + Σ x xᵀ is kept as its inverse by the Sherman–Morrison formula
 * A⁻¹ ← A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), and θ_a = A_a⁻¹ b_a (b_a = Σ r x) by the equivalent
 * recursive-least-squares step θ ← θ + A⁻¹x·(r − θᵀx)/(1 + xᵀA⁻¹x), O(d).
 * Source: Sherman & Morrison (1950); Li, Chu, Langford & Schapire (2010) algorithm 1; the RLS form
 * in Haykin, Adaptive Filter Theory (2002) §9.
 *
 * Layout for speed: all arms' A⁻¹ sit in one Float64Array as packed upper triangles (row-major,
 * P = d(d+1)/2 numbers per arm). For a decision, {@link RidgeArms.setPairs} writes once the pair
 * products w = (x_i·x_j, doubled off the diagonal) in the same packed order; then
 * xᵀA_a⁻¹x = Σ_k A_a⁻¹[k]·w[k] is one flat dot product of length P per arm, with no allocation.
 * With `kernel` (the default), `inverse`, `theta` and the pair products are views on the memory of
 * a {@link RidgeKernel}, whose WebAssembly SIMD code computes these dot products and the means
 * θ_aᵀx for all arms at once ({@link RidgeArms.pairQuadraticForms}, {@link RidgeArms.means});
 * without one (not asked for, or not available) {@link pairedRowDots} gives the same numbers in
 * JavaScript. The per-arm forms ({@link RidgeArms.pairQuadraticForm}, {@link RidgeArms.mean}) and
 * the update are always JavaScript.
 */
export class RidgeArms {
  readonly nArms: number
  readonly dimension: number
  readonly lambda: number
  /** P = d(d+1)/2: packed size of one arm's A⁻¹. */
  readonly packedSize: number
  /** A_a⁻¹ as packed upper triangles, row-major, arm a at offset a·P. */
  readonly inverse: Float64Array
  /** θ_a = A_a⁻¹ b_a, arm a at offset a·d. */
  readonly theta: Float64Array
  /** The pair products of the last {@link RidgeArms.setPairs}. */
  private readonly pairs: Float64Array
  /**
   * Holds `inverse`, `theta` and `pairs` in its WebAssembly memory; null without one. A # field, which
   * saved states do not see: they carry the numbers through the views above, and load where WebAssembly is missing.
   */
  readonly #kernel: RidgeKernel | null
  private readonly u: Float64Array

  /**
   * `kernel: false` for users of the per-arm forms only (LinThompson): no WebAssembly memory, whose
   * ≈ 10 GB of reserved address space makes it the scarce resource (see {@link RidgeKernel.create});
   * a kernel of K arms and dimension d to keep the state in one made by the caller ({@link HybridKernel}).
   */
  /** The WebAssembly kernel, null where it is missing (for tests). @internal */
  get wasmKernel(): RidgeKernel | null {
    return this.#kernel
  }

  constructor(nArms: number, dimension: number, lambda: number, options: { kernel?: boolean | RidgeKernel } = {}) {
    this.nArms = nArms
    this.dimension = dimension
    this.lambda = lambda
    const P = (dimension * (dimension + 1)) / 2
    this.packedSize = P
    const given = options.kernel
    const kernel = given === false ? null : given instanceof RidgeKernel ? given : RidgeKernel.create(nArms, dimension)
    this.#kernel = kernel
    this.inverse = kernel ? kernel.inverse : new Float64Array(nArms * P)
    this.theta = kernel ? kernel.theta : new Float64Array(nArms * dimension)
    this.pairs = kernel ? kernel.pairs : new Float64Array(P)
    this.u = new Float64Array(dimension)
    this.reset()
  }

  reset(): void {
    const d = this.dimension
    this.inverse.fill(0)
    for (let a = 0; a < this.nArms; a++) {
      let k = a * this.packedSize
      for (let i = 0; i < d; i++) {
        this.inverse[k] = 1 / this.lambda
        k += d - i
      }
    }
    this.theta.fill(0)
  }

  /** A_a⁻¹[i][j] (either triangle). */
  inverseAt(arm: number, i: number, j: number): number {
    if (i > j) return this.inverseAt(arm, j, i)
    return this.inverse[arm * this.packedSize + i * this.dimension - (i * (i - 1)) / 2 + (j - i)]
  }

  /**
   * Every arm's posterior mean x·θ_a by {@link RidgeArms.mean} (scalar, for explanations) into a new
   * array: `x` is one shared context (length d) or one block of d features per arm (length K·d),
   * checked as `featureOffset` does, naming `who`.
   */
  exactMeans(who: string, x: Float64Array): Float64Array {
    const d = this.dimension
    const shared = x.length === d
    if (!shared) featureOffset(who, x, 0, this.nArms, d)
    const out = new Float64Array(this.nArms)
    for (let a = 0; a < this.nArms; a++) out[a] = this.mean(a, x, shared ? 0 : a * d)
    return out
  }

  /** θ_aᵀx with x = features[offset .. offset + d). */
  mean(arm: number, x: Float64Array, offset: number): number {
    const d = this.dimension
    const theta = this.theta
    const t = arm * d
    let s = 0
    for (let i = 0; i < d; i++) s += theta[t + i] * x[offset + i]
    return s
  }

  /** Writes the pair products of x = features[offset .. offset + d) for {@link RidgeArms.pairQuadraticForm}. */
  setPairs(x: Float64Array, offset: number): void {
    const d = this.dimension
    const w = this.pairs
    let k = 0
    for (let i = 0; i < d; i++) {
      const xi = x[offset + i]
      w[k++] = xi * xi
      const xi2 = xi + xi
      for (let j = i + 1; j < d; j++) w[k++] = xi2 * x[offset + j]
    }
  }

  /** xᵀA_a⁻¹x for the x of the last {@link RidgeArms.setPairs}: one dot product of length P. */
  pairQuadraticForm(arm: number): number {
    const m = this.inverse
    const w = this.pairs
    const P = this.packedSize
    const base = arm * P
    let s = 0
    for (let k = 0; k < P; k++) s += m[base + k] * w[k]
    return s
  }

  /**
   * xᵀA_a⁻¹x of every arm into `out`, for the x of the last {@link RidgeArms.setPairs}, by the
   * WebAssembly SIMD kernel (two multiply-adds per instruction, four arms at a time) or, without
   * it, by {@link pairedRowDots}; equal to {@link RidgeArms.pairQuadraticForm} up to the order of
   * the additions (see {@link RidgeKernel}).
   */
  pairQuadraticForms(out: Float64Array): Float64Array {
    if (!this.#kernel) return pairedRowDots(this.inverse, this.packedSize, this.nArms, this.pairs, 0, out)
    out.set(this.#kernel.quadraticForms())
    return out
  }

  /**
   * θ_aᵀx of every arm into `out` for one shared x = features[offset .. offset + d), by the
   * WebAssembly kernel or {@link pairedRowDots}; equal to {@link RidgeArms.mean} up to the order of
   * the additions.
   */
  means(x: Float64Array, offset: number, out: Float64Array): Float64Array {
    if (!this.#kernel) return pairedRowDots(this.theta, this.dimension, this.nArms, x, offset, out)
    const kx = this.#kernel.x
    for (let i = 0; i < this.dimension; i++) kx[i] = x[offset + i]
    out.set(this.#kernel.means())
    return out
  }

  /** xᵀA_a⁻¹x with x = features[offset .. offset + d). */
  quadraticForm(arm: number, x: Float64Array, offset: number): number {
    this.setPairs(x, offset)
    return this.pairQuadraticForm(arm)
  }

  /** Adds the observation (x, r) to arm `arm`: O(d²), no allocation. */
  update(arm: number, x: Float64Array, offset: number, reward: number): void {
    this.updateWith(arm, x, offset, reward, this.u, this.inverseTimes(arm, x, offset, this.u))
  }

  /**
   * u = A_a⁻¹x into `u` (length d) from the packed upper triangle, x = features[offset .. offset + d);
   * returns xᵀA_a⁻¹x = xᵀu.
   */
  inverseTimes(arm: number, x: Float64Array, offset: number, u: Float64Array): number {
    const d = this.dimension
    const m = this.inverse
    u.fill(0)
    let k = arm * this.packedSize
    for (let i = 0; i < d; i++) {
      const xi = x[offset + i]
      let ui = u[i] + m[k++] * xi
      for (let j = i + 1; j < d; j++) {
        const mij = m[k++]
        ui += mij * x[offset + j]
        u[j] += mij * xi
      }
      u[i] = ui
    }
    let quad = 0
    for (let i = 0; i < d; i++) quad += x[offset + i] * u[i]
    return quad
  }

  /**
   * {@link RidgeArms.update} with u = A_a⁻¹x and quad = xᵀA_a⁻¹x already computed by
   * {@link RidgeArms.inverseTimes} (before this step), for a caller that needs them too.
   */
  updateWith(arm: number, x: Float64Array, offset: number, reward: number, u: Float64Array, quad: number): void {
    const d = this.dimension
    const m = this.inverse
    const denominator = 1 + quad
    const gain = (reward - this.mean(arm, x, offset)) / denominator
    let k = arm * this.packedSize
    for (let i = 0; i < d; i++) {
      const ui = u[i] / denominator
      for (let j = i; j < d; j++) m[k++] -= ui * u[j]
    }
    const t = arm * d
    for (let i = 0; i < d; i++) this.theta[t + i] += gain * u[i]
  }
}

/**
 * The offset of arm `arm`'s features in a context of length d (shared) or K·d (per arm).
 * @internal
 */
export function featureOffset(who: string, features: Float64Array, arm: number, nArms: number, d: number): number {
  if (features.length === d) return 0
  if (features.length === nArms * d) return arm * d
  throw new Error(
    `${who}: context.features must have length ${d} (shared) or ${nArms * d} (per arm), got ${features.length}`,
  )
}
