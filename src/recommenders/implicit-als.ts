import { createRng } from "../random/rng"
import type { Rng } from "../random/rng"
import { BaseRecommender } from "./base-recommender"
import { checkInteger, checkNonNegative } from "./checks"
import { dotScores, gramian, randomFactors } from "./factors"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "./explanation"
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
    const x = randomFactors(rng, train.nUsers, f, initScale)
    const y = randomFactors(rng, train.nItems, f, initScale)
    const work = new CgWork(f)
    this.loss_ = []
    for (let it = 0; it < iterations; it++) {
      this.sweep(train, x, y, work)
      this.sweep(byItem, y, x, work)
      this.loss_.push(this.loss(train, x, y, work))
    }
    this.userFactors_ = x
    this.itemFactors_ = y
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

  /** Updates every row of `x` given the fixed `y`, rows of `m` indexing into `y`. */
  private sweep(m: Interactions, x: Float64Array, y: Float64Array, w: CgWork): void {
    const f = this.config.factors
    const { alpha, regularization: lambda, cgSteps } = this.config
    const g = gramian(y, m.nItems, f, w.gram)
    const { r, d, ad } = w
    const { indptr, items, values } = m
    for (let u = 0; u < m.nUsers; u++) {
      const start = indptr[u]
      const end = indptr[u + 1]
      const ru = u * f
      // Residual r = b − A x with b = Σ_i c_ui y_i and A x = G x + λ x + Σ_i (c_ui − 1)(y_i·x) y_i.
      multiplyGram(g, x, ru, f, r)
      for (let k = 0; k < f; k++) r[k] = -r[k] - lambda * x[ru + k]
      for (let p = start; p < end; p++) {
        const ri = items[p] * f
        const c = 1 + alpha * values[p]
        const coef = c - (c - 1) * dotAt(y, ri, x, ru, f)
        axpyAt(coef, y, ri, r, f)
      }
      let rs = 0
      for (let k = 0; k < f; k++) {
        d[k] = r[k]
        rs += r[k] * r[k]
      }
      for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
        multiplyGram(g, d, 0, f, ad)
        for (let k = 0; k < f; k++) ad[k] += lambda * d[k]
        for (let p = start; p < end; p++) {
          const ri = items[p] * f
          axpyAt(alpha * values[p] * dotAt(y, ri, d, 0, f), y, ri, ad, f)
        }
        let dAd = 0
        for (let k = 0; k < f; k++) dAd += d[k] * ad[k]
        if (!(dAd > 0)) break
        const a = rs / dAd
        let rsNew = 0
        for (let k = 0; k < f; k++) {
          x[ru + k] += a * d[k]
          r[k] -= a * ad[k]
          rsNew += r[k] * r[k]
        }
        const beta = rsNew / rs
        for (let k = 0; k < f; k++) d[k] = r[k] + beta * d[k]
        rs = rsNew
      }
    }
  }

  /** L = Σ_u x_uᵀ G x_u + Σ_{observed} [c(1 − s)² − s²] + λ(‖X‖² + ‖Y‖²), with G = YᵀY. */
  private loss(m: Interactions, x: Float64Array, y: Float64Array, w: CgWork): number {
    const f = this.config.factors
    const { alpha, regularization: lambda } = this.config
    const g = gramian(y, m.nItems, f, w.gram)
    const gx = w.ad
    let total = 0
    let norms = 0
    for (let u = 0; u < m.nUsers; u++) {
      const ru = u * f
      multiplyGram(g, x, ru, f, gx)
      for (let k = 0; k < f; k++) {
        total += x[ru + k] * gx[k]
        norms += x[ru + k] * x[ru + k]
      }
      for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) {
        const ri = m.items[p] * f
        const s = dotAt(x, ru, y, ri, f)
        total += (1 + alpha * m.values[p]) * (1 - s) * (1 - s) - s * s
      }
    }
    for (let i = 0; i < y.length; i++) norms += y[i] * y[i]
    return total + lambda * norms
  }
}

/** out = G · v[offset .. offset + f) for a symmetric f × f G. */
function multiplyGram(g: Float64Array, v: Float64Array, offset: number, f: number, out: Float64Array): void {
  for (let a = 0; a < f; a++) out[a] = dotAt(g, a * f, v, offset, f)
}

/** Σ_k a[ai + k]·b[bi + k] for k < f, with four partial sums so that V8 overlaps the multiply-adds. */
function dotAt(a: Float64Array, ai: number, b: Float64Array, bi: number, f: number): number {
  const f4 = f - (f % 4)
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let k = 0
  for (; k < f4; k += 4) {
    s0 += a[ai + k] * b[bi + k]
    s1 += a[ai + k + 1] * b[bi + k + 1]
    s2 += a[ai + k + 2] * b[bi + k + 2]
    s3 += a[ai + k + 3] * b[bi + k + 3]
  }
  for (; k < f; k++) s0 += a[ai + k] * b[bi + k]
  return s0 + s1 + s2 + s3
}

/** out[k] += s·a[ai + k] for k < f. */
function axpyAt(s: number, a: Float64Array, ai: number, out: Float64Array, f: number): void {
  for (let k = 0; k < f; k++) out[k] += s * a[ai + k]
}

/** Scratch vectors for the CG sweeps, allocated once per fit. */
class CgWork {
  readonly gram: Float64Array
  readonly r: Float64Array
  readonly d: Float64Array
  readonly ad: Float64Array
  constructor(f: number) {
    this.gram = new Float64Array(f * f)
    this.r = new Float64Array(f)
    this.d = new Float64Array(f)
    this.ad = new Float64Array(f)
  }
}
