import type { Rng } from "./rng"
import { AliasTable } from "./categorical"

/**
 * The Zipf weights of ranks 1..n with exponent s: w_k = k^(−s) / H(n, s). Rank 1 is index 0.
 * @example zipfWeights(3, 1) // [6/11, 3/11, 2/11]
 */
export function zipfWeights(n: number, s: number): Float64Array {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`zipfWeights: n must be a positive integer, got ${n}`)
  if (!(s >= 0) || !Number.isFinite(s)) throw new Error(`zipfWeights: s must be finite and >= 0, got ${s}`)
  const w = new Float64Array(n)
  let h = 0
  for (let k = 1; k <= n; k++) {
    w[k - 1] = Math.pow(k, -s)
    h += w[k - 1]
  }
  for (let k = 0; k < n; k++) w[k] /= h
  return w
}

/**
 * Draws ranks 0..n−1 from a finite Zipf law (P(k) ∝ (k+1)^(−s)) in O(1) by an alias table.
 * @example const z = new ZipfSampler(1000, 1.1); z.sample(rng)
 */
export class ZipfSampler {
  readonly weights: Float64Array
  private readonly table: AliasTable

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    this.weights = zipfWeights(n, s)
    this.table = new AliasTable(this.weights)
  }

  sample(rng: Rng): number {
    return this.table.sample(rng)
  }
}
