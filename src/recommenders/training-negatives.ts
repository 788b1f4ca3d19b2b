import { AliasScratch, AliasTable, fillAliasTable } from "../random/categorical"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Interactions } from "../schema/interactions"
import { popularityNegativeWeights } from "./negative-sampling"

/**
 * Which distribution a pairwise model draws its negatives from (seed 004 §4.3):
 * - `"uniform"`: every item the user has not interacted with, equally (Rendle et al. 2009);
 * - `"popularity"`: p_j ∝ n_j^β over the user's non-positives, n_j the item's distinct users in
 *   training (word2vec's unigram^0.75, Mikolov et al. 2013);
 * - `"score"`: hard negatives, p_j ∝ exp(x̂_uj / T) over the user's non-positives under the model's
 *   current scores, refreshed once per epoch (the softmax form of Rendle & Freudenthaler 2014,
 *   "Improving pairwise learning for item recommendation from implicit feedback", WSDM).
 */
export type NegativeDistribution = "uniform" | "popularity" | "score"

/** The negative distributions, in the order the notebooks compare them. */
export const NEGATIVE_DISTRIBUTIONS: readonly NegativeDistribution[] = ["uniform", "popularity", "score"]

/** Options of {@link TrainingNegatives}. */
export interface TrainingNegativeOptions {
  /** Popularity exponent β (default 0.75). */
  exponent?: number
  /** Softmax temperature T of the score-based distribution (default 1). */
  temperature?: number
}

/**
 * Draws the negative j of a training triple (u, i, j) in O(1) per draw: uniform by `randomInt`,
 * popularity from one alias table over all items, score-based from one alias table per user (rebuilt by
 * `refreshScores`); a draw that lands on one of the user's positives is rejected and redrawn, so the
 * result follows the distribution restricted to the non-positives and renormalised, exactly as
 * `uniformNegativeWeights` / `popularityNegativeWeights` / `scoreNegativeWeights(…, "high")` give it.
 * The uniform draws are the same random numbers `Bpr` always drew.
 * @example const neg = new TrainingNegatives("popularity", train); neg.draw(rng, u)
 */
export class TrainingNegatives {
  readonly exponent: number
  readonly temperature: number
  private readonly global: AliasTable | undefined
  private readonly prob: Float64Array
  private readonly alias: Int32Array
  private readonly weights: Float64Array
  private readonly scratch: AliasScratch
  /** Whether user u has at least one item of positive probability that is not a positive. */
  private readonly drawable: Uint8Array

  constructor(
    readonly distribution: NegativeDistribution,
    readonly train: Interactions,
    options: TrainingNegativeOptions = {},
  ) {
    this.exponent = options.exponent ?? 0.75
    this.temperature = options.temperature ?? 1
    checkNegativeOptions("TrainingNegatives", distribution, this.exponent, this.temperature)
    const { nUsers, nItems, indptr, items } = train
    const perUser = distribution === "score"
    this.prob = new Float64Array(perUser ? nUsers * nItems : 0)
    this.alias = new Int32Array(perUser ? nUsers * nItems : 0)
    this.weights = new Float64Array(perUser ? nItems : 0)
    this.scratch = new AliasScratch(perUser ? nItems : 0)
    this.drawable = new Uint8Array(nUsers)
    let p: Float64Array | undefined
    if (distribution === "popularity") {
      const counts = new Float64Array(nItems)
      for (let k = 0; k < items.length; k++) counts[items[k]]++
      p = popularityNegativeWeights(counts, [], this.exponent)
      this.global = new AliasTable(p)
    }
    for (let u = 0; u < nUsers; u++) {
      const start = indptr[u]
      const end = indptr[u + 1]
      if (p === undefined) {
        this.drawable[u] = end - start < nItems ? 1 : 0
        continue
      }
      let positiveMass = 0
      for (let q = start; q < end; q++) positiveMass += p[items[q]]
      // Every item of positive weight is a positive: rejection would never stop.
      this.drawable[u] = 1 - positiveMass > 1e-12 ? 1 : 0
    }
  }

  /** Whether user u has any negative to draw (false when every item that can be drawn is a positive). */
  canDraw(user: number): boolean {
    return this.drawable[user] === 1
  }

  /**
   * Rebuilds every user's score-based table from current scores x̂_uj = b_j + w_u·h_j
   * (`userFactors` nUsers × f, `itemFactors` nItems × f, row-major); a no-op for the other distributions.
   */
  refreshScores(userFactors: Float64Array, itemFactors: Float64Array, itemBias: Float64Array, f: number): void {
    if (this.distribution !== "score") return
    const { nUsers, nItems, indptr, items } = this.train
    const w = this.weights
    const t = this.temperature
    for (let u = 0; u < nUsers; u++) {
      const start = indptr[u]
      const end = indptr[u + 1]
      // Triples are drawn through a user's interactions: a user without any is never asked for a negative.
      if (this.drawable[u] === 0 || start === end) continue
      const ru = u * f
      let max = -Infinity
      let q = start
      for (let j = 0; j < nItems; j++) {
        while (q < end && items[q] < j) q++
        if (q < end && items[q] === j) {
          w[j] = Number.NaN
          continue
        }
        let s = itemBias[j]
        for (let k = 0; k < f; k++) s += userFactors[ru + k] * itemFactors[j * f + k]
        w[j] = s
        if (s > max) max = s
      }
      for (let j = 0; j < nItems; j++) w[j] = Number.isNaN(w[j]) ? 0 : Math.exp((w[j] - max) / t)
      fillAliasTable(w, this.prob, this.alias, u * nItems, this.scratch)
    }
  }

  /** One negative for `user`: an item they have not interacted with (call `canDraw` first). */
  draw(rng: Rng, user: number): number {
    const { nItems, indptr, items } = this.train
    const start = indptr[user]
    const end = indptr[user + 1]
    let j = this.drawOnce(rng, user, nItems)
    while (containsSorted(items, start, end, j)) j = this.drawOnce(rng, user, nItems)
    return j
  }

  private drawOnce(rng: Rng, user: number, nItems: number): number {
    if (this.distribution === "uniform") return randomInt(rng, nItems)
    if (this.global !== undefined) return this.global.sample(rng)
    const u = rng.next() * nItems
    const i = Math.floor(u)
    const row = user * nItems
    return u - i < this.prob[row + i] ? i : this.alias[row + i]
  }
}

/**
 * Throws unless the distribution is known, the exponent finite and ≥ 0 and the temperature finite and > 0.
 * @internal
 */
export function checkNegativeOptions(who: string, distribution: string, exponent: number, temperature: number): void {
  if (!(NEGATIVE_DISTRIBUTIONS as readonly string[]).includes(distribution))
    throw new Error(
      `${who}: negatives must be one of ${NEGATIVE_DISTRIBUTIONS.join(", ")}, got ${String(distribution)}`,
    )
  if (!Number.isFinite(exponent) || exponent < 0)
    throw new Error(`${who}: negative exponent must be a finite number >= 0, got ${exponent}`)
  if (!Number.isFinite(temperature) || temperature <= 0)
    throw new Error(`${who}: negative temperature must be a finite number > 0, got ${temperature}`)
}

/**
 * Whether the sorted slice items[start, end) contains `value` (binary search).
 * @internal
 */
export function containsSorted(items: Int32Array, start: number, end: number, value: number): boolean {
  let lo = start
  let hi = end - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = items[mid]
    if (v === value) return true
    if (v < value) lo = mid + 1
    else hi = mid - 1
  }
  return false
}
