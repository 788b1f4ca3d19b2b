import { normalCdf, normalQuantile } from "./distributions"
import type { TwoSampleTestResult } from "./two-sample-tests"

/**
 * Sums of a ratio metric over independent units (users) that each contribute several observations
 * (visits): R = Σᵤ yᵤ / Σᵤ nᵤ, e.g. clicks per visit when users, not visits, are randomised.
 */
export interface RatioSums {
  /** Units with at least one observation. */
  units: number
  /** Σᵤ yᵤ (e.g. clicks) and Σᵤ nᵤ (visits). */
  sum: number
  count: number
  /** Σᵤ yᵤ², Σᵤ yᵤnᵤ, Σᵤ nᵤ². */
  sumSquares: number
  sumCross: number
  countSquares: number
}

/**
 * The delta-method variance of R̂ = Σy/Σn over independent units (Deng, Knoblich & Lu 2018, "Applying
 * the delta method in metric analytics"): Var(R̂) ≈ Σᵤ (yᵤ − R̂ nᵤ)² / (Σᵤ nᵤ)² =
 * (Σy² − 2R̂ Σyn + R̂² Σn²) / (Σn)², the cluster-robust variance of the ratio. With one observation per
 * unit it is the usual R̂(1 − R̂)/n for 0/1 outcomes; with repeated visits it counts the correlation
 * of a user's visits that a per-visit test ignores.
 * @example ratioVariance({ units: 3, sum: 3, count: 6, sumSquares: 5, sumCross: 5, countSquares: 14 }) // 3.5/36: users with (clicks, visits) (1, 1), (2, 2), (0, 3)
 */
export function ratioVariance(s: RatioSums): number {
  if (!(s.count > 0)) throw new Error(`ratioVariance: count must be > 0, got ${s.count}`)
  const r = s.sum / s.count
  return Math.max(0, s.sumSquares - 2 * r * s.sumCross + r * r * s.countSquares) / (s.count * s.count)
}

/**
 * Streams observations of units into {@link RatioSums}: `push(unit, y)` adds one observation y of
 * `unit`, updating Σy², Σyn and Σn² through the unit's running totals in O(1), without allocation.
 * @example const r = new StreamingRatio(1000); r.push(user, click); ratioVariance(r.sums)
 */
export class StreamingRatio {
  readonly sums: RatioSums = { units: 0, sum: 0, count: 0, sumSquares: 0, sumCross: 0, countSquares: 0 }
  private readonly y: Float64Array
  private readonly n: Float64Array

  constructor(readonly nUnits: number) {
    if (!(Number.isInteger(nUnits) && nUnits >= 1))
      throw new Error(`StreamingRatio: nUnits must be a positive integer, got ${nUnits}`)
    this.y = new Float64Array(nUnits)
    this.n = new Float64Array(nUnits)
  }

  push(unit: number, value: number): void {
    if (!(Number.isInteger(unit) && unit >= 0 && unit < this.nUnits))
      throw new Error(`StreamingRatio.push: unit must be an integer in [0, ${this.nUnits - 1}], got ${unit}`)
    if (!Number.isFinite(value)) throw new Error(`StreamingRatio.push: value must be a finite number, got ${value}`)
    const s = this.sums
    const y = this.y[unit]
    const n = this.n[unit]
    if (n === 0) s.units++
    s.sum += value
    s.count++
    s.sumSquares += value * (2 * y + value)
    s.sumCross += value * (n + 1) + y
    s.countSquares += 2 * n + 1
    this.y[unit] = y + value
    this.n[unit] = n + 1
  }
}

/**
 * z-test of H₀: R_B = R_A for a ratio metric over randomised units, with the delta-method variances:
 * z = (R̂_B − R̂_A) / sqrt(Var(R̂_A) + Var(R̂_B)), two-sided p = 2(1 − Φ(|z|)), interval
 * R̂_B − R̂_A ± z_{1−(1−level)/2} sqrt(Var(R̂_A) + Var(R̂_B)). The A/B test of a per-visit rate when
 * users are randomised (Deng et al. 2018).
 * @throws when an arm has fewer than 2 units
 * @example deltaMethodZTest(control.sums, treatment.sums).pValue
 */
export function deltaMethodZTest(a: RatioSums, b: RatioSums, level = 0.95): TwoSampleTestResult {
  if (!(level > 0 && level < 1)) throw new Error(`deltaMethodZTest: level must be in (0, 1), got ${level}`)
  if (a.units < 2 || b.units < 2)
    throw new Error(`deltaMethodZTest: each arm needs at least 2 units, got ${a.units} and ${b.units}`)
  const difference = b.sum / b.count - a.sum / a.count
  const se = Math.sqrt(ratioVariance(a) + ratioVariance(b))
  const z = se > 0 ? difference / se : 0
  const half = normalQuantile(1 - (1 - level) / 2) * se
  return {
    statistic: z,
    pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))),
    difference,
    interval: [difference - half, difference + half],
  }
}
