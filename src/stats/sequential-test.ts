import { ratioVariance, StreamingRatio } from "./ratio-metric"

/**
 * log Λ of the mixture sequential probability ratio test (mSPRT) with a normal mixing distribution
 * (Robbins 1970; Johari, Koomen, Pekelis & Walsh, "Always Valid Inference", Operations Research
 * 2022): for an estimate Δ̂ ~ N(θ, s²) of an effect θ, H₀: θ = θ₀ and the mixture θ ~ N(θ₀, τ²),
 * Λ = ∫ φ_s(Δ̂ − θ) φ_τ(θ − θ₀) dθ / φ_s(Δ̂ − θ₀) = sqrt(s²/(s² + τ²)) exp(τ²(Δ̂ − θ₀)² / (2s²(s² + τ²))).
 * With n paired differences of variance V, s² = V/n gives the paper's
 * Λ_n = sqrt(V/(V + nτ²)) exp(n²τ²Δ̄²/(2V(V + nτ²))).
 * @throws when the variance is not > 0 or τ is not > 0
 * @example Math.exp(mixtureSprtLogStatistic(0.01, 0.25 / 1000, 0.02)) // Λ after 1000 pairs with Δ̄ = 0.01, V = 0.25, τ = 0.02
 */
export function mixtureSprtLogStatistic(difference: number, variance: number, tau: number, nullValue = 0): number {
  if (!(variance > 0 && Number.isFinite(variance)))
    throw new Error(`mixtureSprtLogStatistic: variance must be a finite number > 0, got ${variance}`)
  if (!(tau > 0 && Number.isFinite(tau)))
    throw new Error(`mixtureSprtLogStatistic: tau must be a finite number > 0, got ${tau}`)
  const t2 = tau * tau
  const d = difference - nullValue
  return 0.5 * Math.log(variance / (variance + t2)) + (t2 * d * d) / (2 * variance * (variance + t2))
}

/**
 * Half-width of the mSPRT's confidence set at one step: the θ₀ with Λ(θ₀) < 1/α are
 * Δ̂ ± sqrt(s²(s² + τ²)/τ² · (2 ln(1/α) + ln((s² + τ²)/s²))) (Λ ≥ 1/α solved for θ₀).
 * @example mixtureSprtRadius(0.25 / 1000, 0.02, 0.05)
 */
