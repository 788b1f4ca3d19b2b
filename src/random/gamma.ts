import type { Rng } from "./rng"
import { normal } from "./normal"

/**
 * A Gamma(shape, scale) draw by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3). For shape < 1 it uses the boost Gamma(shape+1)·U^(1/shape).
 * Mean shape·scale, variance shape·scale².
 * @throws if shape or scale is not positive
 * @example gamma(rng, 2, 1)
 */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0)) throw new Error(`gamma: shape must be > 0, got ${shape}`)
  if (!(scale > 0)) throw new Error(`gamma: scale must be > 0, got ${scale}`)
  if (shape < 1) {
    const u = 1 - rng.next()
    return gamma(rng, shape + 1, scale) * Math.pow(u, 1 / shape)
  }
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = normal(rng)
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    const u = 1 - rng.next()
    const x2 = x * x
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale
  }
}
