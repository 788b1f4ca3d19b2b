import type { Rng } from "./rng"

function checkWeights(weights: ArrayLike<number>, who: string): number {
  if (weights.length === 0) throw new Error(`${who}: weights must not be empty`)
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`${who}: weights[${i}] must be finite and >= 0, got ${w}`)
    total += w
  }
  if (!(total > 0)) throw new Error(`${who}: weights must not all be zero`)
  return total
}

/**
 * One draw from the categorical distribution with (unnormalised) `weights`, by a linear scan:
 * O(n) per draw and no set-up, the right choice for a single draw or few categories.
 * Use `AliasTable` for many draws from one distribution.
 * @example categorical(rng, [0.2, 0.5, 0.3]) // 1 half of the time
 */
export function categorical(rng: Rng, weights: ArrayLike<number>): number {
  const total = checkWeights(weights, "categorical")
  let u = rng.next() * total
  const last = weights.length - 1
  for (let i = 0; i < last; i++) {
    u -= weights[i]
    if (u < 0) return i
  }
  // Rounding can leave u ≥ 0 after the scan; the remaining mass belongs to the last positive weight.
  for (let i = last; i > 0; i--) if (weights[i] > 0) return i
  return 0
}

/**
 * Walker's alias method (Vose's numerically stable construction, 1991): O(n) set-up, then O(1)
 * per draw with one uniform. Source: M. D. Vose, "A linear algorithm for generating random
 * numbers with a given distribution", IEEE TSE 17(9).
 * @example const t = new AliasTable([1, 2, 7]); t.sample(rng)
 */
export class AliasTable {
  readonly size: number
  private readonly prob: Float64Array
  private readonly alias: Int32Array

  constructor(weights: ArrayLike<number>) {
    const total = checkWeights(weights, "AliasTable")
    const n = weights.length
    this.size = n
    this.prob = new Float64Array(n)
    this.alias = new Int32Array(n)
    const scaled = new Float64Array(n)
    const small = new Int32Array(n)
    const large = new Int32Array(n)
    let ns = 0
    let nl = 0
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total
      if (scaled[i] < 1) small[ns++] = i
      else large[nl++] = i
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]
      const l = large[--nl]
      this.prob[s] = scaled[s]
      this.alias[s] = l
      scaled[l] = scaled[l] + scaled[s] - 1
      if (scaled[l] < 1) small[ns++] = l
      else large[nl++] = l
    }
    while (nl > 0) {
      const l = large[--nl]
      this.prob[l] = 1
      this.alias[l] = l
    }
    while (ns > 0) {
      const s = small[--ns]
      this.prob[s] = 1
      this.alias[s] = s
    }
  }

  sample(rng: Rng): number {
    const u = rng.next() * this.size
    const i = Math.floor(u)
    return u - i < this.prob[i] ? i : this.alias[i]
  }
}
