import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import {
  fastGamma,
  fastNormal,
  fastUniform,
  gammaC,
  gammaD,
  marsagliaTsangCandidate,
  ZIGGURAT_R,
  zigguratFn,
  zigguratKn,
  zigguratKnw,
  zigguratWn,
} from "../../src/random/fast-random"

// The fast samplers on fixed 32-bit words, against the independent Python construction of the ziggurat
// tables and evaluation of each path in reference/ziggurat_fixed_words.py (run by hand; values pasted).
// fast-random.test.ts checks the distributions; these pin the tables, each branch and each constant.

/** A generator that returns the given 32-bit words in order (the fast samplers only call nextUint32()). */
function words(...values: number[]): Rng {
  let i = 0
  return {
    next: () => {
      throw new Error("words: next is not used")
    },
    nextUint32: () => {
      if (i >= values.length) throw new Error("words: ran out of values")
      return values[i++]
    },
  }
}

/** |a/b − 1| < 1e-14: the tables are built with exp, log and sqrt, which may differ from Python's in the last bit. */
const near = (a: number, b: number) => expect(Math.abs(a / b - 1), `${a} vs ${b}`).toBeLessThan(1e-14)

describe("ziggurat tables (Marsaglia & Tsang 2000, 128 layers)", () => {
  it("match the reference construction", () => {
    expect([0, 1, 2, 64, 127].map((i) => zigguratKn[i])).toEqual([1991057938, 0, 1611602771, 2128463758, 2010539237])
    expect(zigguratKn[5]).toBe(1969227037)
    expect(zigguratKn[9]).toBe(2051788381)
    ;[1.729040521542798e-9, 1.2680928447002762e-10, 7.138996746735849e-10, 1.6030947938091123e-9].forEach((v, j) =>
      near(zigguratWn[[0, 1, 64, 127][j]], v),
    )
    ;[1, 0.9635996931270862, 0.3087636380061811, 0.002669629083880923].forEach((v, j) =>
      near(zigguratFn[[0, 1, 64, 127][j]], v),
    )
    for (let i = 0; i < 128; i++) expect(zigguratKnw[i]).toBe(zigguratKn[i] * zigguratWn[i])
  })
})

describe("fast samplers on fixed words", () => {
  it("fastUniform is (w + ½)·2⁻³²", () => {
    expect(fastUniform(words(0))).toBe(0.5 * 2 ** -32)
    expect(fastUniform(words(2 ** 32 - 1))).toBe((2 ** 32 - 0.5) * 2 ** -32)
  })

  it("fastNormal's rectangle: layer = low 7 bits of the first word, value = the signed second word × wn", () => {
    near(fastNormal(words(5, 2 ** 30)), 0.2603280193810303)
    near(fastNormal(words(5 + 128 * 77, 0xc0000000)), -0.2603280193810303)
  })

  it("fastNormal's wedge: outside the rectangle the third word accepts or rejects the candidate", () => {
    const hz = 2051788381 + 1 // kn[9] + 1
    near(fastNormal(words(9, hz, 2 ** 31)), 0.6243585976082162)
    near(fastNormal(words(9, hz, 0)), 0.6243585976082162)
    // the top uniform lands above the density: rejected, the next two words give the rectangle's value
    near(fastNormal(words(9, hz, 2 ** 32 - 1, 5, 2 ** 30)), 0.2603280193810303)
  })

  it("fastNormal's tail beyond R: Marsaglia's exponential rejection, signed by the value word", () => {
    // xt = −ln U(2³¹)/R, y = −ln U(2³⁰): accepted as 2y ≥ xt²
    near(fastNormal(words(0, 2 ** 31 - 1, 2 ** 31, 2 ** 30)), 3.643962789287185)
    near(fastNormal(words(128, 2 ** 31 + 1, 2 ** 31, 2 ** 30)), -3.643962789287185)
    // a first pair with xt = −ln U(0)/R ≈ 6.6 and y = ln 2 is rejected
    near(fastNormal(words(0, 2 ** 31 - 1, 0, 2 ** 31, 2 ** 31, 2 ** 30)), 3.643962789287185)
    expect(ZIGGURAT_R).toBe(3.442619855899)
  })

  it("gammaD and gammaC: d = shape − ⅓ (shape + 1 below 1), c = 1/√(9d)", () => {
    expect(gammaD(2.5)).toBe(2.1666666666666665)
    expect(gammaD(0.5)).toBe(1.1666666666666667)
    expect(gammaD(1)).toBe(1 - 1 / 3)
    near(gammaC(2.1666666666666665), 0.22645540682891913)
  })

  it("fastGamma on the fast path: u from the layer word's high 25 bits; shape < 1 boosted by U^(1/shape)", () => {
    const layerWord = (1000 << 7) | 3
    near(fastGamma(words(layerWord, 2 ** 29), 2.5), 2.327453070100437)
    near(fastGamma(words(layerWord, 2 ** 29, 2 ** 31), 0.5), 0.3214199627755746)
  })

  it("marsagliaTsangCandidate returns d·v when accepted, NaN for v ≤ 0 or a rejection", () => {
    const d = 2.1666666666666665
    const c = gammaC(d)
    const z = 0.10663699658885588
    near(marsagliaTsangCandidate(z, 2.981722354888916e-5, d, c), 2.327453070100437 / 1)
    expect(marsagliaTsangCandidate(-1 / c, 0.5, d, c)).toBeNaN()
    expect(marsagliaTsangCandidate(-1 / c - 1, 0.5, d, c)).toBeNaN()
    // z = −2.5, u close to 1: ln u ≈ 0 is above z²/2 + d(1 − v + ln v) < 0 and the squeeze fails too
    expect(marsagliaTsangCandidate(-2.5, 0.999, d, c)).toBeNaN()
    // z = 2.5 with u tiny is accepted by the squeeze
    const v = (1 + c * 2.5) ** 3
    near(marsagliaTsangCandidate(2.5, 1e-6, d, c), d * v)
  })
})
