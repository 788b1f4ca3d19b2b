import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { choleskyInverse } from "../linalg/cholesky"
import type { Contribution, Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation } from "./explanation"

export interface EaseOptions {
  /** L2 penalty λ on the item-item weights (default 500, the order of magnitude Steck reports). */
  lambda?: number
  /** Largest catalogue accepted: the model is a dense n × n matrix and the inverse costs ~n³ (default 4000). */
  maxItems?: number
}

/**
 * EASE^R (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW, eq. 8): the item-item
 * weights B minimise ‖X − XB‖² + λ‖B‖² subject to diag(B) = 0, with the closed form
 * P = (XᵀX + λI)⁻¹,  B = I − P·diagMat(1/diag(P)),  i.e. B_ij = −P_ij / P_jj (i ≠ j), B_jj = 0;
 * score(u) = x_u·B. P comes from the blocked SPD inverse of the dense kernel ({@link choleskyInverse}). Unknown users get popularity.
 * @example new Ease({ lambda: 200 }).fit(train).recommend(0, 10)
 */
export class Ease extends BaseRecommender {
  readonly name = "ease"
  readonly config: Readonly<Required<EaseOptions>>
  /** The learned item-item weights B (row-major nItems × nItems). */
  weights_: Float64Array = new Float64Array(0)

  constructor(options: EaseOptions = {}) {
    super()
    this.config = {
      lambda: checkNonNegative("Ease", "lambda", options.lambda ?? 500, true),
      maxItems: checkInteger("Ease", "maxItems", options.maxItems ?? 4000, 1),
    }
  }

  protected fitModel(train: Interactions): void {
    const n = train.nItems
    if (n > this.config.maxItems) {
      throw new Error(
        `Ease.fit: ${n} items exceed maxItems = ${this.config.maxItems} (the model is a dense n×n matrix inverted in ~n³ flops); raise maxItems if you mean it`,
      )
    }
    const g = new Float64Array(n * n)
    for (let u = 0; u < train.nUsers; u++) {
      for (let p = train.indptr[u]; p < train.indptr[u + 1]; p++) {
        const ri = train.items[p] * n
        const x = train.values[p]
        for (let q = train.indptr[u]; q < train.indptr[u + 1]; q++) g[ri + train.items[q]] += x * train.values[q]
      }
    }
    for (let i = 0; i < n; i++) g[i * n + i] += this.config.lambda
    const b = choleskyInverse(g, n)
    const diag = new Float64Array(n)
    for (let j = 0; j < n; j++) diag[j] = b[j * n + j]
    for (let i = 0; i < n; i++) {
      const ri = i * n
      for (let j = 0; j < n; j++) b[ri + j] = i === j ? 0 : -b[ri + j] / diag[j]
    }
    this.weights_ = b
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    const n = train.nItems
    const b = this.weights_
    const scores = new Float64Array(n)
    const n4 = n - (n % 4)
    // Each score adds its terms in the order of the user's items; four items per step only saves loop overhead.
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) {
      const rj = train.items[p] * n
      const x = train.values[p]
      let i = 0
      for (; i < n4; i += 4) {
        scores[i] += x * b[rj + i]
        scores[i + 1] += x * b[rj + i + 1]
        scores[i + 2] += x * b[rj + i + 2]
        scores[i + 3] += x * b[rj + i + 3]
      }
      for (; i < n; i++) scores[i] += x * b[rj + i]
    }
    return scores
  }

  /** One term x_uj · B_ji per item j of the user. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const train = this.fitted()
    const n = train.nItems
    const terms: Contribution[] = []
    for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) {
      const j = train.items[p]
      const w = this.weights_[j * n + item]
      terms.push({
        label: `#${j} (weight ${formatValue(w)} × ${formatValue(train.values[p])})`,
        value: train.values[p] * w,
      })
    }
    return additiveExplanation(
      item,
      this.scoreKnownUser(user)[item],
      terms,
      "Recommended because you interacted with",
      "Score 0: you have no interactions",
    )
  }
}
