import type { Rng } from "./rng"

/**
 * Fast draws for hot simulation loops (a few nanoseconds each), all from the `Rng` passed in, so
 * they are as reproducible as `src/random`'s slower reference versions, which they are tested against.
 *
 * Normal: the ziggurat of Marsaglia & Tsang (2000), "The Ziggurat Method for Generating Random
 * Variables", J. Stat. Softw. 5(8), with 128 layers. The layer index and the value come from two
 * separate 32-bit words, which avoids the index/value correlation Doornik (2005) found in the original.
 * |hz| is taken branch-free, as (hz ^ s) − s with s = hz >> 31: the sign of hz is a coin flip, and
 * `hz < 0 ? -hz : hz` compiled to a branch mispredicted half the time (≈ 4 ns of a ≈ 17 ns gamma).
 */
/**
 * The ziggurat's tail start R: the base layer's rightmost edge.
 * @internal
 */
export const ZIGGURAT_R = 3.442619855899
const R = ZIGGURAT_R
/**
 * The ziggurat's layer count: a word's low 7 bits pick the layer.
 * @internal
 */
export const ZIGGURAT_LAYERS = 128
const LAYERS = ZIGGURAT_LAYERS
/**
 * The ziggurat's tables, exported (read-only by contract) for loops that draw on state words
 * (`nextWord`) instead of an `Rng` object: a signed word hz in layer iz is accepted at once when
 * |hz| < zigguratKn[iz], and its normal value is then hz · zigguratWn[iz].
 * @internal
 */
export const zigguratKn = new Int32Array(LAYERS)
/** @internal */
export const zigguratWn = new Float64Array(LAYERS)
/**
 * kn[iz]·wn[iz] in floating point: |hz| < kn[iz] exactly when |hz·wn[iz]| < zigguratKnw[iz] (the
 * integers differ by at least 1 in 2³¹ and rounding to doubles is monotone), so a loop may test the
 * candidate normal itself, with a float compare instead of an integer absolute value.
 * @internal
 */
export const zigguratKnw = new Float64Array(LAYERS)
/**
 * The density exp(−x²/2) at each layer's edge, for the wedge test of {@link zigguratSlow}.
 * @internal
 */
export const zigguratFn = new Float64Array(LAYERS)
const kn = zigguratKn
const wn = zigguratWn
const fn = zigguratFn
{
  const m1 = 2147483648
  const vn = 9.91256303526217e-3
  let dn = R
  let tn = dn
  const q = vn / Math.exp(-0.5 * dn * dn)
  kn[0] = Math.floor((dn / q) * m1)
  kn[1] = 0
  wn[0] = q / m1
  wn[LAYERS - 1] = dn / m1
  fn[0] = 1
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn)
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)))
    kn[i + 1] = Math.floor((dn / tn) * m1)
    tn = dn
    fn[i] = Math.exp(-0.5 * dn * dn)
    wn[i] = dn / m1
  }
  for (let i = 0; i < LAYERS; i++) zigguratKnw[i] = kn[i] * wn[i]
}

/** A uniform double in (0, 1) from one 32-bit word (enough resolution for acceptance tests). */
export function fastUniform(rng: Rng): number {
  return (rng.nextUint32() + 0.5) * 2.3283064365386963e-10
}

/**
 * The ziggurat's slow path for layer `iz` and signed word `hz` (about 1% of draws): the tail beyond
 * R or the wedge test. Returns the normal value, or NaN when the candidate is rejected (start over).
 * @internal
 */
export function zigguratSlow(rng: Rng, iz: number, hz: number): number {
  if (iz === 0) {
    // The tail beyond R, by Marsaglia's (1964) exponential rejection.
    let xt: number
    let y: number
    do {
      xt = -Math.log(fastUniform(rng)) / R
      y = -Math.log(fastUniform(rng))
    } while (y + y < xt * xt)
    return hz > 0 ? R + xt : -R - xt
  }
  const x = hz * wn[iz]
  return fn[iz] + fastUniform(rng) * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x) ? x : NaN
}

/**
 * A standard normal draw by the ziggurat (about 99% of draws take two 32-bit words and one multiply).
 * @example fastNormal(rng) * sd + mean
 */
export function fastNormal(rng: Rng): number {
  for (;;) {
    const iz = rng.nextUint32() & (LAYERS - 1)
    const hz = rng.nextUint32() | 0
    if ((hz ^ (hz >> 31)) - (hz >> 31) < kn[iz]) return hz * wn[iz]
    const x = zigguratSlow(rng, iz, hz)
    if (x === x) return x
  }
}

/**
 * d = shape − 1/3 of Marsaglia–Tsang for shape ≥ 1 (for shape < 1: of shape + 1, see {@link fastGamma}).
 * @internal
 */
