import { AliasTable } from "../random/categorical"
import type { Rng } from "../random/rng"

function excludedMask(n: number, positives: ArrayLike<number>, who: string): Uint8Array {
  const mask = new Uint8Array(n)
  for (let k = 0; k < positives.length; k++) {
    const i = positives[k]
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new Error(`${who}: positives[${k}] = ${i} is not an item index in [0, ${n})`)
    mask[i] = 1
  }
  return mask
}

function normalise(w: Float64Array, who: string): Float64Array {
  let total = 0
  for (let i = 0; i < w.length; i++) total += w[i]
  if (!(total > 0) || !Number.isFinite(total))
    throw new Error(`${who}: no item is left to sample (every item is a positive or has weight 0)`)
  for (let i = 0; i < w.length; i++) w[i] /= total
  return w
}

/**
 * Uniform negative-sampling distribution over the items that are not positives: p_j = 1/(n − |positives|).
 * @example uniformNegativeWeights(4, [1]) // [1/3, 0, 1/3, 1/3]
 */
export function uniformNegativeWeights(nItems: number, positives: ArrayLike<number> = []): Float64Array {
  const who = "uniformNegativeWeights"
  if (!Number.isInteger(nItems) || nItems <= 0)
    throw new Error(`${who}: nItems must be a positive integer, got ${nItems}`)
  const mask = excludedMask(nItems, positives, who)
  const w = new Float64Array(nItems)
  for (let i = 0; i < nItems; i++) w[i] = mask[i] ? 0 : 1
  return normalise(w, who)
}

/**
 * Popularity-smoothed negative sampling (word2vec's unigram^0.75: Mikolov et al. 2013, "Distributed
 * representations of words and phrases", §2.2): p_j ∝ count_j^β over non-positives, β = 0.75 by default,
 * which samples popular items more than uniform but less than their share.
 * @example popularityNegativeWeights([16, 1, 0, 81], [], 0.75) // ∝ (8, 1, 0, 27) → [0.222, 0.028, 0, 0.75]
 */
export function popularityNegativeWeights(
  counts: ArrayLike<number>,
  positives: ArrayLike<number> = [],
  exponent = 0.75,
): Float64Array {
  const who = "popularityNegativeWeights"
  if (!Number.isFinite(exponent) || exponent < 0)
    throw new Error(`${who}: exponent must be a finite number >= 0, got ${exponent}`)
  const mask = excludedMask(counts.length, positives, who)
  const w = new Float64Array(counts.length)
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]
    if (!(c >= 0) || !Number.isFinite(c)) throw new Error(`${who}: counts[${i}] must be finite and >= 0, got ${c}`)
    w[i] = mask[i] ? 0 : c === 0 ? 0 : Math.pow(c, exponent)
  }
  return normalise(w, who)
}

/**
 * Score-based negative sampling with a temperature (seed 004 §4.3, corrected):
 * p_j = exp(−q_j / T) / Σ_{k ∉ positives} exp(−q_k / T) — each item's own score, normalised over the
 * candidates (the seed's formula sums over i ≠ j but its example uses each item's own score, and its
 * weights 0.368, 0.607, 1 are not a distribution: normalised they are 0.1863, 0.3072, 0.5065).
 * `prefer: "high"` uses exp(+q_j / T) instead: hard negatives, the items the model wrongly ranks high.
 * @example scoreNegativeWeights([1, 0.5, 0], [], 1) // [0.1863, 0.3072, 0.5065]
 */
export function scoreNegativeWeights(
  scores: ArrayLike<number>,
  positives: ArrayLike<number> = [],
  temperature = 1,
  prefer: "low" | "high" = "low",
): Float64Array {
  const who = "scoreNegativeWeights"
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`${who}: temperature must be a finite number > 0, got ${temperature}`)
  if (prefer !== "low" && prefer !== "high")
    throw new Error(`${who}: prefer must be "low" or "high", got ${String(prefer)}`)
  const mask = excludedMask(scores.length, positives, who)
  const sign = prefer === "low" ? -1 : 1
  let max = -Infinity
  for (let i = 0; i < scores.length; i++) {
    const q = scores[i]
    if (!Number.isFinite(q)) throw new Error(`${who}: scores[${i}] must be finite, got ${q}`)
    if (!mask[i] && sign * q > max) max = sign * q
  }
  const w = new Float64Array(scores.length)
  for (let i = 0; i < scores.length; i++) w[i] = mask[i] ? 0 : Math.exp((sign * scores[i] - max) / temperature)
  return normalise(w, who)
}

/**
 * Draws negatives from a fixed distribution (one of the weight functions above) with Walker's alias
 * method: O(n) set-up, O(1) per draw.
 * @example new NegativeSampler(uniformNegativeWeights(100, [3, 7])).sample(rng, 5)
 */
export class NegativeSampler {
  private readonly table: AliasTable
  constructor(readonly weights: Float64Array) {
    this.table = new AliasTable(weights)
  }

  /** `n` independent draws (with replacement). */
  sample(rng: Rng, n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`NegativeSampler.sample: n must be a non-negative integer, got ${n}`)
    const out = new Int32Array(n)
    for (let k = 0; k < n; k++) out[k] = this.table.sample(rng)
    return out
  }
}
