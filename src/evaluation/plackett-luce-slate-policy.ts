import type { Rng } from "../random/rng"

/**
 * A Plackett–Luce slate policy (Plackett 1975; Luce 1959): the slate's items are drawn one
 * position after another without replacement, item a with probability ∝ exp(sₐ(x)/τ) among the
 * items not yet shown, sₐ(x) = Σⱼ Wₐⱼ xⱼ. Every probability the slate estimators need is exact:
 * the whole slate's, the prefix's (cascade), each position's marginal (by enumerating the
 * prefixes), and the conditional distribution at a position given the prefix shown above it.
 * Contexts are rows of a (n × nFeatures) matrix, passed with their offset.
 * @example const p = new PlackettLuceSlatePolicy("logging", weights, 12, 13, { temperature: 2 })
 */
export class PlackettLuceSlatePolicy {
  private readonly u: Float64Array
  private readonly used: Uint8Array

  constructor(
    readonly name: string,
    /** (nActions × nFeatures) */
    readonly weights: Float64Array,
    readonly nActions: number,
    readonly nFeatures: number,
    readonly options: { temperature?: number } = {},
  ) {
    if (weights.length !== nActions * nFeatures)
      throw new Error(
        `PlackettLuceSlatePolicy: weights must have nActions × nFeatures = ${nActions * nFeatures} entries, got ${weights.length}`,
      )
    if (!((options.temperature ?? 1) > 0))
      throw new Error(`PlackettLuceSlatePolicy: temperature must be > 0, got ${options.temperature}`)
    this.u = new Float64Array(nActions)
    this.used = new Uint8Array(nActions)
  }

  /** Unnormalised weights exp((sₐ − max s)/τ) into `this.u`. */
  private utilities(features: Float64Array, offset: number): Float64Array {
    const d = this.nFeatures
    const t = this.options.temperature ?? 1
    const u = this.u
    let max = -Infinity
    for (let a = 0; a < this.nActions; a++) {
      let s = 0
      for (let j = 0; j < d; j++) s += this.weights[a * d + j] * features[offset + j]
      u[a] = s / t
      if (u[a] > max) max = u[a]
    }
    for (let a = 0; a < this.nActions; a++) u[a] = Math.exp(u[a] - max)
    return u
  }

  /** Draws a slate of `length` distinct items into `slate`. */
  sample(features: Float64Array, offset: number, length: number, rng: Rng, slate: Int32Array, slateOffset = 0): void {
    this.checkLength(length)
    const u = this.utilities(features, offset)
    const used = this.used
    used.fill(0)
    let total = 0
    for (let a = 0; a < this.nActions; a++) total += u[a]
    for (let k = 0; k < length; k++) {
      let x = rng.next() * total
      let pick = -1
      for (let a = 0; a < this.nActions; a++) {
        if (used[a]) continue
        pick = a
        if (x < u[a]) break
        x -= u[a]
      }
      used[pick] = 1
      total -= u[pick]
      slate[slateOffset + k] = pick
    }
  }

  /** π(a₁…a_k | x) for k = 1…length into out[0…length) (out[length − 1] is the whole slate's). */
  cascadeProbabilities(
    features: Float64Array,
    offset: number,
    slate: Int32Array,
    slateOffset: number,
    length: number,
    out: Float64Array,
    outOffset = 0,
  ): void {
    this.checkLength(length)
    const u = this.utilities(features, offset)
    let total = 0
    for (let a = 0; a < this.nActions; a++) total += u[a]
    let p = 1
    for (let k = 0; k < length; k++) {
      const a = slate[slateOffset + k]
      p *= u[a] / total
      total -= u[a]
      out[outOffset + k] = p
    }
  }

  /** π(· at position k | x, a₁…a_{k−1}) into out[0…nActions): 0 for the items shown above. */
  conditional(
    features: Float64Array,
    offset: number,
    slate: Int32Array,
    slateOffset: number,
    k: number,
    out: Float64Array,
  ): void {
    const u = this.utilities(features, offset)
    out.set(u)
    for (let j = 0; j < k; j++) out[slate[slateOffset + j]] = 0
    let total = 0
    for (let a = 0; a < this.nActions; a++) total += out[a]
    for (let a = 0; a < this.nActions; a++) out[a] /= total
  }

  /**
   * Marginals P(item a at position k | x) into out (length × nActions, row k), by enumerating
   * the ordered prefixes: O(K^(length−1) · K) per context.
   */
  marginals(features: Float64Array, offset: number, length: number, out: Float64Array): void {
    this.checkLength(length)
    const u = this.utilities(features, offset)
    const used = this.used
    used.fill(0)
    out.fill(0, 0, length * this.nActions)
    let total = 0
    for (let a = 0; a < this.nActions; a++) total += u[a]
    this.visit(0, 1, total, length, out)
  }

  /** Adds the probability of every continuation of the current prefix (probability p, remaining mass `rest`) at position k. */
  private visit(k: number, p: number, rest: number, length: number, out: Float64Array): void {
    const K = this.nActions
    const u = this.u
    const used = this.used
    for (let a = 0; a < K; a++) {
      if (used[a]) continue
      const q = (p * u[a]) / rest
      out[k * K + a] += q
      if (k + 1 < length) {
        used[a] = 1
        this.visit(k + 1, q, rest - u[a], length, out)
        used[a] = 0
      }
    }
  }

  private checkLength(length: number): void {
    if (!Number.isInteger(length) || length < 1 || length > this.nActions)
      throw new Error(`${this.name}: a slate holds 1..${this.nActions} items, got ${length}`)
  }
}