export function gammaD(shape: number): number {
  return (shape < 1 ? shape + 1 : shape) - 1 / 3
}

/**
 * c = 1/√(9d) of Marsaglia–Tsang, from d = {@link gammaD}.
 * @internal
 */
export function gammaC(d: number): number {
  return 1 / Math.sqrt(9 * d)
}

/**
 * Marsaglia & Tsang's accept/reject step for a normal z and a uniform u: returns the gamma value
 * d·v, v = (1 + cz)³, when accepted, NaN when rejected. The exact test is ln u < z²/2 + d(1 − v + ln v).
 * Before it, a squeeze that needs no logarithm: with y = cz (so z²/2 = 9dy²/2, as 9dc² = 1) the
 * right side is 3d·R(y), R(y) = ln(1 + y) − y + y²/2 − y³/3 = −∫₀^y t³/(1 + t) dt, hence
 * R(y) ≥ −y⁴/4 for y ≥ 0 and R(y) ≥ −y⁴/(4(1 + y)) for −1 < y < 0; with ln u ≤ u − 1 the draw is
 * accepted when u·m < m − ¾d·y⁴, m = min(1, 1 + y) (taken branch-free). This bound tightens as d
 * grows (rejected by it: 6.3% of candidates at d = 2/3, 0.7% at d = 5, 0.06% at d = 50), where the
 * paper's d-free squeeze u < 1 − 0.0331z⁴ sends 8.3% of all candidates to the two logarithms.
 * Either squeeze only accepts what the exact test accepts, so the draws are the same.
 * @internal
 */
export function marsagliaTsangCandidate(z: number, u: number, d: number, c: number): number {
  const y = c * z
  let v = 1 + y
  if (v <= 0) return NaN
  v = v * v * v
  const m = 1 + 0.5 * (y - Math.abs(y))
  const y2 = y * y
  if (u * m < m - 0.75 * d * y2 * y2 || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v
  return NaN
}

/**
 * A Gamma(d + 1/3, 1) draw by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), with the constants d ≥ 2/3 and c = 1/√(9d) precomputed by the caller
 * (hot loops cache them per arm and recompute only when a shape changes). The normal is the
 * ziggurat's; on its fast path (≈99%) the acceptance uniform is the 25 unused high bits of the
 * ziggurat's layer word, so a draw usually costs two 32-bit words, one multiply-add chain and,
 * thanks to the squeeze of {@link marsagliaTsangCandidate}, rarely a log.
 * @internal
 */
export function gammaMarsagliaTsang(rng: Rng, d: number, c: number): number {
  for (;;) {
    const w = rng.nextUint32()
    const iz = w & (LAYERS - 1)
    const hz = rng.nextUint32() | 0
    let x: number
    let u: number
    if ((hz ^ (hz >> 31)) - (hz >> 31) < kn[iz]) {
      x = hz * wn[iz]
      u = ((w >>> 7) + 0.5) * 2.9802322387695312e-8 // the high 25 bits as a uniform in (0, 1)
    } else {
      x = zigguratSlow(rng, iz, hz)
      if (x !== x) continue
      u = fastUniform(rng)
    }
    const g = marsagliaTsangCandidate(x, u, d, c)
    if (g === g) return g
  }
}

/**
 * A Gamma(shape, 1) draw: {@link gammaMarsagliaTsang}; shape < 1 by the boost Gamma(shape + 1)·U^(1/shape).
 * The caller guarantees shape > 0 (checked once, where the shape is configured).
 */
export function fastGamma(rng: Rng, shape: number): number {
  const d = gammaD(shape)
  const g = gammaMarsagliaTsang(rng, d, gammaC(d))
  return shape < 1 ? g * Math.pow(fastUniform(rng), 1 / shape) : g
}

/** A Beta(a, b) draw as Ga/(Ga + Gb); a, b > 0 guaranteed by the caller. */
export function fastBeta(rng: Rng, a: number, b: number): number {
  const x = fastGamma(rng, a)
  return x / (x + fastGamma(rng, b))
}

/**
 * A Beta(a, b) draw with the Marsaglia–Tsang constants of both shapes precomputed
 * (da = gammaD(a), ca = gammaC(da), likewise for b): the same numbers as `fastBeta(rng, a, b)`
 * without its two square roots. For Thompson sampling, where only the played arm's shapes change.
 * @internal
 */
export function betaCached(rng: Rng, a: number, da: number, ca: number, b: number, db: number, cb: number): number {
  let x = gammaMarsagliaTsang(rng, da, ca)
  if (a < 1) x *= Math.pow(fastUniform(rng), 1 / a)
  let y = gammaMarsagliaTsang(rng, db, cb)
  if (b < 1) y *= Math.pow(fastUniform(rng), 1 / b)
  return x / (x + y)
}
