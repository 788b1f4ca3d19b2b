import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { AliasScratch, AliasTable, categorical, fillAliasTable } from "../../src/random/categorical"
import { poisson } from "../../src/random/discrete"
import { gamma } from "../../src/random/gamma"
import {
  betaCached,
  fastBeta,
  fastGamma,
  fastNormal,
  gammaC,
  gammaD,
  marsagliaTsangCandidate,
  zigguratKn,
  zigguratWn,
} from "../../src/random/fast-random"

// The branches of the rejection samplers that a single accepted draw does not reach: which candidate is
// redrawn and in what order the uniforms are spent, the boundaries between the exact test and its
// squeezes, and the ties of the table lookups. Worked by hand from each method's formula; the fast
// samplers' values from reference/ziggurat_fixed_words.py.

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
const words = (...w: number[]) => fixed([], w)

// Box–Muller: (u₁, u₂) = (0.5, 0.25) gives z ≈ 0, so with u = 1 − 0.5 gamma(shape) accepts d = shape − ⅓
const zeroZ = [0.5, 0.25, 0.5]
const Z = Math.sqrt(2 * Math.LN2) // (0.5, 0): z = √(2 ln 2)

describe("gamma (Marsaglia–Tsang) rejection branches", () => {
  it("redraws the normal at once when 1 + cz ≤ 0, before drawing u", () => {
    // (1 − e⁻⁴, 0.5): z = −√8 and 1 − √8/√6 < 0 at shape 1; the next normal is z ≈ 0
    expect(gamma(fixed([1 - Math.exp(-4), 0.5, ...zeroZ]), 1)).toBeCloseTo(2 / 3, 12)
  })

  it("accepts by the log test alone between the squeeze and e^(z²/2 + d(1 − v + ln v)), and scales that draw", () => {
    // z = √(2 ln 2), shape 1: squeeze u < 1 − 0.0331z⁴ = 0.936, log test u < 0.9807; u = 0.975 passes only the latter
    const accepted = (2 / 3) * (1 + Z / Math.sqrt(6)) ** 3
    expect(gamma(fixed([0.5, 0, 0.025]), 1)).toBeCloseTo(accepted, 12)
    expect(gamma(fixed([0.5, 0, 0.025]), 1, 3)).toBeCloseTo(3 * accepted, 12)
  })

  it("rejects what both tests reject although a squeeze without z⁴ would accept it", () => {
    // z = 2: squeeze u < 0.47, log test u < 0.873; u = 0.9 is redrawn (a d-free 1 − 0.0331 would accept it)
    expect(gamma(fixed([1 - Math.exp(-2), 0, 0.1, ...zeroZ]), 1)).toBeCloseTo(2 / 3, 12)
  })
})

describe("poisson branches", () => {
  it("switches to PTRS at λ = 30: one (u, v) pair with u = 0 gives ⌊λ + 0.43⌋", () => {
    expect(poisson(fixed([0.5, 0.5]), 30)).toBe(30)
  })

  it("stops Knuth's product at p ≤ e^−λ, equality included", () => {
    expect(poisson(fixed([Math.exp(-1)]), 1)).toBe(0)
  })

  it("after a log-test rejection draws a new candidate, whose k differs", () => {
    // (0.6, 0.05) gives k = 52 and is rejected (the existing exact test); (0.5, 0.5) then gives 50
    expect(poisson(fixed([0.6, 0.05, 0.5, 0.5]), 50)).toBe(50)
    // u_s = 0.005 < 0.013 with v > u_s is skipped before the log test
    expect(poisson(fixed([0.995, 0.5, 0.5, 0.5]), 50)).toBe(50)
  })
})

describe("table lookups at their ties", () => {
  it("categorical gives the rounding remainder to the last positive weight", () => {
    // u·Σw − 0.201 − 0.573 is exactly 0 for u = 1 − 2⁻⁵³: the scan ends without a category
    expect(categorical(fixed([1 - 2 ** -53]), [0.201, 0.573, 0])).toBe(1)
  })

  it("an alias column is kept only strictly below its probability", () => {
    // (1, 3): prob = (0.5, 1), column 0 aliases 1; u·2 = 0.5 in column 0 at its probability → the alias
    const t = new AliasTable([1, 3])
    expect(t.sample(fixed([0.25]))).toBe(1)
    expect(t.sample(fixed([0.2499]))).toBe(0)
  })

  it("fillAliasTable checks the probability table's length on its own, and leaves exact ones large", () => {
    expect(() => fillAliasTable([1, 2, 3], new Float64Array(3), new Int32Array(4), 1, new AliasScratch(3))).toThrow(
      "fillAliasTable: offset 1 + 3 categories does not fit tables of length 3",
    )
    // (1, 2, 3): scaled (0.5, 1, 1.5); column 1 is exactly 1 and keeps itself, column 0 aliases 2
    const prob = new Float64Array(3)
    const alias = new Int32Array(3)
    fillAliasTable([1, 2, 3], prob, alias, 0, new AliasScratch(3))
    expect(Array.from(prob)).toEqual([0.5, 1, 1])
    expect(Array.from(alias)).toEqual([2, 1, 2])
  })
})

