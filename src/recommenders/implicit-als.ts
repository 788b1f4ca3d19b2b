import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { dotScores, gramian, randomFactors } from "./factors"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "./explanation"
import { FactorHeap } from "../linalg/kernels/factor-heap"
import { transposeInteractions } from "../schema/interactions"

export interface ImplicitAlsOptions {
  /** Latent dimension f (default 64). */
  factors?: number
  /** L2 penalty λ (default 0.01). */
  regularization?: number
  /** Confidence slope α in c_ui = 1 + α·r_ui (default 10). */
  alpha?: number
  /** Full sweeps (users then items) (default 10). */
  iterations?: number
  /** Conjugate-gradient steps per row and sweep, warm-started from the current factors (default 3). */
  cgSteps?: number
  /** Standard deviation of the N(0, sd²) initial factors (default 0.01). */
  initScale?: number
  /** Seed of the default initialisation generator (default 0); `fit(train, rng)` takes an Rng instead. */
  seed?: number
}

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008, "Collaborative Filtering for Implicit Feedback
 * Datasets", ICDM): preferences p_ui = [r_ui > 0], confidences c_ui = 1 + α·r_ui, minimise
 * L = Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²)
 * by alternating the rows' normal equations (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = Yᵀ C_u p_u, solved by a few
 * conjugate-gradient steps warm-started at the current row (Takács, Pilászy & Tikk 2011, "Applications
 * of the conjugate gradient method for implicit feedback collaborative filtering", RecSys). CG from a
 * warm start never increases a row's quadratic, so L is non-increasing; `loss_` records L after every sweep.
 * YᵀY is shared by all rows, so one CG step costs O(f² + n_u f). Unknown users get popularity.
 * @example new ImplicitAls({ factors: 32, iterations: 10 }).fit(train, createRng(1)).recommend(0, 10)
 */
export class ImplicitAls extends BaseRecommender {
  readonly name = "implicit-als"
  readonly config: Readonly<Required<ImplicitAlsOptions>>
  userFactors_: Float64Array = new Float64Array(0)
  itemFactors_: Float64Array = new Float64Array(0)
  /** L after each sweep (index 0 = after the first sweep). */
  loss_: number[] = []

  constructor(options: ImplicitAlsOptions = {}) {
    super()
    const who = "ImplicitAls"
    this.config = {
      factors: checkInteger(who, "factors", options.factors ?? 64, 1),
      regularization: checkNonNegative(who, "regularization", options.regularization ?? 0.01),
      alpha: checkNonNegative(who, "alpha", options.alpha ?? 10),
      iterations: checkInteger(who, "iterations", options.iterations ?? 10, 1),
      cgSteps: checkInteger(who, "cgSteps", options.cgSteps ?? 3, 1),
      initScale: checkNonNegative(who, "initScale", options.initScale ?? 0.01, true),
      seed: checkInteger(who, "seed", options.seed ?? 0, 0),
    }
  }

  /** The initial factors are drawn from `rng` (default `createRng(config.seed)`). */
  protected fitModel(train: Interactions, rng: Rng = createRng(this.config.seed)): void {
    const { factors: f, iterations, initScale } = this.config
    const byItem = transposeInteractions(train)
    const nnz = train.items.length
    const { nUsers, nItems } = train
    // Heap layout (doubles): X, Y, G, r, d, ad, user-side values, item-side values; (int32s) user-side items, item-side items.
    const xAt = 0
    const yAt = nUsers * f
    const gAt = yAt + nItems * f
    const rAt = gAt + f * f
    const heap = FactorHeap.create(rAt + 3 * f + 2 * nnz, 2 * nnz, { f })
    heap.f64.set(randomFactors(rng, nUsers, f, initScale), xAt)
    heap.f64.set(randomFactors(rng, nItems, f, initScale), yAt)
    const byUserRows = heapRows(heap, train, rAt + 3 * f, 0)
    const byItemRows = heapRows(heap, byItem, rAt + 3 * f + nnz, nnz)
    const work = { heap, g: gAt, r: rAt, d: rAt + f, ad: rAt + 2 * f }
    this.loss_ = []
    for (let it = 0; it < iterations; it++) {
      this.sweep(byUserRows, xAt, yAt, work)
      this.sweep(byItemRows, yAt, xAt, work)
      this.loss_.push(this.loss(byUserRows, xAt, yAt, work))
    }
    this.userFactors_ = heap.f64.slice(xAt, xAt + nUsers * f)
    this.itemFactors_ = heap.f64.slice(yAt, yAt + nItems * f)
  }

  protected scoreKnownUser(user: number): Float64Array {
    const train = this.fitted()
    return dotScores(this.userFactors_, user, this.itemFactors_, train.nItems, this.config.factors)
  }

  /** One product x_uk·y_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = factorContributions(this.userFactors_, user, this.itemFactors_, item, this.config.factors)
    return additiveExplanation(item, this.scoreKnownUser(user)[item], terms, FACTOR_LEAD, "")
  }

  /** Updates every row of X (at `x`) given the fixed Y (at `y`), rows of `m` indexing into Y. */
  private sweep(m: HeapRows, x: number, y: number, w: CgWork): void {
    const f = this.config.factors
    const { alpha, regularization: lambda, cgSteps } = this.config
    const { heap, g, r, d, ad } = w
    const h = heap.f64
    gramian(h.subarray(y, y + m.nCols * f), m.nCols, f, h.subarray(g, g + f * f))
    const { indptr, items, values } = m
    for (let u = 0; u < m.nRows; u++) {
      const start = indptr[u]
      const end = indptr[u + 1]
      const xu = x + u * f
      // Residual r = b − A x with b = Σ_i c_ui y_i and A x = G x + λ x + Σ_i (c_ui − 1)(y_i·x) y_i.
      heap.symv(g, xu, r, f)
      for (let k = 0; k < f; k++) h[r + k] = -h[r + k] - lambda * h[xu + k]
      heap.residualTerms(items, values, start, end, y, xu, r, f, alpha)
      let rs = 0
      for (let k = 0; k < f; k++) {
        h[d + k] = h[r + k]
        rs += h[r + k] * h[r + k]
      }
      for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
        heap.symv(g, d, ad, f)
        for (let k = 0; k < f; k++) h[ad + k] += lambda * h[d + k]
        heap.productTerms(items, values, start, end, y, d, ad, f, alpha)
        let dAd = 0
        for (let k = 0; k < f; k++) dAd += h[d + k] * h[ad + k]
        if (!(dAd > 0)) break
        const a = rs / dAd
        let rsNew = 0
        for (let k = 0; k < f; k++) {
          h[xu + k] += a * h[d + k]
          h[r + k] -= a * h[ad + k]
          rsNew += h[r + k] * h[r + k]
        }
        const beta = rsNew / rs
        for (let k = 0; k < f; k++) h[d + k] = h[r + k] + beta * h[d + k]
        rs = rsNew
      }
    }
  }

  /** L = Σ_u x_uᵀ G x_u + Σ_{observed} [c(1 − s)² − s²] + λ(‖X‖² + ‖Y‖²), with G = YᵀY. */
  private loss(m: HeapRows, x: number, y: number, w: CgWork): number {
    const f = this.config.factors
    const { alpha, regularization: lambda } = this.config
    const { heap, g, ad: gx } = w
    const h = heap.f64
    gramian(h.subarray(y, y + m.nCols * f), m.nCols, f, h.subarray(g, g + f * f))
    let total = 0
    let norms = 0
    for (let u = 0; u < m.nRows; u++) {
      const xu = x + u * f
      heap.symv(g, xu, gx, f)
      for (let k = 0; k < f; k++) {
        total += h[xu + k] * h[gx + k]
        norms += h[xu + k] * h[xu + k]
      }
      for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) {
        const s = heap.dot(xu, y + heap.i32[m.items + p] * f, f)
        total += (1 + alpha * h[m.values + p]) * (1 - s) * (1 - s) - s * s
      }
    }
    for (let i = y; i < y + m.nCols * f; i++) norms += h[i] * h[i]
    return total + lambda * norms
  }
}

/** An interaction matrix whose items and values are copied into a {@link FactorHeap} (at `items` and `values`). */
interface HeapRows {
  nRows: number
  nCols: number
  indptr: Int32Array
  items: number
  values: number
}

function heapRows(heap: FactorHeap, m: Interactions, values: number, items: number): HeapRows {
  heap.f64.set(m.values, values)
  heap.i32.set(m.items, items)
  return { nRows: m.nUsers, nCols: m.nItems, indptr: m.indptr, items, values }
}

/** Where the Gram matrix and the CG vectors live in the heap. */
interface CgWork {
  heap: FactorHeap
  g: number
  r: number
  d: number
  ad: number
}