export function mixtureSprtRadius(variance: number, tau: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`mixtureSprtRadius: alpha must be in (0, 1), got ${alpha}`)
  if (!(variance > 0 && Number.isFinite(variance)))
    throw new Error(`mixtureSprtRadius: variance must be a finite number > 0, got ${variance}`)
  if (!(tau > 0 && Number.isFinite(tau)))
    throw new Error(`mixtureSprtRadius: tau must be a finite number > 0, got ${tau}`)
  const t2 = tau * tau
  return Math.sqrt(
    ((variance * (variance + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((variance + t2) / variance)),
  )
}

/** Options of {@link MixtureSprt}. */
export interface MixtureSprtOptions {
  /** Standard deviation τ of the normal mixture over effects, in the metric's units (e.g. 0.01 for a CTR): the effect size the test is most sensitive to. */
  tau: number
  /** Level of the always-valid p-value and of the confidence sequence (default 0.05). */
  alpha?: number
  /** θ₀, the effect under H₀ (default 0). */
  nullValue?: number
  /** Observations each arm needs before the plug-in variances are trusted and a step is checked (default 100). */
  burnIn?: number
  /**
   * With repeated observations of randomised units (visits of users): the number of units. Each
   * `push` then names its unit, the metric is the ratio Σy/Σn per arm and s² its delta-method
   * variance (`ratioVariance`), which counts the correlation of a unit's observations. Absent:
   * observations are independent.
   */
  units?: number
}

/** The two-sample mSPRT after one check. */
export interface SequentialTestState {
  /** Observations of arm A and of arm B. */
  nA: number
  nB: number
  /** Δ̂ = mean(B) − mean(A). */
  difference: number
  /** s² = σ̂²_A/n_A + σ̂²_B/n_B (with units: the delta-method variance), the plug-in variance of Δ̂ (0 before the burn-in). */
  variance: number
  /** log Λ at this step (0 before the burn-in). */
  logStatistic: number
  /** The always-valid p-value p_n = min(p_{n−1}, 1/Λ_n), non-increasing. */
  pValue: number
  /** The confidence sequence: the running intersection of the steps' confidence sets. */
  interval: [number, number]
  /** Whether p_n ≤ α: H₀ rejected at some step so far (and for good). */
  rejected: boolean
}

/**
 * The two-sample mSPRT of Johari et al. (2022) for A/B tests, checked at every observation: each
 * observation of arm A or B updates its running mean and variance (Welford); Δ̂ = x̄_B − x̄_A has
 * the plug-in variance s² = σ̂²_A/n_A + σ̂²_B/n_B (for 0/1 outcomes σ̂² = p̂(1 − p̂), the paper's
 * Bernoulli case), and with s² in place of V/n the Gaussian mixture ratio Λ
 * (`mixtureSprtLogStatistic`) gives the always-valid p-value p_n = min(p_{n−1}, 1/Λ_n) and the
 * confidence sequence ∩ₖ [Δ̂ₖ ± rₖ] (`mixtureSprtRadius`). Under H₀, P(∃n: p_n ≤ α) ≤ α however
 * often the experimenter looks (Ville's inequality on the martingale Λ_n), exactly for Gaussian data
 * and asymptotically with plug-in variances. With `units`, observations are grouped by randomised
 * unit and s² is the delta-method variance of the two ratios Σy/Σn (`StreamingRatio`).
 * @example
 * const test = new MixtureSprt({ tau: 0.01 })
 * for (const [arm, click] of visits) test.push(arm, click)
 * test.check() // true once H₀ is rejected
 * test.latest().interval
 */
export class MixtureSprt {
  readonly tau: number
  readonly alpha: number
  readonly nullValue: number
  readonly burnIn: number
  /** Per-unit ratio sums of A and B, with `units`. */
  private readonly ratios: [StreamingRatio, StreamingRatio] | null
  private nA = 0
  private nB = 0
  private meanA = 0
  private meanB = 0
  private m2A = 0
  private m2B = 0
  private p = 1
  private lower = -Infinity
  private upper = Infinity
  private difference = 0
  private variance = 0
  private logStatistic = 0

  constructor(options: MixtureSprtOptions) {
    const { tau, alpha = 0.05, nullValue = 0, burnIn = 100, units } = options
    if (!(tau > 0 && Number.isFinite(tau))) throw new Error(`MixtureSprt: tau must be a finite number > 0, got ${tau}`)
    if (!(alpha > 0 && alpha < 1)) throw new Error(`MixtureSprt: alpha must be in (0, 1), got ${alpha}`)
    if (!Number.isFinite(nullValue)) throw new Error(`MixtureSprt: nullValue must be a finite number, got ${nullValue}`)
    if (!(Number.isInteger(burnIn) && burnIn >= 2))
      throw new Error(`MixtureSprt: burnIn must be an integer >= 2, got ${burnIn}`)
    this.tau = tau
    this.alpha = alpha
    this.nullValue = nullValue
    this.burnIn = burnIn
    if (units !== undefined && !(Number.isInteger(units) && units >= 1))
      throw new Error(`MixtureSprt: units must be a positive integer, got ${units}`)
    this.ratios = units === undefined ? null : [new StreamingRatio(units), new StreamingRatio(units)]
  }

  /** Adds one observation `value` of arm 0 (A) or 1 (B), from `unit` when the test has `units`. */
  push(arm: number, value: number, unit = -1): void {
    if (!Number.isFinite(value)) throw new Error(`MixtureSprt.push: value must be a finite number, got ${value}`)
    if (this.ratios && (arm === 0 || arm === 1)) this.ratios[arm].push(unit, value)
    if (arm === 0) {
      const d = value - this.meanA
      this.meanA += d / ++this.nA
      this.m2A += d * (value - this.meanA)
    } else if (arm === 1) {
      const d = value - this.meanB
      this.meanB += d / ++this.nB
      this.m2B += d * (value - this.meanB)
    } else throw new Error(`MixtureSprt.push: arm must be 0 (A) or 1 (B), got ${arm}`)
  }

  /**
   * Checks the test after the observations pushed so far: updates the always-valid p-value and the
   * confidence sequence (once both arms have `burnIn` observations and a variance > 0). Returns
   * whether H₀ is rejected; `latest()` gives the state. No allocation, so it can run every step.
   */
  check(): boolean {
    this.difference = this.nA > 0 && this.nB > 0 ? this.meanB - this.meanA : 0
    this.variance = 0
    this.logStatistic = 0
    if (this.nA < this.burnIn || this.nB < this.burnIn) return this.p <= this.alpha
    const variance = this.ratios
      ? ratioVariance(this.ratios[0].sums) + ratioVariance(this.ratios[1].sums)
      : this.m2A / this.nA / this.nA + this.m2B / this.nB / this.nB
    if (!(variance > 0)) return this.p <= this.alpha
    this.variance = variance
    this.logStatistic = mixtureSprtLogStatistic(this.difference, variance, this.tau, this.nullValue)
    this.p = Math.min(this.p, Math.exp(-this.logStatistic))
    const r = mixtureSprtRadius(variance, this.tau, this.alpha)
    this.lower = Math.max(this.lower, this.difference - r)
    this.upper = Math.min(this.upper, this.difference + r)
    return this.p <= this.alpha
  }

  /** The state after the latest `check`. */
  latest(): SequentialTestState {
    return {
      nA: this.nA,
      nB: this.nB,
      difference: this.difference,
      variance: this.variance,
      logStatistic: this.logStatistic,
      pValue: this.p,
      interval: [this.lower, this.upper],
      rejected: this.p <= this.alpha,
    }
  }
}
