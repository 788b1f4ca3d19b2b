import { describe, expect, it } from "vitest"
import { beta } from "../../src/random/beta"
import { AliasTable, categorical } from "../../src/random/categorical"
import { dirichlet } from "../../src/random/dirichlet"
import { bernoulli, geometric, logFactorial, poisson } from "../../src/random/discrete"
import { gamma } from "../../src/random/gamma"
import { logNormal, normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"
import { randomInt, shuffle, uniform } from "../../src/random/uniform"
import { ZipfSampler, zipfWeights } from "../../src/random/zipf"
import { binProbabilities, chiSquare, chiSquareCritical999, histogram, logGamma, mean, variance } from "./gof"

const N = 100_000

function draw(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = f()
  return out
}

/** χ² goodness of fit of continuous samples against a density on [lo, hi] (tail mass outside is one extra bin). */
function expectFitsDensity(samples: Float64Array, pdf: (x: number) => number, lo: number, hi: number, bins = 50): void {
  const p = binProbabilities(pdf, lo, hi, bins)
  const counts = histogram(samples, lo, hi, bins)
  const inside = p.reduce((a, b) => a + b, 0)
  const outsideCount = samples.length - counts.reduce((a, b) => a + b, 0)
  const { statistic, df } = chiSquare([...counts, outsideCount], [...p, Math.max(0, 1 - inside)], samples.length)
  expect(statistic).toBeLessThan(chiSquareCritical999(df))
}

/** χ² goodness of fit of integer samples against probabilities of 0..k−1 (the rest is one extra bin). */
function expectFitsMass(samples: Float64Array, pmf: (k: number) => number, k: number): void {
  const counts = new Float64Array(k + 1)
  const p = new Float64Array(k + 1)
  for (const x of samples) counts[x < k ? x : k]++
  let total = 0
  for (let j = 0; j < k; j++) {
    p[j] = pmf(j)
    total += p[j]
  }
  p[k] = Math.max(0, 1 - total)
  const { statistic, df } = chiSquare(counts, p, samples.length)
  expect(statistic).toBeLessThan(chiSquareCritical999(df))
}

describe("uniform and integers", () => {
  it("uniform(low, high) has mean (low+high)/2 and variance (high−low)²/12", () => {
    const r = createRng(11)
    const x = draw(N, () => uniform(r, -2, 4))
    expect(mean(x)).toBeCloseTo(1, 1)
    expect(variance(x)).toBeCloseTo(36 / 12, 1)
  })

  it("randomInt is unbiased for a non-power-of-two n (χ²)", () => {
    const r = createRng(12)
    const x = draw(N, () => randomInt(r, 7))
    expectFitsMass(x, () => 1 / 7, 7)
    expect(() => randomInt(r, 0)).toThrow(/n must be an integer/)
  })

  it("shuffle gives every permutation of 3 items equally often", () => {
    const r = createRng(13)
    const counts = new Map<string, number>()
    for (let i = 0; i < 60_000; i++) {
      const key = shuffle(r, [0, 1, 2]).join("")
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    expect(counts.size).toBe(6)
    const { statistic, df } = chiSquare([...counts.values()], new Float64Array(6).fill(1 / 6), 60_000)
    expect(statistic).toBeLessThan(chiSquareCritical999(df))
  })
})

describe("continuous distributions", () => {
  it("normal(2, 3) has the right moments and density", () => {
    const r = createRng(21)
    const x = draw(N, () => normal(r, 2, 3))
    expect(mean(x)).toBeCloseTo(2, 1)
    expect(Math.sqrt(variance(x))).toBeCloseTo(3, 1)
    expectFitsDensity(x, (t) => Math.exp(-((t - 2) ** 2) / 18) / (3 * Math.sqrt(2 * Math.PI)), -10, 14)
  })

  it("logNormal(0, 0.5) has mean exp(σ²/2)", () => {
    const r = createRng(22)
    const x = draw(N, () => logNormal(r, 0, 0.5))
    expect(mean(x)).toBeCloseTo(Math.exp(0.125), 2)
  })

  for (const [shape, scale] of [
    [0.5, 1],
    [1, 2],
    [2.5, 0.4],
    [9, 1],
  ]) {
    it(`gamma(${shape}, ${scale}) has mean kθ, variance kθ² and the gamma density (Marsaglia–Tsang)`, () => {
      const r = createRng(30 + Math.round(shape * 10))
      const x = draw(N, () => gamma(r, shape, scale))
      expect(mean(x) / (shape * scale)).toBeCloseTo(1, 1)
      expect(variance(x) / (shape * scale * scale)).toBeCloseTo(1, 1)
      const pdf = (t: number) =>
        t <= 0 ? 0 : Math.exp((shape - 1) * Math.log(t) - t / scale - logGamma(shape) - shape * Math.log(scale))
      // Skip the integrable singularity at 0 for shape < 1 by starting the bins just above it.
      expectFitsDensity(x, pdf, shape < 1 ? 0.01 : 0, shape * scale * 6)
    })
  }

  it("gamma rejects non-positive parameters by name", () => {
    expect(() => gamma(createRng(1), 0)).toThrow(/shape must be > 0/)
    expect(() => gamma(createRng(1), 1, -1)).toThrow(/scale must be > 0/)
  })

  it("beta(2, 5) has mean a/(a+b), variance ab/((a+b)²(a+b+1)) and the beta density", () => {
    const r = createRng(41)
    const x = draw(N, () => beta(r, 2, 5))
    expect(mean(x)).toBeCloseTo(2 / 7, 2)
    expect(variance(x)).toBeCloseTo(10 / (49 * 8), 3)
    const lb = logGamma(2) + logGamma(5) - logGamma(7)
    expectFitsDensity(x, (t) => (t <= 0 || t >= 1 ? 0 : Math.exp(Math.log(t) + 4 * Math.log(1 - t) - lb)), 0, 1)
  })

  it("dirichlet(α) lies on the simplex with mean α/Σα and Beta marginals", () => {
    const r = createRng(51)
    const alpha = [1, 2, 3]
    const first = new Float64Array(N)
    const sums = [0, 0, 0]
    const out = new Float64Array(3)
    let worst = 0
    for (let i = 0; i < N; i++) {
      dirichlet(r, alpha, out)
      worst = Math.max(worst, Math.abs(out[0] + out[1] + out[2] - 1))
      first[i] = out[0]
      for (let k = 0; k < 3; k++) sums[k] += out[k]
    }
    expect(worst).toBeLessThan(1e-12)
    expect(sums.map((s) => s / N)).toEqual([
      expect.closeTo(1 / 6, 2),
      expect.closeTo(2 / 6, 2),
      expect.closeTo(3 / 6, 2),
    ])
    // The marginal of component 1 is Beta(1, 5): density 5(1 − x)⁴.
    expectFitsDensity(first, (t) => (t < 0 || t > 1 ? 0 : 5 * (1 - t) ** 4), 0, 1)
  })
})

describe("discrete distributions", () => {
  it("categorical and the alias table draw with the given weights (χ²)", () => {
    const w = [0.1, 0.0, 0.25, 0.05, 0.6]
    const r = createRng(61)
    expectFitsMass(
      draw(N, () => categorical(r, w)),
      (k) => w[k],
      5,
    )
    const table = new AliasTable([1, 0, 2.5, 0.5, 6])
    expectFitsMass(
      draw(N, () => table.sample(r)),
      (k) => w[k],
      5,
    )
    expect(() => categorical(r, [0, 0])).toThrow(/must not all be zero/)
    expect(() => new AliasTable([1, -1])).toThrow(/weights\[1\]/)
  })

  it("zipf weights are k^−s normalised and the sampler follows them", () => {
    const w = zipfWeights(3, 1)
    expect(Array.from(w)).toEqual([expect.closeTo(6 / 11, 12), expect.closeTo(3 / 11, 12), expect.closeTo(2 / 11, 12)])
    const z = new ZipfSampler(50, 1.2)
    const r = createRng(62)
    expectFitsMass(
      draw(N, () => z.sample(r)),
      (k) => z.weights[k],
      50,
    )
  })

  it("bernoulli(p) has mean p", () => {
    const r = createRng(71)
    expect(mean(draw(N, () => bernoulli(r, 0.3)))).toBeCloseTo(0.3, 2)
    expect(() => bernoulli(r, 1.5)).toThrow(/p must be in \[0, 1\]/)
  })

  for (const lambda of [0.7, 4, 45, 300]) {
    it(`poisson(${lambda}) has mean = variance = λ and the Poisson mass (${lambda < 30 ? "Knuth" : "PTRS"})`, () => {
      const r = createRng(80 + Math.round(lambda * 10))
      const x = draw(N, () => poisson(r, lambda))
      expect(mean(x) / lambda).toBeCloseTo(1, 1)
      expect(variance(x) / lambda).toBeCloseTo(1, 1)
      const k = Math.ceil(lambda + 6 * Math.sqrt(lambda) + 5)
      expectFitsMass(x, (j) => Math.exp(-lambda + j * Math.log(lambda) - logFactorial(j)), k)
    })
  }

  it("logFactorial agrees with ln Γ(k+1) on both sides of the Stirling switch", () => {
    for (const k of [0, 1, 5, 20, 21, 100, 1000]) expect(logFactorial(k)).toBeCloseTo(logGamma(k + 1), 8)
  })

  it("geometric(p) has mean (1−p)/p", () => {
    const r = createRng(91)
    expect(mean(draw(N, () => geometric(r, 0.25)))).toBeCloseTo(3, 1)
  })
})
