import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { AliasTable, categorical } from "../../src/random/categorical"
import { bernoulli, geometric, logFactorial, poisson } from "../../src/random/discrete"
import { beta } from "../../src/random/beta"
import { dirichlet } from "../../src/random/dirichlet"
import { gamma } from "../../src/random/gamma"
import { logNormal, normal } from "../../src/random/normal"
import { randomInt, shuffle, uniform } from "../../src/random/uniform"
import { ZipfSampler, zipfWeights } from "../../src/random/zipf"

// Every sampler as a deterministic map from given uniforms (or 32-bit words) to its draw, checked
// against the value worked out by hand from the method's formula (the goodness-of-fit tests in
// distributions.test.ts check the distributions; these fail on a changed constant or branch).

/** A generator that returns the given uniforms from next() and the given words from nextUint32(), in order. */
function fixed(uniforms: number[], words: number[] = []): Rng {
  let i = 0
  let j = 0
  return {
    next: () => {
      if (i >= uniforms.length) throw new Error("fixed: ran out of uniforms")
      return uniforms[i++]
    },
    nextUint32: () => {
      if (j >= words.length) throw new Error("fixed: ran out of words")
      return words[j++]
    },
  }
}

// Box–Muller with u₁ = 1 − 0.5 and u₂ = 0 (cos 0 = 1) gives z = √(2 ln 2); u₂ = 0.25 gives z ≈ 0.
const Z = Math.sqrt(2 * Math.LN2)

describe("uniform, randomInt, shuffle", () => {
  it("uniform(low, high) = low + (high − low)·u", () => {
    expect(uniform(fixed([0.25]), -1, 3)).toBe(0)
    expect(uniform(fixed([0.5]))).toBe(0.5)
  })

  it("randomInt masks for a power of two and rejects words at or above the largest multiple of n below 2^32", () => {
    expect(randomInt(fixed([], [0xffffffff]), 8)).toBe(7)
    expect(randomInt(fixed([], [0xffffffff]), 1 << 30)).toBe((1 << 30) - 1)
    // n = 6: limit = 2^32 − (2^32 mod 6) = 4294967292; 4294967291 is kept (mod 6 = 5), 4294967292 redrawn
    expect(randomInt(fixed([], [4294967291]), 6)).toBe(5)
    expect(randomInt(fixed([], [4294967292, 13]), 6)).toBe(1)
    // n = 2^31 is above the mask path's 2^30 and n = 2^32 keeps every word
    expect(randomInt(fixed([], [2 ** 31 + 5]), 2 ** 31)).toBe(5)
    expect(randomInt(fixed([], [123456789]), 2 ** 32)).toBe(123456789)
    // words above 2^31 stay positive (a 32-bit mask would turn them negative)
    expect(randomInt(fixed([], [3_000_000_000]), 2 ** 32)).toBe(3_000_000_000)
    // n = 3 is not a power of two (n & (n + 1) would wrongly say so for 2^k − 1): 1 mod 3 = 1
    expect(randomInt(fixed([], [1]), 3)).toBe(1)
    expect(randomInt(fixed([], [5]), 7)).toBe(5)
    expect(() => randomInt(fixed([]), 0)).toThrow("randomInt: n must be an integer in [1, 2^32], got 0")
    expect(() => randomInt(fixed([]), 2 ** 32 + 1)).toThrow("got 4294967297")
    expect(() => randomInt(fixed([]), 2.5)).toThrow("got 2.5")
  })

  it("shuffle swaps position i with ⌊u·(i+1)⌋ from the end (Fisher–Yates)", () => {
    expect(shuffle(fixed([0, 0.99]), [1, 2, 3])).toEqual([3, 2, 1])
    expect(shuffle(fixed([0.5, 0]), [1, 2, 3])).toEqual([3, 1, 2])
    expect(shuffle(fixed([]), [1])).toEqual([1])
  })
})

