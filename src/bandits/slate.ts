import type { Rng } from "../random/rng"
import type { ScoringPolicy } from "./scorer"
import { checkInteger, checkRange } from "./validate"

/** Options of {@link TopKSlate}. */
export interface TopKSlateOptions {
  /** Slate length k ≤ number of arms. */
  k: number
  /**
   * How clicks are turned into per-item feedback:
   * - "cascade": the user scans top-down and stops at the first click; items above it were seen and
   *   not clicked (reward 0), the clicked one gets 1, items below were never seen (no update).
   *   Source: Kveton, Szepesvári, Wen & Ashkan (2015), "Cascading bandits", ICML (CascadeUCB1/KL-UCB).
   * - "position-based": position p is examined with known probability κ_p; each shown item gets the
   *   inverse-propensity reward click/κ_p, an unbiased estimate of its attraction (Craswell et al. 2008;
   *   Joachims, Swaminathan & Schnabel 2017). Needs a base policy that accepts rewards above 1
   *   (sample-average ones: UCB, ε-greedy), not Beta-Bernoulli Thompson.
   */
  clickModel: "cascade" | "position-based"
  /** κ_p for "position-based" (length ≥ k, κ_0 usually 1). */
  examination?: number[]
}

/**
 * A top-k slate from any scoring policy: rank arms by the base policy's scores (ties → smaller
 * index), show the first k, learn from the clicks through a click model.
 * @example
 * const slate = new TopKSlate(new Ucb1({ arms: 50 }), { k: 5, clickModel: "cascade" })
 * const shown = slate.select(undefined, rng, new Int32Array(5))
 * slate.update(shown, new Uint8Array([0, 0, 1, 0, 0]), undefined)
 */
export class TopKSlate<C> {
  readonly name: string
  readonly base: ScoringPolicy<C>
  readonly config: Readonly<{
    k: number
    clickModel: "cascade" | "position-based"
    examination: readonly number[] | null
  }>
  private readonly scoreBuffer: Float64Array
  private readonly order: Int32Array

  constructor(base: ScoringPolicy<C>, options: TopKSlateOptions) {
    const k = checkInteger("TopKSlate", "k", options.k, 1)
    if (k > base.nArms) throw new Error(`TopKSlate: k must be <= the base policy's ${base.nArms} arms, got ${k}`)
    if (options.clickModel !== "cascade" && options.clickModel !== "position-based") {
      throw new Error(`TopKSlate: clickModel must be "cascade" or "position-based", got ${String(options.clickModel)}`)
    }
    let examination: number[] | null = null
    if (options.clickModel === "position-based") {
      if (!Array.isArray(options.examination) || options.examination.length < k) {
        throw new Error(
          `TopKSlate: examination must list κ for at least k = ${k} positions with clickModel "position-based"`,
        )
      }
      examination = options.examination.map((e, i) => checkRange("TopKSlate", `examination[${i}]`, e, 0, 1, "low"))
    }
    this.base = base
    this.config = { k, clickModel: options.clickModel, examination }
    this.name = `top${k}-${options.clickModel}-${base.name}`
    this.scoreBuffer = new Float64Array(base.nArms)
    this.order = new Int32Array(base.nArms)
  }

  /** Writes the k arms to show, best first, into `out` (length ≥ k) and returns it. */
  select(context: C, rng: Rng, out: Int32Array): Int32Array {
    const s = this.base.scores(context, rng, this.scoreBuffer)
    const n = this.base.nArms
    const k = this.config.k
    // Partial selection sort: O(k·K), no allocation.
    for (let i = 0; i < n; i++) this.order[i] = i
    for (let p = 0; p < k; p++) {
      let best = p
      for (let i = p + 1; i < n; i++) {
        const a = this.order[i]
        const b = this.order[best]
        if (s[a] > s[b] || (s[a] === s[b] && a < b)) best = i
      }
      const tmp = this.order[p]
      this.order[p] = this.order[best]
      this.order[best] = tmp
      out[p] = this.order[p]
    }
    return out
  }

  /** Learns from the clicks (1 = clicked) at each position of `slate`. */
  update(slate: Int32Array, clicks: Uint8Array, context: C): void {
    const k = this.config.k
    if (this.config.clickModel === "cascade") {
      for (let p = 0; p < k; p++) {
        this.base.update(slate[p], clicks[p] ? 1 : 0, context)
        if (clicks[p]) return
      }
      return
    }
    const kappa = this.config.examination as readonly number[]
    for (let p = 0; p < k; p++) this.base.update(slate[p], clicks[p] ? 1 / kappa[p] : 0, context)
  }

  reset(): void {
    this.base.reset()
  }
}
