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
    const n = weights.length
    this.size = n
    this.prob = new Float64Array(n)
    this.alias = new Int32Array(n)
    fillAliasTable(weights, this.prob, this.alias, 0, new AliasScratch(n))
  }

  sample(rng: Rng): number {
    const u = rng.next() * this.size
    const i = Math.floor(u)
    return u - i < this.prob[i] ? i : this.alias[i]
  }
}

/** Work arrays for {@link fillAliasTable}, allocated once for tables of up to `size` categories. */
export class AliasScratch {
  readonly scaled: Float64Array
  readonly small: Int32Array
  readonly large: Int32Array
  constructor(readonly size: number) {
    this.scaled = new Float64Array(size)
    this.small = new Int32Array(size)
    this.large = new Int32Array(size)
  }
}

/**
 * Vose's construction of {@link AliasTable} written into `prob[offset, offset + n)` and
 * `alias[offset, offset + n)` (n = weights.length, alias indices relative to `offset`), so that many
 * tables can share two flat arrays and be rebuilt without allocating. A draw is
 * u = U·n, i = ⌊u⌋: category i when u − i < prob[offset + i], else alias[offset + i].
 * @example fillAliasTable([1, 2, 7], prob, alias, 3 * row, new AliasScratch(3))
 */
export function fillAliasTable(
  weights: ArrayLike<number>,
  prob: Float64Array,
  alias: Int32Array,
  offset: number,
  scratch: AliasScratch,
): void {
  const total = checkWeights(weights, "AliasTable")
  const n = weights.length
  if (scratch.size < n) throw new Error(`fillAliasTable: scratch holds ${scratch.size} categories, weights have ${n}`)
  if (!Number.isInteger(offset) || offset < 0 || offset + n > prob.length || offset + n > alias.length)
    throw new Error(`fillAliasTable: offset ${offset} + ${n} categories does not fit tables of length ${prob.length}`)
  const { scaled, small, large } = scratch
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
    prob[offset + s] = scaled[s]
    alias[offset + s] = l
    scaled[l] = scaled[l] + scaled[s] - 1
    if (scaled[l] < 1) small[ns++] = l
    else large[nl++] = l
  }
  while (nl > 0) {
    const l = large[--nl]
    prob[offset + l] = 1
    alias[offset + l] = l
  }
  while (ns > 0) {
    const s = small[--ns]
    prob[offset + s] = 1
    alias[offset + s] = s
  }
}
