import { Xoshiro128, type Rng } from "../random/rng"
import { ZIGGURAT_LAYERS, ZIGGURAT_R, zigguratFn, zigguratKnw, zigguratWn } from "../random/fast-random"
import { oneWordNormal } from "../random/one-word-normal"

/** The generator's four state words while the inline loop runs (one decision at a time: JavaScript is single-threaded). */
const words = new Int32Array(4)

/**
 * One approximate Thompson decision over a row of Beta posteriors Beta(α_a, β_a), α_a = priorAlpha[a] +
 * successes[row + a], β_a = priorBeta[a] + failures[row + a]: θ_a is drawn from a one-normal
 * approximation of the posterior and the arm with the largest θ_a is returned (the first on a tie).
 * With n = α + β, mean m = α/n and squared coefficient of variation r² = Var/m² = β/(α(n + 1)),
 *   θ = m·(1 − r²/9 + z·r/3)³,  z ~ N(0, 1),
 * which is Wilson & Hilferty's (1931, "The distribution of chi-square", PNAS 17) cube-root normal
 * approximation of the gamma law with the posterior's mean and variance (shape 1/r², scale m·r²); it
 * becomes exact in distribution as β grows with α fixed (Beta(α, β)·β → Gamma(α)), has the Beta's
 * right skew, and its mean and variance are the posterior's up to relative errors −r⁶/729 and
 * ≈ −r⁴/243 (E[t³] = μ³ + 3μσ² for t ~ N(μ, σ²)). Each arm costs one normal ({@link oneWordNormal}:
 * usually one 32-bit word), one division, one square root and a few products, against two gammas for
 * {@link betaArgmax}. Accuracy: on the six posterior states of test/bandits/approximate-thompson.test.ts
 * the chosen-arm distribution is within a total variation of 0.0004–0.034 of the exact sampler's,
 * worst where β is small and r² large (Beta(1, 1) against Beta(2, 1)); shapes below 1 gave 0.017.
 * It is an approximation: the test's chi-square rejects it against the exact probabilities at 100,000
 * picks on the worst state. With `out`, the draws θ_a are written there. Nothing is
 * allocated; with the lab's generator (a Xoshiro128) the same draws come from an inline loop.
 * @example wilsonHilfertyArgmax(rng, Float64Array.of(1, 1), Float64Array.of(9, 9), s, f, 0, 2, null)
 */
export function wilsonHilfertyArgmax(
  rng: Rng,
  priorAlpha: Float64Array,
  priorBeta: Float64Array,
  successes: Float64Array,
  failures: Float64Array,
  row: number,
  K: number,
  out: Float64Array | null,
): number {
  if (rng instanceof Xoshiro128) {
    rng.saveState(words)
    const best = inlineLoop(words, priorAlpha, priorBeta, successes, failures, row, K, out)
    rng.loadState(words)
    return best
  }
  let best = 0
  let bestValue = Number.NEGATIVE_INFINITY
  for (let a = 0; a < K; a++) {
    const v = wilsonHilfertyDraw(
      priorAlpha[a] + successes[row + a],
      priorBeta[a] + failures[row + a],
      oneWordNormal(rng),
    )
    if (out !== null) out[a] = v
    if (v > bestValue) {
      bestValue = v
      best = a
    }
  }
  return best
}

/**
 * The approximate Beta(α, β) draw m·(1 − r²/9 + z·r/3)³ of {@link wilsonHilfertyArgmax} for a standard normal z.
 * @example wilsonHilfertyDraw(1, 9, 0) // the approximation's median, 0.1·(1 − 0.0909)³ ≈ 0.0751 (exact: 0.0741)
 */
export function wilsonHilfertyDraw(alpha: number, beta: number, z: number): number {
  const n = alpha + beta
  const q = 1 / (alpha * n * (n + 1))
  const r2 = beta * n * q
  const t = 1 - r2 * (1 / 9) + Math.sqrt(r2) * (1 / 3) * z
  return alpha * alpha * (n + 1) * q * t * t * t
}

/**
 * The loop of {@link wilsonHilfertyArgmax} with the generator's state in four locals, stepped inline
 * (the same words in the same order as {@link oneWordNormal} on the Xoshiro128, so the same draws as
 * the generic path, bit for bit); the ziggurat's wedge and tail are written out in the one loop, as in
 * beta-argmax-xoshiro.ts, because a call there made V8 keep the state words out of registers.
 */
function inlineLoop(
  st: Int32Array,
  priorAlpha: Float64Array,
  priorBeta: Float64Array,
  successes: Float64Array,
  failures: Float64Array,
  row: number,
  K: number,
  out: Float64Array | null,
): number {
  const wn = zigguratWn
  const knw = zigguratKnw
  const fn = zigguratFn
  const R = ZIGGURAT_R
  const layer = ZIGGURAT_LAYERS - 1
  let s0 = st[0]
  let s1 = st[1]
  let s2 = st[2]
  let s3 = st[3]
  let best = 0
  let bestValue = Number.NEGATIVE_INFINITY
  for (let a = 0; a < K; a++) {
    const alpha = priorAlpha[a] + successes[row + a]
    const beta = priorBeta[a] + failures[row + a]
    let z: number
    for (;;) {
      let w: number
      // @xoshiro s → w signed
      {
        const q = Math.imul(s1, 5)
        w = Math.imul((q << 7) | (q >>> 25), 9)
        const k = s1 << 9
        const n2 = s2 ^ s0
        const n3 = s3 ^ s1
        s1 ^= n2
        s0 ^= n3
        s2 = n2 ^ k
        s3 = (n3 << 11) | (n3 >>> 21)
      }
      const iz = w & layer
      z = (w & ~layer) * wn[iz]
      if (Math.abs(z) < knw[iz]) break
      let word: number
      if (iz === 0) {
        let xt: number
        for (;;) {
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          xt = -Math.log((word + 0.5) * 2.3283064365386963e-10) / R
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          const y = -Math.log((word + 0.5) * 2.3283064365386963e-10)
          if (!(y + y < xt * xt)) break
        }
        z = (w & ~layer) > 0 ? R + xt : -R - xt
        break
      }
      // @xoshiro s → word
      {
        const q = Math.imul(s1, 5)
        word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
        const k = s1 << 9
        const n2 = s2 ^ s0
        const n3 = s3 ^ s1
        s1 ^= n2
        s0 ^= n3
        s2 = n2 ^ k
        s3 = (n3 << 11) | (n3 >>> 21)
      }
      if (fn[iz] + (word + 0.5) * 2.3283064365386963e-10 * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * z * z)) break
    }
    const n = alpha + beta
    const q = 1 / (alpha * n * (n + 1))
    const r2 = beta * n * q
    const t = 1 - r2 * (1 / 9) + Math.sqrt(r2) * (1 / 3) * z
    const v = alpha * alpha * (n + 1) * q * t * t * t
    if (out !== null) out[a] = v
    if (v > bestValue) {
      bestValue = v
      best = a
    }
  }
  st[0] = s0
  st[1] = s1
  st[2] = s2
  st[3] = s3
  return best
}
