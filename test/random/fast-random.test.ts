import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import {
  betaCached,
  fastBeta,
  fastGamma,
  fastNormal,
  gammaC,
  gammaD,
  marsagliaTsangCandidate,
  ZIGGURAT_LAYERS,
  zigguratKn,
  zigguratKnw,
  zigguratWn,
} from "../../src/random/fast-random"

function moments(draw: () => number, n: number): { mean: number; variance: number; kurtosis: number } {
  let s = 0
  let s2 = 0
  const xs = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    xs[i] = draw()
    s += xs[i]
  }
  const mean = s / n
  let m4 = 0
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean
    s2 += d * d
    m4 += d * d * d * d
  }
  const variance = s2 / n
  return { mean, variance, kurtosis: m4 / n / (variance * variance) }
}

/** Standard normal CDF by the Abramowitz–Stegun 7.1.26 erf (error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2))
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2)
  return 0.5 * (1 + (x >= 0 ? y : -y))
}

describe("fast samplers", () => {
  it("ziggurat normal: mean 0, variance 1, kurtosis 3, and the tail beyond 3.44 at its true rate", () => {
    const rng = createRng(1)
    const m = moments(() => fastNormal(rng), 400_000)
    // Standard errors at n = 4e5: mean 0.0016, variance 0.0022, kurtosis ≈ 0.008.
    expect(Math.abs(m.mean)).toBeLessThan(0.007)
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.01)
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.04)
    const rng2 = createRng(2)
    const n = 400_000
    let tail = 0
    let below = 0
    for (let i = 0; i < n; i++) {
      const x = fastNormal(rng2)
      if (Math.abs(x) > 3.442619855899) tail++
      if (x < -1) below++
    }
    expect(tail / n).toBeCloseTo(2 * (1 - phi(3.442619855899)), 3)
    expect(Math.abs(below / n - phi(-1))).toBeLessThan(0.003)
  })

  it("gamma and beta have their theoretical means and variances", () => {
    const rng = createRng(3)
    for (const shape of [0.4, 1, 2.5, 30]) {
      const m = moments(() => fastGamma(rng, shape), 100_000)
      expect(Math.abs(m.mean - shape) / Math.sqrt(shape / 100_000)).toBeLessThan(5)
      expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.05)
    }
    const b = moments(() => fastBeta(rng, 3, 7), 100_000)
    expect(b.mean).toBeCloseTo(0.3, 2)
    expect(b.variance).toBeCloseTo((3 * 7) / (100 * 11), 3)
  })

  it("gamma's distribution function matches the closed form (the squeeze uniform from the ziggurat word's spare bits is unbiased)", () => {
    // Gamma(2, 1): F(x) = 1 − e^(−x)(1 + x); Gamma(1, 1): F(x) = 1 − e^(−x). Closed forms, e.g. Johnson, Kotz & Balakrishnan (1994) ch. 17.
    const n = 200_000
    for (const [shape, cdf] of [
      [2, (x: number) => 1 - Math.exp(-x) * (1 + x)],
      [1, (x: number) => 1 - Math.exp(-x)],
    ] as const) {
      const rng = createRng(11 + shape)
      const points = [0.25, 0.5, 1, 2, 4]
      const below = new Float64Array(points.length)
      for (let i = 0; i < n; i++) {
        const g = fastGamma(rng, shape)
        for (let j = 0; j < points.length; j++) if (g <= points[j]) below[j]++
      }
      // Binomial standard error ≤ 0.5/√n ≈ 0.0011: accept 4 SE.
      points.forEach((x, j) => expect(Math.abs(below[j] / n - cdf(x))).toBeLessThan(0.0045))
    }
  })

  it("betaCached with precomputed constants gives exactly fastBeta's numbers", () => {
    for (const [a, b] of [
      [1, 1],
      [3.5, 40],
      [0.5, 2],
    ]) {
      const r1 = createRng(21)
      const r2 = createRng(21)
      const da = gammaD(a)
      const db = gammaD(b)
      for (let i = 0; i < 1000; i++)
        expect(betaCached(r1, a, da, gammaC(da), b, db, gammaC(db))).toBe(fastBeta(r2, a, b))
    }
  })
})

describe("Marsaglia–Tsang's log-free squeeze", () => {
  // The exact acceptance test of Marsaglia & Tsang (2000), §2: ln u < z²/2 + d(1 − v + ln v), v = (1 + cz)³ > 0.
  const exact = (z: number, u: number, d: number, c: number): boolean => {
    const v = (1 + c * z) ** 3
    return v > 0 && Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))
  }

  it("accepts exactly what the exact test accepts (grid over z, u and d, including the tails)", () => {
    let disagreements = 0
    let accepted = 0
    for (const shape of [1, 1.5, 2, 5, 17, 50, 1000, 1e6]) {
      const d = gammaD(shape)
      const c = gammaC(d)
      for (let z = -8; z <= 8; z += 1 / 64) {
        for (let k = 1; k < 512; k++) {
          const u = k / 512
          const g = marsagliaTsangCandidate(z, u, d, c)
          if (g === g) accepted++
          if ((g === g) !== exact(z, u, d, c)) disagreements++
        }
      }
    }
    expect(disagreements).toBe(0)
    expect(accepted).toBeGreaterThan(1e6) // most of the 8 × 1025 × 511 candidates
  })

  it("sends fewer candidates to the logarithms than the paper's squeeze u < 1 − 0.0331z⁴ (8.3% of them)", () => {
    const rng = createRng(17)
    const n = 200_000
    const failures = (d: number, c: number): [number, number] => {
      let ours = 0
      let paper = 0
      for (let i = 0; i < n; i++) {
        const z = fastNormal(rng)
        const u = rng.next()
        const y = c * z
        if (1 + y <= 0) continue
        const m = Math.min(1, 1 + y)
        if (!(u * m < m - 0.75 * d * y ** 4)) ours++
        if (!(u < 1 - 0.0331 * z ** 4)) paper++
      }
      return [ours / n, paper / n]
    }
    const [small, paperSmall] = failures(gammaD(1), gammaC(gammaD(1)))
    const [large, paperLarge] = failures(gammaD(50), gammaC(gammaD(50)))
    expect(paperSmall).toBeGreaterThan(0.07)
    expect(paperLarge).toBeGreaterThan(0.07)
    expect(small).toBeLessThan(0.07)
    expect(large).toBeLessThan(0.002)
  })
})

describe("the ziggurat's float acceptance table", () => {
  it("|hz| < kn[iz] exactly when |hz·wn[iz]| < kn[iz]·wn[iz], at every layer's boundary", () => {
    let checked = 0
    for (let iz = 0; iz < ZIGGURAT_LAYERS; iz++) {
      const k = zigguratKn[iz]
      for (const base of [k, -k, 0, 2147483647, -2147483648, 1 << 30]) {
        for (let delta = -3; delta <= 3; delta++) {
          const hz = Math.max(-2147483648, Math.min(2147483647, base + delta))
          expect(Math.abs(hz * zigguratWn[iz]) < zigguratKnw[iz]).toBe(Math.abs(hz) < k)
          checked++
        }
      }
    }
    expect(checked).toBe(ZIGGURAT_LAYERS * 6 * 7)
  })
})
