import type { Rng } from "../random/rng"
import { checkEpsilon, checkSensitivity } from "./parameters"

/**
 * A draw from the Laplace distribution with location 0 and scale b (density e^(−|x|/b) / 2b,
 * variance 2b²), by inverting its CDF: x = −b·sign(u)·ln(1 − 2|u|) with u uniform on (−½, ½).
 * @example laplaceNoise(rng, 2)
 */
export function laplaceNoise(rng: Rng, scale: number): number {
  if (!(Number.isFinite(scale) && scale > 0))
    throw new Error(`laplaceNoise: scale must be a finite number > 0, got ${scale}`)
  let r = rng.next()
  // r = 0 (probability 2⁻⁵³) would give u = −½ and ln 0: draw again, so 1 − 2|u| lies in (0, 1].
  while (r === 0) r = rng.next()
  const u = r - 0.5
  return u < 0 ? scale * Math.log(1 + 2 * u) : -scale * Math.log(1 - 2 * u)
}

/** Options of the Laplace mechanism: the query's L1 sensitivity Δ₁ and the privacy budget ε. */
export interface LaplaceOptions {
  /** L1 sensitivity: the largest change of the query's L1 norm when one person's data changes. */
  sensitivity: number
  epsilon: number
}

/**
 * The Laplace mechanism's noise scale b = Δ₁ / ε (Dwork, McSherry, Nissim & Smith 2006;
 * Dwork & Roth 2014, Theorem 3.6).
 * @throws if ε ≤ 0 or Δ₁ ≤ 0
 * @example laplaceScale({ sensitivity: 1, epsilon: 0.5 }) // 2
 */
export function laplaceScale(options: LaplaceOptions): number {
  checkEpsilon(options.epsilon, "laplaceMechanism")
  checkSensitivity(options.sensitivity, "laplaceMechanism")
  return options.sensitivity / options.epsilon
}

/**
 * The Laplace mechanism: releases f(x) + Lap(Δ₁/ε) independently on every coordinate, which is
 * ε-differentially private when Δ₁ bounds the L1 change of the whole vector f(x). The release is
 * unbiased: E[output] = f(x). Returns a new array; the input is not changed.
 * @throws if ε ≤ 0, Δ₁ ≤ 0 or a value is not finite
 * @example laplaceMechanism([10, 3], { sensitivity: 1, epsilon: 1 }, rng) // e.g. [10.7, 2.1]
 */
export function laplaceMechanism(values: ArrayLike<number>, options: LaplaceOptions, rng: Rng): Float64Array {
  const b = laplaceScale(options)
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) throw new Error(`laplaceMechanism: value ${i} is not finite (${v})`)
    out[i] = v + laplaceNoise(rng, b)
  }
  return out
}
