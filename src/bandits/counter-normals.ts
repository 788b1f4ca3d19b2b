// The counter-based normals of the WebAssembly SIMD Wilson–Hilferty sampler, in JavaScript: the
// reference (and fall-back) of wilson-hilferty-simd-module.ts, single-precision operation for
// operation (Math.fround after each +, −, ×, ÷, √ gives the f32 result: binary64 holds more than
// 2·24 + 2 bits, so rounding twice is rounding once), hence the same bits.

const f = Math.fround

/** The Weyl increment ⌊2³²/φ⌋ between consecutive counters. */
export const WEYL = 0x9e3779b9 | 0
/** The two odd multipliers of the lowbias32 finaliser (Wellons 2018, "Prospecting for hash functions"). */
export const MIX_1 = 0x7feb352d
export const MIX_2 = 0x846ca68b | 0

/** Single-precision constants, shared by the module and this reference. */
export const F32 = {
  /** 2⁻²⁴: a 24-bit integer to a uniform on [0, 1). */
  twoToMinus24: f(2 ** -24),
  /** The bits of f32(√½): u = 2^e·m with m ∈ [√½, √2) by e = (bits(u) − these) ≫ 23. */
  sqrtHalfBits: 0x3f3504f3,
  ln2: f(Math.LN2),
  /** ln m = 2f·(1 + f²/3 + f⁴/5 + f⁶/7), f = (m − 1)/(m + 1) (truncation ≤ 2f⁹/9 < 3·10⁻⁸ for |f| ≤ 0.1716). */
  log: [f(1 / 3), f(1 / 5), f(1 / 7)],
  /** ψ = (24-bit integer)·(π/4)·2⁻²⁴, an angle in [0, π/4). */
  angle: f(Math.PI / 4 / 2 ** 24),
  /** sin ψ = ψ·(1 − ψ²/3! + ψ⁴/5! − ψ⁶/7! + ψ⁸/9!). */
  sin: [f(-1 / 6), f(1 / 120), f(-1 / 5040), f(1 / 362880)],
  /** cos ψ = 1 − ψ²/2! + ψ⁴/4! − ψ⁶/6! + ψ⁸/8! (truncation ≤ ψ¹⁰/10! < 3·10⁻⁸ on [0, π/4]; sin's, ψ¹¹/11!, < 2·10⁻⁹). */
  cos: [f(-1 / 2), f(1 / 24), f(-1 / 720), f(1 / 40320)],
  /** 1/9 of the Wilson–Hilferty draw. */
  ninth: f(1 / 9),
}

/**
 * Word c of a decision keyed by (k0, k1): lowbias32((k0 + c·γ) ⊕ k1), γ = {@link WEYL}. The finaliser is a
 * bijection of 32-bit words, so the words of one decision are distinct; two decisions share a run of words
 * only if their 64-bit keys are related, not merely their first 32 bits.
 * @example counterWord(12345, 678, 0) >>> 0 // a uniform 32-bit word
 */
export function counterWord(k0: number, k1: number, c: number): number {
  let x = ((k0 + Math.imul(c, WEYL)) | 0) ^ k1
  x ^= x >>> 16
  x = Math.imul(x, MIX_1)
  x ^= x >>> 15
  x = Math.imul(x, MIX_2)
  return x ^ (x >>> 16)
}

const pun = new Float32Array(1)
const punBits = new Int32Array(pun.buffer)

/**
 * −2·ln u in single precision for u = 1 − (w >>> 8)·2⁻²⁴ ∈ [2⁻²⁴, 1]: u = 2^e·m with m ∈ [√½, √2), by integer
 * operations on u's bits, then e·ln 2 + 2·atanh((m − 1)/(m + 1)) by its series to f⁷.
 * @example minusTwoLog(0) // 0, from u = 1
 */
