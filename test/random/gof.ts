// Goodness-of-fit helpers for the distribution tests.

/** Upper 0.1% quantile of χ²(df), Wilson–Hilferty approximation (accurate to ~1% for df ≥ 3). */
export function chiSquareCritical999(df: number): number {
  const z = 3.090232
  const a = 2 / (9 * df)
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3)
}

/** Pearson's χ² statistic of observed counts against expected probabilities (bins with expected count < 5 merged). */
export function chiSquare(
  observed: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  n: number,
): { statistic: number; df: number } {
  let statistic = 0
  let df = -1
  let o = 0
  let e = 0
  for (let i = 0; i < observed.length; i++) {
    o += observed[i]
    e += probabilities[i] * n
    if (e >= 5 || i === observed.length - 1) {
      statistic += ((o - e) * (o - e)) / Math.max(e, 1e-12)
      df++
      o = 0
      e = 0
    }
  }
  return { statistic, df }
}

/** Bin probabilities of a density on [lo, hi] split into `bins` equal bins (Simpson's rule, 64 panels per bin). */
export function binProbabilities(pdf: (x: number) => number, lo: number, hi: number, bins: number): Float64Array {
  const p = new Float64Array(bins)
  const w = (hi - lo) / bins
  for (let b = 0; b < bins; b++) {
    const a = lo + b * w
    const m = 64
    const h = w / m
    let s = pdf(a) + pdf(a + w)
    for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * pdf(a + k * h)
    p[b] = (s * h) / 3
  }
  return p
}

export function histogram(samples: ArrayLike<number>, lo: number, hi: number, bins: number): Float64Array {
  const counts = new Float64Array(bins)
  for (let i = 0; i < samples.length; i++) {
    const b = Math.floor(((samples[i] - lo) / (hi - lo)) * bins)
    if (b >= 0 && b < bins) counts[b]++
  }
  return counts
}

export function mean(x: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i]
  return s / x.length
}

export function variance(x: ArrayLike<number>): number {
  const m = mean(x)
  let s = 0
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m)
  return s / (x.length - 1)
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), for the reference densities. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}