describe("discrete draws", () => {
  it("bernoulli(p) is 1 exactly when u < p", () => {
    expect(bernoulli(fixed([0.2999]), 0.3)).toBe(1)
    expect(bernoulli(fixed([0.3]), 0.3)).toBe(0)
    expect(bernoulli(fixed([0]), 0)).toBe(0)
    expect(bernoulli(fixed([0.9999]), 1)).toBe(1)
    expect(() => bernoulli(fixed([]), 1.1)).toThrow("bernoulli: p must be in [0, 1], got 1.1")
    expect(() => bernoulli(fixed([]), -0.1)).toThrow("got -0.1")
  })

  it("poisson: Knuth's product of uniforms below λ = 30, Hörmann's PTRS above", () => {
    // λ = 1: e^−1 ≈ 0.368; 0.5 > it, 0.5·0.5 = 0.25 ≤ it → 1; 0.3 ≤ it at once → 0
    expect(poisson(fixed([0.5, 0.5]), 1)).toBe(1)
    expect(poisson(fixed([0.3]), 1)).toBe(0)
    expect(poisson(fixed([0.9, 0.9, 0.9, 0.1]), 1)).toBe(3)
    expect(poisson(fixed([]), 0)).toBe(0)
    // PTRS at λ = 50: b = 0.931 + 2.53√50, a = −0.059 + 0.02483b, v_r = 0.9277 − 3.6224/(b − 2) ≈ 0.712;
    // u = next − ½, v = 1 − next; |u| small and v ≤ v_r accept k = ⌊(2a/u_s + b)u + λ + 0.43⌋ at once
    // python: u = 0 → 50, u = 0.3 → 57, u = −0.3 → 43
    expect(poisson(fixed([0.5, 0.5]), 50)).toBe(50)
    expect(poisson(fixed([0.8, 0.5]), 50)).toBe(57)
    expect(poisson(fixed([0.2, 0.5]), 50)).toBe(43)
    // outside the squeeze the candidate goes to the log test
    // ln v + ln(1/α) − ln(a/u_s² + b) ≤ −λ + k ln λ − ln k!: python gives accept for (u_s = 0.04, v = 0.5) → 68
    // and (0.4, 0.8) → 52, reject for (0.4, 0.95); u_s = 0.001 < 0.013 with v > u_s is skipped at once
    expect(poisson(fixed([0.96, 0.5]), 50)).toBe(68)
    expect(poisson(fixed([0.6, 0.05, 0.6, 0.2]), 50)).toBe(52)
    expect(poisson(fixed([0.001, 0.5, 0.5, 0.5]), 50)).toBe(50)
    expect(() => poisson(fixed([]), -1)).toThrow("poisson: lambda must be finite and >= 0, got -1")
    expect(() => poisson(fixed([]), Infinity)).toThrow("got Infinity")
  })

  it("logFactorial sums logarithms up to 20 and uses Stirling's series from 21", () => {
    expect(logFactorial(0)).toBe(0)
    expect(logFactorial(1)).toBe(0)
    // python: math.log(120), math.log(math.factorial(20)), math.lgamma(22), math.lgamma(101)
    expect(logFactorial(5)).toBeCloseTo(4.787491742782046, 13)
    expect(logFactorial(20)).toBeCloseTo(42.335616460753485, 12)
    expect(logFactorial(21)).toBeCloseTo(45.38013889847691, 9)
    expect(logFactorial(100)).toBeCloseTo(363.73937555556347, 10)
  })

  it("geometric(p) = ⌊ln(1 − u)/ln(1 − p)⌋ failures", () => {
    expect(geometric(fixed([0.75]), 0.5)).toBe(2)
    expect(geometric(fixed([0.7]), 0.5)).toBe(1)
    expect(geometric(fixed([]), 1)).toBe(0)
    expect(() => geometric(fixed([]), 0)).toThrow("geometric: p must be in (0, 1], got 0")
    expect(() => geometric(fixed([]), 1.5)).toThrow("got 1.5")
  })
})