export function minusTwoLog(w: number): number {
  const u = f(1 - f((w >>> 8) * F32.twoToMinus24))
  pun[0] = u
  const bits = punBits[0]
  const e = (bits - F32.sqrtHalfBits) >> 23
  punBits[0] = bits - (e << 23)
  const m = pun[0]
  const x = f(f(m - 1) / f(m + 1))
  const x2 = f(x * x)
  const [l3, l5, l7] = F32.log
  const series = f(1 + f(x2 * f(l3 + f(x2 * f(l5 + f(x2 * l7))))))
  return f(f(f(e * F32.ln2) + f(f(x + x) * series)) * -2)
}

/**
 * The Box–Muller pair of words w1 (radius) and w2 (angle), in single precision: R = √(−2 ln u) with u from
 * w1 ({@link minusTwoLog}), ψ ∈ [0, π/4) from the low 24 bits of w2, and the octant from its top three bits
 * (bit 29 swaps cos and sin, bits 31 and 30 flip the signs of the two normals), which makes the angle
 * uniform on [0, 2π) from polynomials on [0, π/4) only. Writes (R·cos, R·sin) to out[at], out[at + 1].
 * @example boxMullerPair(counterWord(1, 2, 0), counterWord(1, 2, 4), out, 0)
 */
export function boxMullerPair(w1: number, w2: number, out: Float64Array, at: number): void {
  const R = f(Math.sqrt(minusTwoLog(w1)))
  const psi = f((w2 & 0xffffff) * F32.angle)
  const p2 = f(psi * psi)
  const [s3, s5, s7, s9] = F32.sin
  const [c2, c4, c6, c8] = F32.cos
  const sin = f(psi * f(1 + f(p2 * f(s3 + f(p2 * f(s5 + f(p2 * f(s7 + f(p2 * s9)))))))))
  const cos = f(1 + f(p2 * f(c2 + f(p2 * f(c4 + f(p2 * f(c6 + f(p2 * c8))))))))
  const swap = (w2 & 0x20000000) !== 0
  const z0 = f(R * (swap ? sin : cos))
  const z1 = f(R * (swap ? cos : sin))
  out[at] = w2 < 0 ? -z0 : z0
  out[at + 1] = (w2 & 0x40000000) !== 0 ? -z1 : z1
}

/**
 * The normals z_0 … z_{n−1} of a decision keyed by (k0, k1): arms 8g + l and 8g + 4 + l (l = 0 … 3) share
 * the Box–Muller pair of words 8g + l and 8g + 4 + l ({@link counterWord}), the first taking R·cos, the
 * second R·sin: the lanes of the SIMD kernel. `out` has room for n rounded up to a multiple of 8.
 * @example counterNormals(1, 2, 50, new Float64Array(56))
 */
export function counterNormals(k0: number, k1: number, n: number, out: Float64Array): void {
  for (let g = 0; g < n; g += 8) {
    for (let l = 0; l < 4; l++) {
      boxMullerPair(counterWord(k0, k1, g + l), counterWord(k0, k1, g + 4 + l), pair, 0)
      out[g + l] = pair[0]
      out[g + 4 + l] = pair[1]
    }
  }
}
const pair = new Float64Array(2)

/**
 * The single-precision Wilson–Hilferty draw of the SIMD kernel for α, β (already rounded to f32) and z:
 * n = α + β, r² = β/(α(n + 1)), m = α/n, q = r²/9, t = (1 − q) + √q·z, θ = m·t³, each step rounded to f32.
 * @example wilsonHilfertyF32(1, 9, 0) // ≈ 0.0751, as wilsonHilfertyDraw(1, 9, 0)
 */
export function wilsonHilfertyF32(alpha: number, beta: number, z: number): number {
  const n = f(alpha + beta)
  const r2 = f(beta / f(alpha * f(n + 1)))
  const m = f(alpha / n)
  const q = f(r2 * F32.ninth)
  const t = f(f(1 - q) + f(f(Math.sqrt(q)) * z))
  return f(m * f(f(t * t) * t))
}
