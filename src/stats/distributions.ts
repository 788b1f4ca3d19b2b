import { logGamma, regularizedIncompleteBeta } from "./special"

/** Re-exported: the special functions these distributions are built on. */
export { logGamma, regularizedIncompleteBeta }

/**
 * Student's t cumulative distribution function with `df` degrees of freedom:
 * F(t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0, symmetric for t < 0.
 * @example studentTCdf(2.0, 10) // 0.963306 (scipy.stats.t.cdf)
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new Error(`studentTCdf: df must be > 0, got ${df}`)
  if (Number.isNaN(t)) throw new Error("studentTCdf: t is NaN")
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes §6.2 (`erfcc`): fractional error below
 * 1.2e-7 everywhere, so far tails keep their relative precision (simple-statistics'
 * `errorFunction` has a 1.2e-7 *absolute* error, which swamps p-values below 1e-6).
 * @example erfc(1) // 0.157299
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r = t * Math.exp(-z * z - 1.26551223 + erfcTail(t))
  return x >= 0 ? r : 2 - r
}

/** The Chebyshev series of `erfcc` after its constant term, shared by `erfc` and `logStandardNormalCdf`. */
function erfcTail(t: number): number {
  return (
    t *
    (1.00002368 +
      t *
        (0.37409196 +
          t *
            (0.09678418 +
              t *
                (-0.18628806 +
                  t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  )
}

/** ln erfc(z) for z ≥ 0, by the same fit kept in log form so that it does not underflow. */
function logErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z)
  return Math.log(t) - z * z + (-1.26551223 + erfcTail(t))
}

/**
 * ln Φ(x) for the standard normal CDF Φ, accurate in the far lower tail where Φ underflows:
 * Φ(x) = ½·erfc(−x/√2) with erfc kept in log form.
 * @example logStandardNormalCdf(-40) // -804.608 (scipy.stats.norm.logcdf: -804.6084420137539)
 */
export function logStandardNormalCdf(x: number): number {
  const z = -x / Math.SQRT2
  if (z < 0) return Math.log(1 - 0.5 * Math.exp(logErfc(-z)))
  return logErfc(z) - Math.LN2
}

/**
 * Standard normal CDF Φ(z) = ½ erfc(−z/√2).
 * @example normalCdf(1.959964) // 0.975
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new Error("normalCdf: z is NaN")
  return 0.5 * erfc(-z / Math.SQRT2)
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9).
 * simple-statistics' `probit` is not used: its inverse error
 * function gives Φ⁻¹(0.975) = 1.9572 instead of 1.95996, too coarse for interval endpoints.
 * @example normalQuantile(0.975) // 1.959964
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`)
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const low = 0.02425
  let x: number
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else if (p <= 1 - low) {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  }
  return x
}
