import { normalQuantile } from "./distributions"

/**
 * The Wilson score interval of a binomial proportion x/n (Wilson 1927):
 * (p̂ + z²/2n ± z sqrt(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(1 − (1 − level)/2). Used for
 * Monte Carlo rates such as a test's false-positive rate over simulated experiments.
 * @throws when trials is not a positive integer or successes is not an integer in [0, trials]
 * @example wilsonInterval(12, 400) // [0.0172, 0.0517]
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): [number, number] {
  if (!(level > 0 && level < 1)) throw new Error(`wilsonInterval: level must be in (0, 1), got ${level}`)
  if (!(Number.isInteger(trials) && trials >= 1))
    throw new Error(`wilsonInterval: trials must be an integer >= 1, got ${trials}`)
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials))
    throw new Error(`wilsonInterval: successes must be an integer in [0, ${trials}], got ${successes}`)
  const z = normalQuantile(1 - (1 - level) / 2)
  const p = successes / trials
  const z2n = (z * z) / trials
  const centre = p + z2n / 2
  const half = z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))
  return [Math.max(0, (centre - half) / (1 + z2n)), Math.min(1, (centre + half) / (1 + z2n))]
}