describe("categorical draws", () => {
  it("categorical scans the cumulative weights: category i when u·Σw falls in [W_{i−1}, W_i)", () => {
    // weights (1, 1, 2), total 4
    expect(categorical(fixed([0.2499]), [1, 1, 2])).toBe(0)
    expect(categorical(fixed([0.25]), [1, 1, 2])).toBe(1)
    expect(categorical(fixed([0.4999]), [1, 1, 2])).toBe(1)
    expect(categorical(fixed([0.5]), [1, 1, 2])).toBe(2)
    // a zero last weight never wins: the mass up to the end belongs to the last positive weight
    expect(categorical(fixed([0.9999]), [1, 2, 0])).toBe(1)
    expect(categorical(fixed([0.5]), [5])).toBe(0)
    expect(() => categorical(fixed([]), [])).toThrow("categorical: weights must not be empty")
    expect(() => categorical(fixed([]), [1, -1])).toThrow("categorical: weights[1] must be finite and >= 0, got -1")
    expect(() => categorical(fixed([]), [1, Infinity])).toThrow("weights[1] must be finite and >= 0, got Infinity")
    expect(() => categorical(fixed([]), [0, 0])).toThrow("categorical: weights must not all be zero")
    expect(() => new AliasTable([0])).toThrow("AliasTable: weights must not all be zero")
  })

  it("Vose's alias table for (1, 2, 7): prob = (0.3, 0.6, 1), aliases to 2, so a grid of uniforms gives exactly (0.1, 0.2, 0.7)", () => {
    const table = new AliasTable([1, 2, 7])
    expect(table.size).toBe(3)
    // u·3 = 0.15 → column 0, 0.15 < 0.3 → 0; 0.45 → column 0, 0.45 ≥ 0.3 → alias 2; 1.5 → column 1, 0.5 < 0.6 → 1
    expect(table.sample(fixed([0.05]))).toBe(0)
    expect(table.sample(fixed([0.15]))).toBe(2)
    expect(table.sample(fixed([0.5]))).toBe(1)
    expect(table.sample(fixed([0.55]))).toBe(2)
    expect(table.sample(fixed([0.9]))).toBe(2)
    const n = 3000
    const counts = [0, 0, 0]
    for (let j = 0; j < n; j++) counts[table.sample(fixed([(j + 0.5) / n]))]++
    expect(counts).toEqual([300, 600, 2100])
    // (1, 1, 4, 2): scaled (0.5, 0.5, 2, 1); column 1 aliases 3, whose excess 1 − 0.5 makes it small in turn and
    // alias 2; column 0 aliases 2 — so a column that was large becomes small, and the grid gives (⅛, ⅛, ½, ¼)
    const mixed = new AliasTable([1, 1, 4, 2])
    const mixedCounts = [0, 0, 0, 0]
    for (let j = 0; j < 800; j++) mixedCounts[mixed.sample(fixed([(j + 0.5) / 800]))]++
    expect(mixedCounts).toEqual([100, 100, 400, 200])
    // uniform weights: every column keeps itself
    const flat = new AliasTable([2, 2, 2, 2])
    const flatCounts = [0, 0, 0, 0]
    for (let j = 0; j < 400; j++) flatCounts[flat.sample(fixed([(j + 0.5) / 400]))]++
    expect(flatCounts).toEqual([100, 100, 100, 100])
  })

  it("zipf weights are k^−s / H(n, s) and the sampler draws by them", () => {
    const w = zipfWeights(3, 1)
    expect(w[0]).toBeCloseTo(6 / 11, 15)
    expect(w[1]).toBeCloseTo(3 / 11, 15)
    expect(w[2]).toBeCloseTo(2 / 11, 15)
    expect(Array.from(zipfWeights(4, 0))).toEqual([0.25, 0.25, 0.25, 0.25])
    const z = new ZipfSampler(3, 1)
    const counts = [0, 0, 0]
    for (let j = 0; j < 1100; j++) counts[z.sample(fixed([(j + 0.5) / 1100]))]++
    expect(counts).toEqual([600, 300, 200])
    expect(() => zipfWeights(0, 1)).toThrow("zipfWeights: n must be a positive integer, got 0")
    expect(() => zipfWeights(3, -1)).toThrow("zipfWeights: s must be finite and >= 0, got -1")
    expect(() => zipfWeights(3, Infinity)).toThrow("got Infinity")
  })
})

