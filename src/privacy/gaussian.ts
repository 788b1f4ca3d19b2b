import type { Rng } from "../random/rng"
import { normal } from "../random/normal"
import { logStandardNormalCdf } from "../stats/distributions"
import { checkDelta, checkEpsilon, checkSensitivity } from "./parameters"

/** Options of the Gaussian mechanism: the query's L2 sensitivity Δ₂ and the budget (ε, δ). */
export interface GaussianOptions {
  /** L2 sensitivity: the largest change of the query's L2 norm when one person's data changes. */
  sensitivity: number
  epsilon: number
  /** In (0, 1): the probability mass on which the ε guarantee may fail. */
  delta: number
  /**
   * "classic" (default): σ = Δ₂·√(2 ln(1.25/δ))/ε, proved only for ε < 1 (Dwork & Roth 2014,
   * Theorem 3.22); "analytic": the smallest σ that is exactly (ε, δ)-DP (Balle & Wang 2018),
   * valid for every ε > 0 and never larger than the classic σ.
   */
  calibration?: "classic" | "analytic"
}

/**
 * The classic Gaussian mechanism's noise standard deviation σ = Δ₂·√(2 ln(1.25/δ))/ε
 * (Dwork & Roth 2014, Theorem 3.22). The proof holds only for ε < 1, so ε ≥ 1 is refused with a
 * pointer to the analytic calibration.
 * @throws if ε ∉ (0, 1), δ ∉ (0, 1) or Δ₂ ≤ 0
 * @example classicGaussianSigma(1, 0.5, 1e-5) // 9.6896…
 */
export function classicGaussianSigma(sensitivity: number, epsilon: number, delta: number): number {
  checkEpsilon(epsilon, "classicGaussianSigma")
  checkDelta(delta, "classicGaussianSigma", true)
  checkSensitivity(sensitivity, "classicGaussianSigma")
  if (epsilon >= 1) {
    throw new Error(
      `classicGaussianSigma: epsilon must be < 1 for the classic calibration (Dwork & Roth, Theorem 3.22), got ${epsilon}; use calibration "analytic" (analyticGaussianSigma) for epsilon >= 1`,
    )
  }
  return (sensitivity * Math.sqrt(2 * Math.log(1.25 / delta))) / epsilon
}

/**
 * The δ actually achieved by Gaussian noise σ at privacy level ε for sensitivity Δ₂ (Balle &
 * Wang 2018, Theorem 8): δ(σ) = Φ(Δ/2σ − εσ/Δ) − e^ε·Φ(−Δ/2σ − εσ/Δ). Decreasing in σ.
 * @example gaussianDelta(1, 1, 4.0) // ≈ 2.924e-6
 */
export function gaussianDelta(sensitivity: number, epsilon: number, sigma: number): number {
  checkEpsilon(epsilon, "gaussianDelta")
  checkSensitivity(sensitivity, "gaussianDelta")
  if (!(Number.isFinite(sigma) && sigma > 0))
    throw new Error(`gaussianDelta: sigma must be a finite number > 0, got ${sigma}`)
  const a = sensitivity / (2 * sigma)
  const b = (epsilon * sigma) / sensitivity
  return Math.max(0, Math.exp(logStandardNormalCdf(a - b)) - Math.exp(epsilon + logStandardNormalCdf(-a - b)))
}

/**
 * The analytic Gaussian mechanism (Balle & Wang 2018, Algorithm 1 by bisection instead of their
 * closed-form search): the smallest σ with gaussianDelta(Δ₂, ε, σ) ≤ δ, to a relative 1e-10.
 * Valid for every ε > 0.
 * @throws if ε ≤ 0, δ ∉ (0, 1) or Δ₂ ≤ 0
 * @example analyticGaussianSigma(1, 1, 1e-5) // ≈ 3.73
 */
export function analyticGaussianSigma(sensitivity: number, epsilon: number, delta: number): number {
  checkEpsilon(epsilon, "analyticGaussianSigma")
  checkDelta(delta, "analyticGaussianSigma", true)
  checkSensitivity(sensitivity, "analyticGaussianSigma")
  let lo = sensitivity
  let hi = sensitivity
  while (gaussianDelta(sensitivity, epsilon, hi) > delta) hi *= 2
  while (lo > 1e-12 * sensitivity && gaussianDelta(sensitivity, epsilon, lo) <= delta) lo /= 2
  while (hi - lo > 1e-10 * hi) {
    const mid = 0.5 * (lo + hi)
    if (gaussianDelta(sensitivity, epsilon, mid) > delta) lo = mid
    else hi = mid
  }
  return hi
}

/**
 * σ of the Gaussian mechanism for the chosen calibration (classic by default).
 * @example gaussianSigma({ sensitivity: 1, epsilon: 0.5, delta: 1e-5 })
 */
export function gaussianSigma(options: GaussianOptions): number {
  const calibration = options.calibration ?? "classic"
  if (calibration === "classic") return classicGaussianSigma(options.sensitivity, options.epsilon, options.delta)
  if (calibration === "analytic") return analyticGaussianSigma(options.sensitivity, options.epsilon, options.delta)
  throw new Error(`gaussianMechanism: calibration must be "classic" or "analytic", got ${String(calibration)}`)
}

/**
 * The Gaussian mechanism: releases f(x) + N(0, σ²) on every coordinate, (ε, δ)-differentially
 * private when Δ₂ bounds the L2 change of f(x). Unbiased: E[output] = f(x). Returns a new array.
 * @throws on a bad parameter (named in the message) or a non-finite value
 * @example gaussianMechanism([10, 3], { sensitivity: 1, epsilon: 0.5, delta: 1e-5 }, rng)
 */
export function gaussianMechanism(values: ArrayLike<number>, options: GaussianOptions, rng: Rng): Float64Array {
  const sigma = gaussianSigma(options)
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) throw new Error(`gaussianMechanism: value ${i} is not finite (${v})`)
    out[i] = v + normal(rng, 0, sigma)
  }
  return out
}