describe("fast samplers: the branches an accepted fast-path draw skips", () => {
  const layerWord = (1000 << 7) | 3
  const g25 = 2.327453070100437 // fastGamma(words(layerWord, 2²⁹), 2.5), reference script
  const g05 = 0.3214199627755746 // fastGamma(words(layerWord, 2²⁹, 2³¹), 0.5)
  const rect = 0.2603280193810303 // fastNormal(words(5, 2³⁰))

  it("a value word of exactly kn[iz] goes to the wedge, which spends a third word", () => {
    const kn5 = zigguratKn[5]
    const rng = words(5, kn5, 2 ** 31, 5, 2 ** 30)
    expect(fastNormal(rng)).toBe(kn5 * zigguratWn[5])
    expect(fastNormal(rng)).toBeCloseTo(rect, 15)
    // −(kn + 1): |hz| is kn + 1, outside the rectangle as well
    const neg = words(5, 2 ** 32 - (kn5 + 1), 2 ** 31, 5, 2 ** 30)
    expect(fastNormal(neg)).toBe(-(kn5 + 1) * zigguratWn[5])
    expect(fastNormal(neg)).toBeCloseTo(rect, 15)
  })

  it("fastGamma takes its normal from the slow path when needed, with u from a fresh word", () => {
    const d = gammaD(2.5)
    const c = gammaC(d)
    const x = 0.6243585976082162 // wedge of layer 9 accepted by the word 2³¹ (reference script)
    const hz = zigguratKn[9] + 1
    expect(fastGamma(words(9, hz, 2 ** 31, 0), 2.5)).toBeCloseTo(d * (1 + c * x) ** 3, 14)
    // the wedge rejects with the top word and the loop starts over
    expect(fastGamma(words(9, hz, 2 ** 32 - 1, layerWord, 2 ** 29), 2.5)).toBeCloseTo(g25, 14)
  })

  it("fastGamma redraws a rejected candidate instead of returning NaN", () => {
    // layer 3, value word −(kn[3] − 1): z ≈ −3 and u ≈ 1 from the top 25 bits are rejected
    const rejectWord = ((2 ** 25 - 1) * 128 + 3) >>> 0
    const rng = words(rejectWord, 2 ** 32 - (zigguratKn[3] - 1), layerWord, 2 ** 29)
    expect(fastGamma(rng, 2.5)).toBeCloseTo(g25, 14)
  })

  it("fastGamma boosts only below shape 1", () => {
    const z = 0.10663699658885588 // 2²⁹·wn[3], reference script
    expect(fastGamma(words(layerWord, 2 ** 29), 1)).toBeCloseTo((2 / 3) * (1 + z / Math.sqrt(6)) ** 3, 14)
  })

  it("fastBeta and betaCached are Ga/(Ga + Gb), boosting the shapes below 1", () => {
    const both = () => words(layerWord, 2 ** 29, layerWord, 2 ** 29, 2 ** 31)
    expect(fastBeta(both(), 2.5, 0.5)).toBeCloseTo(g25 / (g25 + g05), 14)
    const [da, db] = [gammaD(2.5), gammaD(0.5)]
    expect(betaCached(both(), 2.5, da, gammaC(da), 0.5, db, gammaC(db))).toBeCloseTo(g25 / (g25 + g05), 14)
    const first = words(layerWord, 2 ** 29, 2 ** 31, layerWord, 2 ** 29)
    expect(betaCached(first, 0.5, db, gammaC(db), 2.5, da, gammaC(da))).toBeCloseTo(g05 / (g05 + g25), 14)
  })

  it("marsagliaTsangCandidate's squeeze accepts only what the exact test accepts", () => {
    const d = gammaD(2.5)
    const c = gammaC(d)
    // z = 2.5: squeeze u < 0.833, exact test u < 0.893
    expect(marsagliaTsangCandidate(2.5, 0.93, d, c)).toBeNaN()
    expect(marsagliaTsangCandidate(2.5, 0.88, d, c)).toBeCloseTo(d * (1 + 2.5 * c) ** 3, 14)
    // z = −2.5: squeeze with m = 1 + y < 1 needs u < 0.616, the exact test u < 0.732; u = 0.8 fails both
    expect(marsagliaTsangCandidate(-2.5, 0.8, d, c)).toBeNaN()
  })
})
