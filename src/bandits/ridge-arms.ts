/**
 * Per-arm ridge regression state for linear bandits, updated in O(d²) per observation:
 * A_a = λI + Σ x xᵀ is kept as its inverse by the Sherman–Morrison formula
 * A⁻¹ ← A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), b_a = Σ r x, θ_a = A_a⁻¹ b_a.
 * Source: Sherman & Morrison (1950); Li, Chu, Langford & Schapire (2010) algorithm 1.
 */
export class RidgeArms {
  readonly nArms: number
  readonly dimension: number
  readonly lambda: number
  /** A_a⁻¹, row-major, arm a at offset a·d². */
  readonly inverse: Float64Array
  /** b_a = Σ r·x, arm a at offset a·d. */
  readonly b: Float64Array
  /** θ_a = A_a⁻¹ b_a, arm a at offset a·d. */
  readonly theta: Float64Array
  private readonly scratch: Float64Array

  constructor(nArms: number, dimension: number, lambda: number) {
    this.nArms = nArms
    this.dimension = dimension
    this.lambda = lambda
    this.inverse = new Float64Array(nArms * dimension * dimension)
    this.b = new Float64Array(nArms * dimension)
    this.theta = new Float64Array(nArms * dimension)
    this.scratch = new Float64Array(dimension)
    this.reset()
  }

  reset(): void {
    const d = this.dimension
    this.inverse.fill(0)
    for (let a = 0; a < this.nArms; a++) for (let i = 0; i < d; i++) this.inverse[a * d * d + i * d + i] = 1 / this.lambda
    this.b.fill(0)
    this.theta.fill(0)
  }

  /** θ_aᵀx with x = features[offset .. offset + d). */
  mean(arm: number, x: Float64Array, offset: number): number {
    const d = this.dimension
    const t = arm * d
    let s = 0
    for (let i = 0; i < d; i++) s += this.theta[t + i] * x[offset + i]
    return s
  }

  /** xᵀA_a⁻¹x, using the symmetry of A⁻¹ (half the multiplications). */
  quadraticForm(arm: number, x: Float64Array, offset: number): number {
    const d = this.dimension
    const m = this.inverse
    let base = arm * d * d
    let total = 0
    for (let i = 0; i < d; i++, base += d) {
      const xi = x[offset + i]
      let off = 0
      for (let j = i + 1; j < d; j++) off += m[base + j] * x[offset + j]
      total += xi * (m[base + i] * xi + 2 * off)
    }
    return total
  }

  /** Adds the observation (x, r) to arm `arm`. */
  update(arm: number, x: Float64Array, offset: number, reward: number): void {
    const d = this.dimension
    const m = this.inverse
    const base = arm * d * d
    const u = this.scratch
    let denominator = 1
    for (let i = 0; i < d; i++) {
      let s = 0
      const row = base + i * d
      for (let j = 0; j < d; j++) s += m[row + j] * x[offset + j]
      u[i] = s
      denominator += x[offset + i] * s
    }
    for (let i = 0; i < d; i++) {
      const ui = u[i] / denominator
      const row = base + i * d
      for (let j = 0; j < d; j++) m[row + j] -= ui * u[j]
    }
    const bo = arm * d
    for (let i = 0; i < d; i++) this.b[bo + i] += reward * x[offset + i]
    for (let i = 0; i < d; i++) {
      let s = 0
      const row = base + i * d
      for (let j = 0; j < d; j++) s += m[row + j] * this.b[bo + j]
      this.theta[bo + i] = s
    }
  }
}

/** The offset of arm `arm`'s features in a context of length d (shared) or K·d (per arm). */
export function featureOffset(who: string, features: Float64Array, arm: number, nArms: number, d: number): number {
  if (features.length === d) return 0
  if (features.length === nArms * d) return arm * d
  throw new Error(`${who}: context.features must have length ${d} (shared) or ${nArms * d} (per arm), got ${features.length}`)
}