describe("continuous draws", () => {
  it("normal(μ, σ) by Box–Muller: μ + σ·√(−2 ln u₁)·cos 2πu₂ with u₁ = 1 − next", () => {
    expect(normal(fixed([0.5, 0]), 2, 3)).toBeCloseTo(2 + 3 * Z, 14)
    expect(normal(fixed([0.5, 0.5]))).toBeCloseTo(-Z, 14)
    expect(logNormal(fixed([0.5, 0]), 0.5, 2)).toBeCloseTo(Math.exp(0.5 + 2 * Z), 12)
  })

  it("gamma by Marsaglia–Tsang: z ≈ 0 and u = ½ accept d·scale with d = k − ⅓; k < 1 boosts by U^(1/k)", () => {
    expect(gamma(fixed([0.5, 0.25, 0.5]), 1, 3)).toBeCloseTo(2, 12)
    expect(gamma(fixed([0.5, 0.25, 0.5]), 4)).toBeCloseTo(11 / 3, 12)
    // shape ½: u = 1 − 0.75 = ¼, Gamma(1.5) → d = 7/6, times (¼)^2
    expect(gamma(fixed([0.75, 0.5, 0.25, 0.5]), 0.5)).toBeCloseTo((7 / 6) * 0.0625, 12)
    // z = √(2 ln 2), k = 1: v = (1 + z/√6)³ ≈ 2.897 and u = 0.9999 fails the squeeze 1 − 0.0331z⁴ and the
    // log test, so a second candidate (z ≈ 0, u = ½) is drawn
    expect(gamma(fixed([0.5, 0, 0.0001, 0.5, 0.25, 0.5]), 1)).toBeCloseTo(2 / 3, 12)
    // z = √(2 ln 2) accepted: by the squeeze with u = ½, by the log test with u = 0.95 (above the squeeze 0.936,
    // below e^−0.0193 = 0.981): both return d·(1 + z/√(9d))³ with d = ⅔
    const accepted = (2 / 3) * (1 + Z / Math.sqrt(6)) ** 3
    expect(gamma(fixed([0.5, 0, 0.5]), 1)).toBeCloseTo(accepted, 12)
    expect(gamma(fixed([0.5, 0, 0.05]), 1)).toBeCloseTo(accepted, 12)
    expect(() => gamma(fixed([]), 1, 0)).toThrow("gamma: scale must be > 0, got 0")
    expect(() => gamma(fixed([]), 0)).toThrow("gamma: shape must be > 0, got 0")
    expect(() => gamma(fixed([]), 1, -2)).toThrow("gamma: scale must be > 0, got -2")
  })

  it("beta(a, b) = X/(X + Y) and dirichlet(α) = G/ΣG from the gamma draws", () => {
    const zeroZ = [0.5, 0.25, 0.5]
    // Gamma(2) and Gamma(3) at z ≈ 0, u = ½: 5/3 and 8/3
    expect(beta(fixed([...zeroZ, ...zeroZ]), 2, 3)).toBeCloseTo(5 / 13, 12)
    expect(() => beta(fixed([]), 0, 1)).toThrow("beta: a and b must be > 0, got a=0, b=1")
    expect(() => beta(fixed([]), 1, -1)).toThrow("got a=1, b=-1")
    expect(() => beta(fixed([]), 1, 0)).toThrow("got a=1, b=0")
    // α = 10⁻⁴: the boost (½)^(10⁴) underflows to 0 in both coordinates, so the draw is a point mass on the
    // coordinate the next uniform picks: ⌊0.7·2⌋ = 1
    const boostToZero = [0.5, ...zeroZ]
    expect(Array.from(dirichlet(fixed([...boostToZero, ...boostToZero, 0.7]), [1e-4, 1e-4]))).toEqual([0, 1])
    const d = dirichlet(fixed([...zeroZ, ...zeroZ]), [1, 2])
    expect(d[0]).toBeCloseTo(2 / 7, 12)
    expect(d[1]).toBeCloseTo(5 / 7, 12)
    const out = new Float64Array(2)
    expect(dirichlet(fixed([...zeroZ, ...zeroZ]), [1, 2], out)).toBe(out)
    expect(() => dirichlet(fixed([]), [1, 2], new Float64Array(3))).toThrow("dirichlet: out has length 3, alpha 2")
    expect(() => dirichlet(fixed(zeroZ), [1, 0])).toThrow("dirichlet: alpha[1] must be > 0, got 0")
  })
})
