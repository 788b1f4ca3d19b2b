/**
 * ln Φ(x) for the standard normal CDF Φ, accurate in the far lower tail where Φ underflows.
 * Uses the complementary error function of Numerical Recipes (`erfcc`, Chebyshev fit, fractional
 * error < 1.2e-7 everywhere), kept in log form: Φ(x) = ½·erfc(−x/√2).
 */
export function logStandardNormalCdf(x: number): number {
  const z = -x / Math.SQRT2
  if (z < 0) return Math.log(1 - 0.5 * Math.exp(logErfc(-z)))
  return logErfc(z) - Math.LN2
}

/** Φ(x), the standard normal CDF. */
export function standardNormalCdf(x: number): number {
  return Math.exp(logStandardNormalCdf(x))
}

/** ln erfc(z) for z ≥ 0 (Numerical Recipes, 2nd ed., §6.2). */
function logErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z)
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  return Math.log(t) - z * z + poly
}
