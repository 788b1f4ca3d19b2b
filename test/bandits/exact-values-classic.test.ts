import { describe, expect, it } from "vitest"
import {
  BayesUcb,
  BetaThompson,
  bernoulliKl,
  betaQuantile,
  DiscountedThompson,
  DiscountedUcb,
  EpsilonGreedy,
  Exp3,
  ExploreThenCommit,
  GaussianThompson,
  GradientBandit,
  Greedy,
  KlUcb,
  klUcbIndex,
  OptimisticGreedy,
  RandomPolicy,
  SlidingWindowThompson,
  SlidingWindowUcb,
  Softmax,
  Ucb,
  Ucb1,
} from "../../src/bandits"
import { addArgmaxMass, argmaxRandomTie, sampleIndex } from "../../src/bandits/argmax"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { monteCarloProbabilities } from "../../src/bandits/monte-carlo"
import { RewardWindow } from "../../src/bandits/reward-window"
import { checkArm, checkArms, checkInteger, checkRange, checkReward, checkUnitReward } from "../../src/bandits/validate"
import { fastBeta, fastNormal } from "../../src/random/fast-random"
import { createRng, type Rng } from "../../src/random/rng"
import { POLICY_REGISTRY } from "../../src/bandits/registry"
import { checkOptions } from "../../src/config/option-schema"
import type { Policy } from "../../src/bandits"

/**
 * Exact values of the classic (context-free) policies: indices, probabilities and updates against
 * hand computations and closed forms, the edges of their helpers, and their messages. The scipy
 * numbers come from test/bandits/reference/classic_exact_values.py (run by hand on Debian numpy/scipy).
 */

/** A generator that counts how often it is drawn from. */
function counting(seed: number): Rng & { calls: number } {
  const inner = createRng(seed)
  const out = {
    calls: 0,
    next: () => {
      out.calls++
      return inner.next()
    },
    nextUint32: () => {
      out.calls++
      return inner.nextUint32()
    },
  }
  return out
}

/** A generator that always returns the same uniform `u` (and the 32-bit word ⌊u·2³²⌋). */
function constant(u: number): Rng {
  return { next: () => u, nextUint32: () => Math.floor(u * 4294967296) }
}

/** `n` picks of `pick(rng)` tallied per arm. */
function tally(n: number, arms: number, pick: (rng: Rng) => number, seed = 1): number[] {
  const rng = createRng(seed)
  const counts = new Array<number>(arms).fill(0)
  for (let i = 0; i < n; i++) counts[pick(rng)]++
  return counts
}

describe("argmax helpers", () => {
  it("argmaxRandomTie: the largest value; no randomness without a tie; a tie split uniformly, the first value included", () => {
    const rng = counting(1)
    expect(argmaxRandomTie(Float64Array.of(1, 5, 2, 4), 4, rng)).toBe(1)
    expect(argmaxRandomTie(Float64Array.of(7, 5, 2), 3, rng)).toBe(0)
    expect(argmaxRandomTie(Float64Array.of(1, 2, 9), 3, rng)).toBe(2)
    // n limits the scan
    expect(argmaxRandomTie(Float64Array.of(1, 2, 9), 2, rng)).toBe(1)
    expect(rng.calls).toBe(0)
    const counts = tally(6000, 4, (r) => argmaxRandomTie(Float64Array.of(3, 1, 3, 3), 4, r))
    expect(counts[1]).toBe(0)
    for (const a of [0, 2, 3]) expect(Math.abs(counts[a] / 6000 - 1 / 3)).toBeLessThan(0.025)
    // a later strictly larger value resets the tie count: [2, 2, 5, 5] splits between 2 and 3 only
    const later = tally(4000, 4, (r) => argmaxRandomTie(Float64Array.of(2, 2, 5, 5), 4, r))
    expect(later[0] + later[1]).toBe(0)
    expect(Math.abs(later[2] / 4000 - 0.5)).toBeLessThan(0.03)
  })

  it("addArgmaxMass: mass/m on each of the m maximisers, added to out; all −∞ spreads it evenly", () => {
    expect(Array.from(addArgmaxMass(Float64Array.of(1, 4, 4, 2), 4, 0.6, Float64Array.of(0.1, 0.1, 0.1, 0.1)))).toEqual(
      [0.1, 0.1 + 0.3, 0.1 + 0.3, 0.1],
    )
    expect(Array.from(addArgmaxMass(Float64Array.of(-1, -3), 2, 1, new Float64Array(2)))).toEqual([1, 0])
    expect(Array.from(addArgmaxMass(Float64Array.of(-Infinity, -Infinity), 2, 1, Float64Array.of(1, 0)))).toEqual([
      1.5, 0.5,
    ])
    // n limits the scan, and nothing past it is written
    expect(Array.from(addArgmaxMass(Float64Array.of(1, 2, 9), 2, 1, new Float64Array(3)))).toEqual([0, 1, 0])
    expect(Array.from(addArgmaxMass(Float64Array.of(2, 2, 2), 2, 1, new Float64Array(3)))).toEqual([0.5, 0.5, 0])
    // no maximiser at all (every value NaN): the mass is spread evenly over the n entries
    expect(Array.from(addArgmaxMass(Float64Array.of(NaN, NaN, NaN), 2, 0.5, new Float64Array(3)))).toEqual([
      0.25, 0.25, 0,
    ])
  })

  it("sampleIndex: the first i with u < p₀ + … + pᵢ; rounding past the end falls back to the last positive entry", () => {
    const p = Float64Array.of(0.25, 0.5, 0.25)
    expect(sampleIndex(p, 3, constant(0))).toBe(0)
    expect(sampleIndex(p, 3, constant(0.2499))).toBe(0)
    expect(sampleIndex(p, 3, constant(0.25))).toBe(1)
    expect(sampleIndex(p, 3, constant(0.7499))).toBe(1)
    expect(sampleIndex(p, 3, constant(0.75))).toBe(2)
    expect(sampleIndex(p, 3, constant(0.9999))).toBe(2)
    // probabilities summing to 0.6 (as rounding can leave them just under 1): a large u lands on arm 1, the last positive one
    expect(sampleIndex(Float64Array.of(0.3, 0.3, 0), 3, constant(0.7))).toBe(1)
    expect(sampleIndex(Float64Array.of(0, 0, 0), 3, constant(0.7))).toBe(0)
    // entries past n are never read
    expect(sampleIndex(Float64Array.of(0.3, 0.3, 0, 1), 3, constant(0.7))).toBe(1)
    expect(sampleIndex(Float64Array.of(1), 1, constant(0.99))).toBe(0)
  })
})

describe("validation messages", () => {
  it("checkArms, checkInteger: integers from the minimum", () => {
    expect(checkArms("X", 1)).toBe(1)
    for (const bad of [0, -1, 1.5, "3", Number.NaN])
      expect(() => checkArms("X", bad)).toThrow(`X: arms must be an integer >= 1, got ${String(bad)}`)
    expect(checkInteger("X", "seed", 0, 0)).toBe(0)
    expect(checkInteger("X", "seed", 7, 7)).toBe(7)
    for (const bad of [-1, 0.5, "2", undefined])
      expect(() => checkInteger("X", "seed", bad, 0)).toThrow(`X: seed must be an integer >= 0, got ${String(bad)}`)
  })

  it("checkRange: closed by default, open at the named end(s), brackets to match", () => {
    expect(checkRange("X", "p", 0, 0, 1)).toBe(0)
    expect(checkRange("X", "p", 1, 0, 1)).toBe(1)
    expect(() => checkRange("X", "p", 1.5, 0, 1)).toThrow("X: p must be in [0, 1], got 1.5")
    expect(() => checkRange("X", "p", -0.5, 0, 1)).toThrow("X: p must be in [0, 1], got -0.5")
    expect(() => checkRange("X", "p", 0, 0, 1, "low")).toThrow("X: p must be in (0, 1], got 0")
    expect(checkRange("X", "p", 1, 0, 1, "low")).toBe(1)
    expect(() => checkRange("X", "p", 1, 0, 1, "high")).toThrow("X: p must be in [0, 1), got 1")
    expect(checkRange("X", "p", 0, 0, 1, "high")).toBe(0)
    expect(() => checkRange("X", "p", 0, 0, 1, "both")).toThrow("X: p must be in (0, 1), got 0")
    expect(() => checkRange("X", "p", 1, 0, 1, "both")).toThrow("X: p must be in (0, 1), got 1")
    expect(checkRange("X", "p", 0.5, 0, 1, "both")).toBe(0.5)
    expect(() => checkRange("X", "p", Infinity, 0, Infinity)).toThrow("X: p must be in [0, Infinity], got Infinity")
    expect(() => checkRange("X", "p", "0.5", 0, 1)).toThrow("X: p must be in [0, 1], got 0.5")
  })

  it("checkArm, checkReward, checkUnitReward", () => {
    checkArm("X", 0, 3)
    checkArm("X", 2, 3)
    for (const bad of [-1, 3, 1.5, Number.NaN])
      expect(() => checkArm("X", bad, 3)).toThrow(`X: arm must be an integer in [0, 2], got ${bad}`)
    checkReward("X", -5)
    for (const bad of [Infinity, -Infinity, Number.NaN])
      expect(() => checkReward("X", bad)).toThrow(`X: reward must be finite, got ${bad}`)
    checkUnitReward("X", 0)
    checkUnitReward("X", 1)
    for (const bad of [-0.01, 1.01, Number.NaN])
      expect(() => checkUnitReward("X", bad)).toThrow(`X: reward must be in [0, 1], got ${bad}`)
  })

  it("each policy names itself in its messages and takes its default name", () => {
    const cases: [() => { name: string }, string, string][] = [
      [() => new Ucb({ arms: 0 }), "Ucb: arms", "ucb-2"],
      [() => new Ucb1({ arms: 0 }), "Ucb1: arms", "ucb1"],
      [() => new KlUcb({ arms: 0 }), "KlUcb: arms", "kl-ucb"],
      [() => new BayesUcb({ arms: 0 }), "BayesUcb: arms", "bayes-ucb"],
      [() => new DiscountedUcb({ arms: 0 }), "DiscountedUcb: arms", "d-ucb-0.99"],
      [() => new SlidingWindowUcb({ arms: 0 }), "SlidingWindowUcb: arms", "sw-ucb-1000"],
      [() => new EpsilonGreedy({ arms: 0 }), "EpsilonGreedy: arms", "eps-0.1"],
      [() => new Greedy({ arms: 0 }), "Greedy: arms", "greedy"],
      [() => new OptimisticGreedy({ arms: 0 }), "OptimisticGreedy: arms", "optimistic-5"],
      [() => new Softmax({ arms: 0 }), "Softmax: arms", "softmax-0.1"],
      [() => new GradientBandit({ arms: 0 }), "GradientBandit: arms", "gradient-0.1"],
      [() => new Exp3({ arms: 0 }), "Exp3: arms", "exp3-0.1"],
      [() => new ExploreThenCommit({ arms: 0 }), "ExploreThenCommit: arms", "etc-10"],
      [() => new RandomPolicy({ arms: 0 }), "RandomPolicy: arms", "random"],
      [() => new BetaThompson({ arms: 0 }), "BetaThompson: arms", "thompson"],
      [() => new GaussianThompson({ arms: 0 }), "GaussianThompson: arms", "gaussian-thompson"],
      [() => new DiscountedThompson({ arms: 0 }), "DiscountedThompson: arms", "d-thompson-0.99"],
      [() => new SlidingWindowThompson({ arms: 0 }), "SlidingWindowThompson: arms", "sw-thompson-1000"],
    ]
    for (const [make, message] of cases) expect(make).toThrow(`${message} must be an integer >= 1, got 0`)
    const named: { name: string }[] = [
      new Ucb({ arms: 2 }),
      new Ucb1({ arms: 2 }),
      new KlUcb({ arms: 2 }),
      new BayesUcb({ arms: 2 }),
      new DiscountedUcb({ arms: 2 }),
      new SlidingWindowUcb({ arms: 2 }),
      new EpsilonGreedy({ arms: 2 }),
      new Greedy({ arms: 2 }),
      new OptimisticGreedy({ arms: 2 }),
      new Softmax({ arms: 2 }),
      new GradientBandit({ arms: 2 }),
      new Exp3({ arms: 2 }),
      new ExploreThenCommit({ arms: 2 }),
      new RandomPolicy({ arms: 2 }),
      new BetaThompson({ arms: 2 }),
      new GaussianThompson({ arms: 2 }),
      new DiscountedThompson({ arms: 2 }),
      new SlidingWindowThompson({ arms: 2 }),
    ]
    expect(named.map((p) => p.name)).toEqual(cases.map((c) => c[2]))
    expect(new EpsilonGreedy({ arms: 2, epsilon: 0 }).name).toBe("greedy")
    expect(new Softmax({ arms: 2, anneal: 0.5 }).name).toBe("softmax-0.1-annealed")
    expect(new GradientBandit({ arms: 2, baseline: false }).name).toBe("gradient-0.1-no-baseline")
    expect(new Ucb({ arms: 2, name: "mine" }).name).toBe("mine")
    expect(new Ucb1({ arms: 2, name: "mine" }).name).toBe("mine")
    expect(new Greedy({ arms: 2, name: "mine" }).name).toBe("mine")
    expect(new OptimisticGreedy({ arms: 2, name: "mine" }).name).toBe("mine")
    // the option checks name the policy too
    expect(() => new BetaThompson({ arms: 2, seed: -1 })).toThrow("BetaThompson: seed must be an integer >= 0, got -1")
    expect(() => new GaussianThompson({ arms: 2, seed: 0.5 })).toThrow(
      "GaussianThompson: seed must be an integer >= 0, got 0.5",
    )
    expect(() => new DiscountedThompson({ arms: 2, seed: -1 })).toThrow(
      "DiscountedThompson: seed must be an integer >= 0, got -1",
    )
    expect(() => new SlidingWindowThompson({ arms: 2, window: 0 })).toThrow(/^SlidingWindowThompson: window/)
    expect(() => new DiscountedThompson({ arms: 2, discount: 0 })).toThrow(/^DiscountedThompson: discount/)
    expect(() => new OptimisticGreedy({ arms: 2, epsilon: 2 })).toThrow(/^OptimisticGreedy: epsilon/)
    expect(() => new Greedy({ arms: 2, stepSize: 0 })).toThrow(/^Greedy: stepSize/)
    expect(() => new BayesUcb({ arms: 2, horizon: 0 })).toThrow(/^BayesUcb: horizon/)
    expect(() => new SlidingWindowUcb({ arms: 2, window: 1.5 })).toThrow(/^SlidingWindowUcb: window/)
    expect(() => new GradientBandit({ arms: 2, alpha: 0 })).toThrow(/^GradientBandit: alpha/)
    expect(() => new Exp3({ arms: 2, gamma: 0 })).toThrow(/^Exp3: gamma/)
    expect(() => new DiscountedUcb({ arms: 2, discount: 0 })).toThrow(/^DiscountedUcb: discount/)
    expect(() => new KlUcb({ arms: 2, precision: 0.5 })).toThrow(/^KlUcb: precision/)
    expect(() => new Ucb({ arms: 2, c: -1 })).toThrow(/^Ucb: c /)
    expect(() => new Softmax({ arms: 2, minTemperature: 0 })).toThrow(/^Softmax: minTemperature/)
    expect(() => new EpsilonGreedy({ arms: 2, decay: -1 })).toThrow(/^EpsilonGreedy: decay/)
    expect(() => new GaussianThompson({ arms: 2, noiseSd: 0 })).toThrow(/^GaussianThompson: noiseSd/)
    expect(() => new BetaThompson({ arms: 2, priorBeta: 0 })).toThrow(/^BetaThompson: priorBeta/)
    expect(() => new ExploreThenCommit({ arms: 2, explorations: 0 })).toThrow(/^ExploreThenCommit: explorations/)
  })

  it("rewards outside [0, 1] are refused by the Bernoulli policies, with their names", () => {
    const unit: { name: string; update(a: number, r: number): void }[] = [
      new KlUcb({ arms: 2 }),
      new BayesUcb({ arms: 2 }),
      new Exp3({ arms: 2 }),
      new BetaThompson({ arms: 2 }),
      new DiscountedThompson({ arms: 2 }),
      new SlidingWindowThompson({ arms: 2 }),
    ]
    for (const p of unit) {
      expect(() => p.update(0, 1.5)).toThrow(`${p.name}: reward must be in [0, 1], got 1.5`)
      expect(() => p.update(0, -0.5)).toThrow(`${p.name}: reward must be in [0, 1], got -0.5`)
      expect(() => p.update(2, 1)).toThrow(`${p.name}: arm must be an integer in [0, 1], got 2`)
    }
    // the unbounded ones take any finite reward
    for (const p of [new Ucb({ arms: 2 }), new DiscountedUcb({ arms: 2 }), new GaussianThompson({ arms: 2 })])
      p.update(0, -7.5)
  })
})

describe("UCB family: exact indices", () => {
  it("indices and estimates fill the first K entries of a longer buffer and leave the rest alone", () => {
    const policies = [
      new Ucb({ arms: 2 }),
      new Ucb1({ arms: 2 }),
      new KlUcb({ arms: 2 }),
      new BayesUcb({ arms: 2 }),
      new DiscountedUcb({ arms: 2, discount: 0.5 }),
      new SlidingWindowUcb({ arms: 2, window: 3 }),
    ]
    for (const p of policies) {
      p.update(0, 0.5)
      p.update(1, 1)
      const indices = p.indices(Float64Array.of(-1, -1, 7))
      const estimates = p.estimates(Float64Array.of(-1, -1, 7))
      expect(indices[2], p.name).toBe(7)
      expect(estimates[2], p.name).toBe(7)
      expect(Number.isFinite(indices[0]) && Number.isFinite(indices[1]), p.name).toBe(true)
      expect(estimates[0], p.name).toBeLessThan(estimates[1])
    }
  })

  it("Ucb: ln t with t ≥ 1, 1/√N refreshed for the played arm only, reset clears it", () => {
    const p = new Ucb({ arms: 3, c: 0.5 })
    expect(Array.from(p.indices(new Float64Array(3)))).toEqual([Infinity, Infinity, Infinity])
    p.update(0, 2)
    p.update(0, 4)
    p.update(2, 1)
    const t = 3
    const idx = p.indices(new Float64Array(3))
    expect(idx[0]).toBeCloseTo(3 + 0.5 * Math.sqrt(Math.log(t) / 2), 14)
    expect(idx[1]).toBe(Infinity)
    expect(idx[2]).toBeCloseTo(1 + 0.5 * Math.sqrt(Math.log(t) / 1), 14)
    expect(Array.from(p.counts)).toEqual([2, 0, 1])
    expect(Array.from(p.means)).toEqual([3, 0, 1])
    p.reset()
    expect(Array.from(p.counts)).toEqual([0, 0, 0])
    expect(Array.from(p.means)).toEqual([0, 0, 0])
    p.update(1, 0.25)
    p.update(1, 0.75)
    // a stale 1/√N of arm 0 or 2 would not show (their counts are 0), so check arm 1's own width after t = 2
    const after = p.indices(new Float64Array(3))
    expect([after[0], after[2]]).toEqual([Infinity, Infinity])
    expect(after[1]).toBeCloseTo(0.5 + 0.5 * Math.sqrt(Math.log(2) / 2), 14)
  })

  it("IndexPolicy: propensity 1/m on the m tied maxima, select draws among them, explain compares estimates", () => {
    const p = new Ucb({ arms: 4, c: 1 })
    expect(Array.from(p.probabilities())).toEqual([0.25, 0.25, 0.25, 0.25])
    p.update(1, 1)
    p.update(3, 1)
    expect(Array.from(p.probabilities())).toEqual([0.5, 0, 0.5, 0])
    const counts = tally(4000, 4, (r) => p.select(undefined, r))
    expect(counts[1] + counts[3]).toBe(0)
    expect(Math.abs(counts[0] / 4000 - 0.5)).toBeLessThan(0.03)
    p.update(0, 0)
    p.update(2, 0.5)
    // t = 4, every arm once: indices are the means plus the same bonus √(ln 4)
    expect(Array.from(p.probabilities())).toEqual([0, 0.5, 0, 0.5])
    expect(p.scores(undefined, createRng(1), new Float64Array(4))[2]).toBeCloseTo(0.5 + Math.sqrt(Math.log(4)), 14)
    expect(Array.from(p.estimates(new Float64Array(4)))).toEqual([0, 1, 0.5, 1])
    const e = p.explain(2)
    expect(e.kind).toBe("explore")
    expect(e.contributions[0].value).toBe(0.5)
    expect(e.contributions[1].value).toBeCloseTo(Math.sqrt(Math.log(4)), 14)
    expect(e.text).toBe(
      "Arm 2: estimate 0.5 + bonus 1.18 = index 1.68; arm 1 has the best estimate (1) but a smaller bonus: exploration",
    )
    expect(p.explain(3).kind).toBe("exploit")
  })

  it("KL-UCB: indices against scipy's brentq for fractional rewards, with and without the c·ln ln t term", () => {
    const history: [number, number][] = [
      [0, 0.2],
      [1, 0.25],
      [2, 0.1],
      [0, 0.9],
      [1, 0.75],
      [0, 0.4],
    ]
    const expected: [number, number[]][] = [
      [0, [0.917476516663, 0.956435464588, 0.903749623033]],
      [2, [0.963906299348, 0.986848390524, 0.973881260634]],
    ]
    for (const [c, values] of expected) {
      const p = new KlUcb({ arms: 3, c, precision: 1e-10 })
      for (const [arm, r] of history) p.update(arm, r)
      const index = p.indices(new Float64Array(3))
      for (let a = 0; a < 3; a++) expect(Math.abs(index[a] - values[a]), `c = ${c}, arm ${a}`).toBeLessThan(1e-9)
    }
    const fresh = new KlUcb({ arms: 2 })
    expect(Array.from(fresh.indices(new Float64Array(2)))).toEqual([Infinity, Infinity])
    // t = 1: ln 1 = 0, so the index is the mean itself (to the bisection's precision)
    fresh.update(0, 0.3)
    expect(Math.abs(fresh.indices(new Float64Array(2))[0] - 0.3)).toBeLessThan(1e-6)
  })

  it("klUcbIndex stops within the precision; bernoulliKl's values and clamps", () => {
    // exact: the root of 10·kl(0.5, q) = ln 100 (scipy brentq 0.8879087616458556)
    for (const precision of [0.05, 0.01, 1e-4]) {
      const q = klUcbIndex(0.5, 10, Math.log(100), precision)
      expect(Math.abs(q - 0.8879087616458556)).toBeLessThanOrEqual(precision / 2)
      expect(Math.abs(q - 0.8879087616458556)).toBeGreaterThan(0)
    }
    expect(klUcbIndex(0.5, 10, Math.log(100), 0.25)).toBe(0.875)
    expect(klUcbIndex(1, 3, 2)).toBe(1)
    expect(bernoulliKl(0.3, 0.6)).toBeCloseTo(0.3 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.4), 15)
    // q clamped to 1 − 1e-15 (or 1e-15): kl(1, 1) = −ln(1 − 1e-15) ≈ 1e-15, small but not 0
    for (const kl of [bernoulliKl(1, 1), bernoulliKl(0, 0)]) {
      expect(kl).toBeGreaterThan(0.5e-15)
      expect(kl).toBeLessThan(2e-15)
    }
    expect(bernoulliKl(1, 0)).toBeCloseTo(Math.log(1e15), 10)
  })

  it("Bayes-UCB: Beta posterior quantiles at 1 − 1/t and 1 − 1/(t (ln H)^c), against scipy's beta.ppf", () => {
    const play = (p: BayesUcb) => {
      p.update(0, 1)
      p.update(0, 0)
      p.update(1, 0.5)
      p.update(0, 1)
    }
    const plain = new BayesUcb({ arms: 3, priorAlpha: 2, priorBeta: 3 })
    play(plain)
    const a = plain.indices(new Float64Array(3))
    expect(Math.abs(a[0] - 0.649906434323)).toBeLessThan(1e-9)
    expect(Math.abs(a[1] - 0.585008371215)).toBeLessThan(1e-9)
    expect(a[2]).toBe(Infinity)
    const tuned = new BayesUcb({ arms: 3, priorAlpha: 2, priorBeta: 3, c: 1, horizon: 100 })
    play(tuned)
    const b = tuned.indices(new Float64Array(3))
    expect(Math.abs(b[0] - 0.783901286933)).toBeLessThan(1e-9)
    expect(Math.abs(b[1] - 0.750830237701)).toBeLessThan(1e-9)
    // a horizon below e counts as e (ln H = 1), so c changes nothing
    const short = new BayesUcb({ arms: 3, priorAlpha: 2, priorBeta: 3, c: 5, horizon: 2 })
    play(short)
    expect(Array.from(short.indices(new Float64Array(3)))).toEqual(Array.from(a))
    // the estimates are the posterior means (α₀ + S)/(α₀ + β₀ + N)
    expect(Array.from(plain.estimates(new Float64Array(3)))).toEqual([4 / 8, 2.5 / 6, 2 / 5])
  })

  it("betaQuantile: the ends and the argument check", () => {
    expect(betaQuantile(0, 2, 3)).toBe(0)
    expect(betaQuantile(1, 2, 3)).toBe(1)
    // Beta(1, 1) is uniform: the quantile is p itself, to the bisection's 1e-10
    expect(Math.abs(betaQuantile(0.3, 1, 1) - 0.3)).toBeLessThan(1e-10)
    for (const bad of [-0.1, 1.1, Number.NaN])
      expect(() => betaQuantile(bad, 1, 1)).toThrow(`betaQuantile: p must be in [0, 1], got ${bad}`)
  })

  it("discounted UCB: γ-weighted counts and sums, n_γ = Σ N_γ, arms decayed below 1e-12 count as untried", () => {
    const p = new DiscountedUcb({ arms: 3, discount: 0.5, c: 0.7 })
    p.update(0, 1)
    p.update(1, 0)
    p.update(0, 0.5)
    // N_γ = [0.25 + 1, 0.5, 0], S_γ = [0.25 + 0.5, 0, 0], n_γ = 1.75
    expect(Array.from(p.discountedCounts)).toEqual([1.25, 0.5, 0])
    expect(Array.from(p.discountedSums)).toEqual([0.75, 0, 0])
    const idx = p.indices(new Float64Array(3))
    expect(idx[0]).toBeCloseTo(0.6 + 0.7 * Math.sqrt(Math.log(1.75) / 1.25), 14)
    expect(idx[1]).toBeCloseTo(0 + 0.7 * Math.sqrt(Math.log(1.75) / 0.5), 14)
    expect(idx[2]).toBe(Infinity)
    expect(Array.from(p.estimates(new Float64Array(3)))).toEqual([0.6, 0, 0])
    // total weight below 1: ln max(1, n_γ) = 0, the index is the mean
    const light = new DiscountedUcb({ arms: 2, discount: 0.1 })
    light.update(0, 0.8)
    light.update(1, 0.4)
    // N_γ = [0.1, 1], n_γ = 1.1 > 1; one more step of arm 1 with γ = 0.1: [0.01, 1.1]
    light.update(1, 0.4)
    const li = light.indices(new Float64Array(2))
    expect(li[0]).toBeCloseTo(0.8 + Math.SQRT2 * Math.sqrt(Math.log(1.11) / 0.01), 10)
    const tiny = new DiscountedUcb({ arms: 2, discount: 1e-7, c: 1 })
    tiny.update(0, 1)
    tiny.update(1, 0.5)
    // N_γ(0) = 1e-7: still counted; the total 1 + 1e-7 is just above 1
    expect(tiny.indices(new Float64Array(2))[0]).toBeCloseTo(1 + Math.sqrt(Math.log(1 + 1e-7) / 1e-7), 6)
    tiny.update(1, 0.5)
    // N_γ(0) = 1e-14 < 1e-12: as good as untried, with estimate 0
    expect(tiny.indices(new Float64Array(2))[0]).toBe(Infinity)
    expect(tiny.estimates(new Float64Array(2))[0]).toBe(0)
    // exactly 1e-12 (1e-6 · 1e-6) is not below it: still counted
    const edge = new DiscountedUcb({ arms: 2, discount: 1e-6, c: 0 })
    edge.update(0, 0.5)
    edge.update(1, 1)
    edge.update(1, 1)
    expect(edge.discountedCounts[0]).toBe(1e-12)
    expect(edge.indices(new Float64Array(2))[0]).toBeCloseTo(0.5, 12)
    expect(edge.estimates(new Float64Array(2))[0]).toBeCloseTo(0.5, 12)
    const below = new DiscountedUcb({ arms: 2, discount: 0.5, c: 3 })
    below.update(0, 0.25)
    // one play: n_γ = 1, ln 1 = 0
    expect(below.indices(new Float64Array(2))[0]).toBe(0.25)
    below.reset()
    expect(Array.from(below.discountedCounts)).toEqual([0, 0])
    expect(Array.from(below.discountedSums)).toEqual([0, 0])
  })

  it("sliding-window UCB: statistics of the last τ plays, ln min(t, τ), arms outside the window first", () => {
    const p = new SlidingWindowUcb({ arms: 3, window: 3, c: 1 })
    p.update(0, 1)
    p.update(1, 0.5)
    expect(p.indices(new Float64Array(3))[0]).toBeCloseTo(1 + Math.sqrt(Math.log(2)), 14)
    p.update(1, 0.25)
    p.update(2, 0.75)
    // window: (1, 0.5), (1, 0.25), (2, 0.75); arm 0 left it
    const idx = p.indices(new Float64Array(3))
    expect(idx[0]).toBe(Infinity)
    expect(idx[1]).toBeCloseTo(0.375 + Math.sqrt(Math.log(3) / 2), 14)
    expect(idx[2]).toBeCloseTo(0.75 + Math.sqrt(Math.log(3)), 14)
    expect(Array.from(p.estimates(new Float64Array(3)))).toEqual([0, 0.375, 0.75])
    p.update(2, 0.25)
    p.update(0, 0)
    // window: (2, 0.75), (2, 0.25), (0, 0)
    expect(Array.from(p.estimates(new Float64Array(3)))).toEqual([0, 0, 0.5])
    expect(p.indices(new Float64Array(3))[1]).toBe(Infinity)
    p.reset()
    expect(Array.from(p.indices(new Float64Array(3)))).toEqual([Infinity, Infinity, Infinity])
    p.update(2, 0.5)
    expect(p.indices(new Float64Array(3))[2]).toBe(0.5)
  })

  it("RewardWindow: a ring of the last `size` pairs; an emptied arm's sum is exactly 0", () => {
    const w = new RewardWindow(2, 2)
    w.push(0, 0.1)
    expect(w.length).toBe(1)
    w.push(0, 0.2)
    w.push(1, 0.7)
    expect(w.length).toBe(2)
    expect(Array.from(w.counts)).toEqual([1, 1])
    expect(w.sums[0]).toBe(0.1 + 0.2 - 0.1)
    w.push(1, 0.3)
    // arm 0 emptied: its sum is reset to 0, not 0.1 + 0.2 − 0.1 − 0.2 (≈ 2.8e-17)
    expect(Array.from(w.counts)).toEqual([0, 2])
    expect(w.sums[0]).toBe(0)
    expect(w.sums[1]).toBe(1)
    w.push(0, 0.5)
    w.push(0, 0.25)
    w.push(1, 1)
    expect(Array.from(w.counts)).toEqual([1, 1])
    expect(Array.from(w.sums)).toEqual([0.25, 1])
    w.clear()
    expect(w.length).toBe(0)
    w.push(1, 0.5)
    w.push(0, 0.5)
    w.push(0, 0.5)
    expect(Array.from(w.counts)).toEqual([2, 0])
  })
})

describe("registry entries of the classic policies", () => {
  const types: [string, string][] = [
    ["ucb", "ucb-2"],
    ["ucb1", "ucb1"],
    ["kl-ucb", "kl-ucb"],
    ["bayes-ucb", "bayes-ucb"],
    ["discounted-ucb", "d-ucb-0.99"],
    ["sliding-window-ucb", "sw-ucb-1000"],
    ["epsilon-greedy", "eps-0.1"],
    ["greedy", "greedy"],
    ["optimistic", "optimistic-5"],
    ["softmax", "softmax-0.1"],
    ["gradient", "gradient-0.1"],
    ["exp3", "exp3-0.1"],
    ["explore-then-commit", "etc-10"],
    ["random", "random"],
    ["thompson", "thompson"],
    ["gaussian-thompson", "gaussian-thompson"],
    ["discounted-thompson", "d-thompson-0.99"],
    ["sliding-window-thompson", "sw-thompson-1000"],
  ]
  it.each(types)("%s: create takes the arms from the setting and the options from the config", (type, name) => {
    const d = POLICY_REGISTRY.find((p) => p.type === type)
    if (d === undefined) throw new Error(type)
    const checked = checkOptions(type, d.optionsSchema, {}) as Record<string, unknown>
    const options = Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== null))
    const setting = { arms: 3, seed: 4, features: () => 2, users: () => 2 }
    const create = (o: Record<string, unknown>) =>
      (d as unknown as { create(o: unknown, s: unknown): Policy<unknown> }).create(o, setting)
    const policy = create(options)
    expect(policy.nArms).toBe(3)
    expect(policy.name).toBe(name)
    expect(create({ ...options, name: "mine" }).name).toBe("mine")
    expect(policy.probabilities(undefined).length).toBe(3)
    if (type.includes("thompson")) expect(policy.config?.seed).toBe(4)
  })
})

describe("value-based policies: exact probabilities and updates", () => {
  it("ε-greedy: ε/K everywhere plus (1 − ε)/m on the m best; ε_t = ε/(1 + decay·t); constant or 1/N steps", () => {
    const p = new EpsilonGreedy({ arms: 4, epsilon: 0.2 })
    expect(Array.from(p.probabilities())).toEqual([0.05 + 0.2, 0.05 + 0.2, 0.05 + 0.2, 0.05 + 0.2])
    p.update(2, 3)
    p.update(2, 1)
    p.update(1, 2)
    expect(Array.from(p.values)).toEqual([0, 2, 2, 0])
    expect(Array.from(p.counts)).toEqual([0, 1, 2, 0])
    expect(Array.from(p.probabilities())).toEqual([0.05, 0.05 + 0.4, 0.05 + 0.4, 0.05])
    const decaying = new EpsilonGreedy({ arms: 2, epsilon: 0.6, decay: 0.5, stepSize: 0.25, initialValue: 1 })
    expect(decaying.currentEpsilon()).toBe(0.6)
    decaying.update(0, 3)
    decaying.update(0, 3)
    expect(decaying.currentEpsilon()).toBe(0.6 / 2)
    // Q ← Q + 0.25 (R − Q): 1 → 1.5 → 1.875
    expect(Array.from(decaying.values)).toEqual([1.875, 1])
    expect(Array.from(decaying.probabilities())).toEqual([0.15 + 0.7, 0.15])
    decaying.reset()
    expect(Array.from(decaying.values)).toEqual([1, 1])
    expect(Array.from(decaying.counts)).toEqual([0, 0])
    expect(decaying.currentEpsilon()).toBe(0.6)
  })

  it("ε-greedy's coin: a 32-bit word below ε·2³² explores; with ε = 0 no word is drawn", () => {
    const p = new EpsilonGreedy({ arms: 4, epsilon: 0.5 })
    for (const [arm, r] of [
      [0, 0.1],
      [1, 0.2],
      [2, 0.3],
      [3, 1],
    ])
      p.update(arm, r)
    const words = (ws: number[]): Rng => {
      let i = 0
      const word = (): number => {
        if (i >= ws.length) throw new Error("drew more words than scripted")
        return ws[i++]
      }
      return { next: () => word() / 4294967296, nextUint32: word }
    }
    // coin word 2³¹ − 1 < 0.5·2³²: explore, the next word picks arm 1 (word & 3)
    expect(p.select(undefined, words([2147483647, 1]))).toBe(1)
    expect(p.explain(1).kind).toBe("explore")
    // coin word 2³¹ = 0.5·2³²: not below, so exploit the best arm 3 (no tie, no further draw)
    expect(p.select(undefined, words([2147483648]))).toBe(3)
    expect(p.explain(3).kind).toBe("exploit")
    expect(new EpsilonGreedy({ arms: 2 }).explain(0).kind).toBe("exploit")
    const greedy = new Greedy({ arms: 3 })
    greedy.update(1, 1)
    const rng = counting(3)
    for (let i = 0; i < 10; i++) expect(greedy.select(undefined, rng)).toBe(1)
    expect(rng.calls).toBe(0)
    expect(greedy.config.epsilon).toBe(0)
    const optimistic = new OptimisticGreedy({ arms: 2 })
    expect(optimistic.config).toEqual({ arms: 2, epsilon: 0, decay: 0, initialValue: 5, stepSize: 0.1 })
    optimistic.update(0, 1)
    expect(optimistic.values[0]).toBeCloseTo(5 + 0.1 * (1 - 5), 15)
    expect(new OptimisticGreedy({ arms: 2, epsilon: 0.3, initialValue: 2, stepSize: 0.5 }).config).toEqual({
      arms: 2,
      epsilon: 0.3,
      decay: 0,
      initialValue: 2,
      stepSize: 0.5,
    })
  })

  it("softmax: exp(Q/τ)/Σ exp(Q/τ) with τ_t = max(τ_min, τ/(1 + anneal·t)); no overflow for large Q/τ", () => {
    const p = new Softmax({ arms: 3, temperature: 0.5 })
    p.update(0, 1)
    p.update(1, 0.5)
    p.update(1, 1.5)
    // Q = [1, 1, 0]
    const z = 2 * Math.exp(2) + 1
    const probabilities = p.probabilities()
    expect(probabilities[0]).toBeCloseTo(Math.exp(2) / z, 15)
    expect(probabilities[1]).toBeCloseTo(Math.exp(2) / z, 15)
    expect(probabilities[2]).toBeCloseTo(1 / z, 15)
    // sampleIndex on the same vector: u just below p₀ gives arm 0, just above gives arm 1
    expect(p.select(undefined, constant(probabilities[0] - 1e-9))).toBe(0)
    expect(p.select(undefined, constant(probabilities[0] + 1e-9))).toBe(1)
    expect(p.select(undefined, constant(1 - 1e-9))).toBe(2)
    const annealed = new Softmax({ arms: 2, temperature: 2, anneal: 1, minTemperature: 0.5, stepSize: 0.5 })
    expect(annealed.currentTemperature()).toBe(2)
    annealed.update(0, 1)
    expect(annealed.currentTemperature()).toBe(1)
    expect(annealed.values[0]).toBe(0.5)
    annealed.update(1, -1)
    expect(annealed.currentTemperature()).toBeCloseTo(2 / 3, 15)
    annealed.update(1, -1)
    annealed.update(1, -1)
    expect(annealed.currentTemperature()).toBe(0.5)
    // Q = [0.5, −0.875], τ = 0.5
    expect(annealed.probabilities()[0]).toBeCloseTo(1 / (1 + Math.exp(-1.375 / 0.5)), 15)
    annealed.reset()
    expect(annealed.currentTemperature()).toBe(2)
    expect(Array.from(annealed.probabilities())).toEqual([0.5, 0.5])
    // the maximum is subtracted whatever arm holds it: exp(1/τ) = exp(1000) would overflow
    const steep = new Softmax({ arms: 2, temperature: 1e-3, initialValue: 1000, stepSize: 1 })
    steep.update(0, 1001)
    expect(Array.from(steep.probabilities())).toEqual([1, 0])
    const hot = new Softmax({ arms: 2, temperature: 1e-3, initialValue: 1000 })
    hot.update(0, 1000.002)
    expect(hot.probabilities()[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 9)
    const e = hot.explain(1)
    expect(e.kind).toBe("explore")
    expect(e.score).toBeCloseTo(1 / (1 + Math.exp(2)), 9)
  })

  it("gradient bandit: H(a) ← H(a) + α(R − R̄)(1[a = A] − π(a)), R̄ including this reward; without baseline R̄ = 0", () => {
    const p = new GradientBandit({ arms: 3, alpha: 0.5 })
    p.update(0, 2)
    // R̄ = 2: R − R̄ = 0, nothing moves
    expect(Array.from(p.preferences)).toEqual([0, 0, 0])
    p.update(1, 4)
    // R̄ = 3, step 0.5·(4 − 3) = 0.5: H = [−1/6, 0.5 − 1/6, −1/6]
    expect(p.preferences[0]).toBeCloseTo(-0.5 / 3, 15)
    expect(p.preferences[1]).toBeCloseTo(0.5 - 0.5 / 3, 15)
    expect(p.preferences[2]).toBeCloseTo(-0.5 / 3, 15)
    const pi = p.probabilities()
    const z = 2 + Math.exp(0.5)
    expect(pi[0]).toBeCloseTo(1 / z, 15)
    expect(pi[1]).toBeCloseTo(Math.exp(0.5) / z, 15)
    expect(p.select(undefined, constant(0.999))).toBe(2)
    expect(p.select(undefined, constant(pi[0] + 1e-9))).toBe(1)
    p.update(2, 0)
    // R̄ = 2, step 0.5·(0 − 2) = −1 against the π above
    expect(p.preferences[2]).toBeCloseTo(-0.5 / 3 - 1 + pi[2], 14)
    expect(p.preferences[0]).toBeCloseTo(-0.5 / 3 + pi[0], 14)
    const raw = new GradientBandit({ arms: 2, alpha: 0.5, baseline: false })
    raw.update(0, 2)
    // step 0.5·2 = 1 against π = [1/2, 1/2]
    expect(Array.from(raw.preferences)).toEqual([0.5, -0.5])
    expect(raw.probabilities()[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15)
    raw.reset()
    expect(Array.from(raw.preferences)).toEqual([0, 0])
    expect(Array.from(raw.probabilities())).toEqual([0.5, 0.5])
    raw.update(1, 2)
    // after reset the baseline-free step again starts from π = [1/2, 1/2]
    expect(Array.from(raw.preferences)).toEqual([-0.5, 0.5])
    p.reset()
    p.update(0, 2)
    expect(Array.from(p.preferences)).toEqual([0, 0, 0])
    expect(p.explain(0).text).toBe("Arm 0 was drawn with probability 0.333, the highest: exploitation")
    // preferences ±1000: the maximum is subtracted before exp, so π = [1, 0] rather than NaN
    const steep = new GradientBandit({ arms: 2, alpha: 1, baseline: false })
    steep.update(0, 2000)
    expect(Array.from(steep.preferences)).toEqual([1000, -1000])
    expect(Array.from(steep.probabilities())).toEqual([1, 0])
  })

  it("EXP3: ln w_A += γ·(r/p_A)/K, p = (1 − γ)·w/Σw + γ/K", () => {
    const p = new Exp3({ arms: 3, gamma: 0.3 })
    expect(Array.from(p.probabilities())).toEqual([1 / 3, 1 / 3, 1 / 3])
    p.update(1, 1)
    const lw = (0.3 * (1 / (1 / 3))) / 3
    expect(p.logWeights[1]).toBeCloseTo(lw, 15)
    const w = Math.exp(lw)
    const probabilities = p.probabilities()
    expect(probabilities[1]).toBeCloseTo(0.7 * (w / (w + 2)) + 0.1, 15)
    expect(probabilities[0]).toBeCloseTo(0.7 * (1 / (w + 2)) + 0.1, 15)
    p.update(0, 0.5)
    expect(p.logWeights[0]).toBeCloseTo((0.3 * (0.5 / probabilities[0])) / 3, 15)
    p.update(2, 0)
    expect(p.logWeights[2]).toBe(0)
    expect(p.select(undefined, constant(0.999999))).toBe(2)
    const why = p.explain(2)
    expect(why.score).toBe(p.probabilities()[2])
    expect(why.kind).toBe("explore")
    expect(p.explain(1).kind).toBe("exploit")
    p.reset()
    expect(Array.from(p.logWeights)).toEqual([0, 0, 0])
    expect(Array.from(p.probabilities())).toEqual([1 / 3, 1 / 3, 1 / 3])
    // large log-weights do not overflow: the maximum is subtracted
    const big = new Exp3({ arms: 2, gamma: 1 })
    for (let i = 0; i < 2000; i++) big.update(0, 1)
    expect(Array.from(big.probabilities())).toEqual([0.5, 0.5])
    const sharp = new Exp3({ arms: 2, gamma: 0.9 })
    for (let i = 0; i < 2000; i++) sharp.update(0, 1)
    expect(sharp.probabilities()[0]).toBeCloseTo(0.1 + 0.45, 12)
    expect(Number.isFinite(sharp.logWeights[0])).toBe(true)
  })

  it("explore-then-commit and the random policy: propensities and explanations", () => {
    const p = new ExploreThenCommit({ arms: 2, explorations: 2 })
    expect(Array.from(p.probabilities())).toEqual([1, 0])
    const first = p.explain(0)
    expect(first.text).toBe("Arm 0 in round 1 of the 4-round phase that plays every arm 2 times in turn: exploration")
    expect(first.kind).toBe("explore")
    expect(first.combine).toBe("none")
    expect(first.contributions).toEqual([
      { label: "mean of the exploration phase", value: 0 },
      { label: "pulls in the exploration phase", value: 0 },
    ])
    p.update(0, 0.5)
    expect(Array.from(p.probabilities())).toEqual([0, 1])
    p.update(1, 1)
    p.update(0, 0.25)
    p.update(1, 0.5)
    expect(Array.from(p.means)).toEqual([0.375, 0.75])
    expect(Array.from(p.probabilities())).toEqual([0, 1])
    expect(p.select(undefined, createRng(1))).toBe(1)
    const e = p.explain(1)
    expect(e.kind).toBe("exploit")
    expect(e.text).toBe(
      "Committed after 4 rounds to arm 1, the best mean of the exploration phase (0.75): exploitation",
    )
    expect(e.contributions.map((c) => c.value)).toEqual([0.75, 2])
    // after the commit the statistics stop moving
    p.update(1, 0)
    expect(Array.from(p.means)).toEqual([0.375, 0.75])
    expect(Array.from(p.counts)).toEqual([2, 2])
    expect(() => p.explain(2)).toThrow("etc-2: arm must be an integer in [0, 1], got 2")
    const r = new RandomPolicy({ arms: 4 })
    expect(r.config).toEqual({ arms: 4 })
    expect(() => r.update(4, 1)).toThrow("random: arm must be an integer in [0, 3], got 4")
    expect(() => r.update(0, Number.NaN)).toThrow("random: reward must be finite, got NaN")
    expect(Array.from(r.probabilities())).toEqual([0.25, 0.25, 0.25, 0.25])
    const e2 = r.explain(3)
    expect(e2.text).toBe("Arm 3 was drawn uniformly at random (probability 0.25): exploration")
    expect(e2.score).toBe(0.25)
    expect(e2.kind).toBe("explore")
    expect(e2.combine).toBe("none")
    expect(e2.contributions).toEqual([{ label: "probability of arm 3", value: 0.25 }])
    expect(() => r.explain(4)).toThrow("random: arm must be an integer in [0, 3], got 4")
    const counts = tally(8000, 4, (g) => r.select(undefined, g))
    for (const c of counts) expect(Math.abs(c / 8000 - 0.25)).toBeLessThan(0.02)
  })
})

describe("Thompson samplers: exact posteriors, draws and propensities", () => {
  it("monteCarloProbabilities: the share of draws each arm wins, ties split, from its own seeded generator", () => {
    expect(Array.from(monteCarloProbabilities(3, 10, 0, (_r, out) => out.set([1, 3, 3])))).toEqual([0, 0.5, 0.5])
    expect(Array.from(monteCarloProbabilities(3, 4, 0, (_r, out) => out.set([-5, -Infinity, -2])))).toEqual([0, 0, 1])
    let d = 0
    const alternating = monteCarloProbabilities(2, 4, 0, (_r, out) => out.set(d++ % 4 === 0 ? [1, 0] : [0, 1]))
    expect(Array.from(alternating)).toEqual([0.25, 0.75])
    const uniform = (seed: number) => monteCarloProbabilities(2, 1000, seed, (r, out) => out.set([r.next(), 0.5]))
    expect(Array.from(uniform(4))).toEqual(Array.from(uniform(4)))
    const first = createRng(4, 0)
    let wins = 0
    for (let i = 0; i < 1000; i++) if (first.next() > 0.5) wins++
    expect(uniform(4)[0]).toBe(wins / 1000)
    expect(Array.from(uniform(5))).not.toEqual(Array.from(uniform(4)))
  })

  it("Beta Thompson: fractional updates of α, β; select is the argmax of the scores' draws; propensities match the integral", () => {
    const p = new BetaThompson({ arms: 2, probabilityDraws: 40000, seed: 9 })
    for (const [arm, r] of [
      [0, 1],
      [0, 1],
      [0, 0],
      [1, 0.5],
      [1, 0],
    ])
      p.update(arm, r)
    expect(Array.from(p.alpha)).toEqual([3, 1.5])
    expect(Array.from(p.beta)).toEqual([2, 2.5])
    // P(θ₀ > θ₁) for Beta(3, 2) vs Beta(1.5, 2.5): 0.7734375 (scipy quad)
    const probability = p.probabilities()[0]
    expect(Math.abs(probability - 0.773437500005)).toBeLessThan(4 * Math.sqrt((0.7734 * 0.2266) / 40000))
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(seed)
      const draws = p.scores(undefined, rng.clone(), new Float64Array(2))
      const arm = p.select(undefined, rng)
      expect(arm).toBe(draws[0] > draws[1] ? 0 : 1)
      expect(p.explain(arm).score).toBe(draws[arm])
      expect(p.explain(arm).contributions[0].value).toBe(arm === 0 ? 3 / 5 : 1.5 / 4)
    }
    p.reset()
    expect(Array.from(p.alpha)).toEqual([1, 1])
    expect(Array.from(p.beta)).toEqual([1, 1])
    // after reset the cached Gamma constants are the prior's: draws as from a fresh policy
    const fresh = new BetaThompson({ arms: 2, probabilityDraws: 40000, seed: 9 })
    expect(Array.from(p.scores(undefined, createRng(3), new Float64Array(2)))).toEqual(
      Array.from(fresh.scores(undefined, createRng(3), new Float64Array(2))),
    )
    const prior = new BetaThompson({ arms: 2, priorAlpha: 0.5, priorBeta: 4 })
    expect(Array.from(prior.alpha)).toEqual([0.5, 0.5])
    expect(Array.from(prior.beta)).toEqual([4, 4])
    expect(prior.config).toEqual({ arms: 2, priorAlpha: 0.5, priorBeta: 4, probabilityDraws: 2000, seed: 0 })
  })

  it("Beta Thompson's draws are Beta(α, β) draws, Gamma constants refreshed per arm, shapes below 1 boosted", () => {
    const p = new BetaThompson({ arms: 3, priorAlpha: 0.5, priorBeta: 0.75 })
    p.update(1, 1)
    p.update(2, 0.25)
    p.update(2, 1)
    const shapes = [
      [0.5, 0.75],
      [1.5, 0.75],
      [1.75, 1.5],
    ]
    expect(Array.from(p.alpha)).toEqual(shapes.map((s) => s[0]))
    expect(Array.from(p.beta)).toEqual(shapes.map((s) => s[1]))
    for (let seed = 0; seed < 10; seed++) {
      const probe = createRng(seed)
      const expected = shapes.map(([a, b]) => fastBeta(probe, a, b))
      expect(Array.from(p.scores(undefined, createRng(seed), new Float64Array(3)))).toEqual(expected)
    }
  })

  it("betaArgmax on any generator: one Beta(prior + successes, prior + failures) draw per arm of the row, the largest wins", () => {
    const opaque = (rng: Rng): Rng => ({ next: () => rng.next(), nextUint32: () => rng.nextUint32() })
    const priorAlpha = Float64Array.of(0.5, 2, 1)
    const priorBeta = Float64Array.of(0.25, 1, 3)
    // two rows of three arms; the second row is read
    const successes = Float64Array.of(9, 9, 9, 0, 1.5, 0)
    const failures = Float64Array.of(9, 9, 9, 0.5, 0, 2)
    let wins = 0
    for (let seed = 0; seed < 40; seed++) {
      const probe = createRng(seed)
      const expected = [0, 1, 2].map((a) =>
        fastBeta(probe, priorAlpha[a] + successes[3 + a], priorBeta[a] + failures[3 + a]),
      )
      const out = new Float64Array(3)
      const rng = createRng(seed)
      const arm = betaArgmax(opaque(rng), priorAlpha, priorBeta, successes, failures, 3, 3, out)
      expect(Array.from(out)).toEqual(expected)
      expect(arm).toBe(expected.indexOf(Math.max(...expected)))
      const next = rng.nextUint32()
      expect(next).toBe(probe.nextUint32())
      expect(betaArgmax(opaque(createRng(seed)), priorAlpha, priorBeta, successes, failures, 3, 3, null)).toBe(arm)
      // the lab's own generator takes the inline loop: the same arm and the same generator state
      const own = createRng(seed)
      expect(betaArgmax(own, priorAlpha, priorBeta, successes, failures, 3, 3, null)).toBe(arm)
      expect(own.nextUint32()).toBe(next)
      if (arm !== 0) wins++
    }
    expect(wins).toBeGreaterThan(0)
  })

  it("Gaussian Thompson: the normal posterior, select the argmax of m + s·z, propensities Φ((m₀ − m₁)/√(v₀ + v₁))", () => {
    const p = new GaussianThompson({
      arms: 2,
      priorMean: 0.5,
      priorSd: 2,
      noiseSd: 0.5,
      probabilityDraws: 40000,
      seed: 2,
    })
    p.update(0, 1)
    p.update(1, 0.9)
    p.update(0, 0.2)
    expect(Array.from(p.counts)).toEqual([2, 1])
    expect(Array.from(p.sums)).toEqual([1.2, 0.9])
    const means = [0.596969696969697, 0.876470588235294]
    const sds = [0.348155311911396, 0.485071250072666]
    const probability = p.probabilities()[0]
    // the Monte Carlo share, re-drawn here from the policy's own stream createRng(seed, 0)
    const stream = createRng(2, 0)
    let won = 0
    for (let d = 0; d < 40000; d++) {
      const x = means[0] + sds[0] * fastNormal(stream)
      if (x > means[1] + sds[1] * fastNormal(stream)) won++
    }
    expect(probability).toBeCloseTo(won / 40000, 12)
    expect(Math.abs(probability - 0.319852304798)).toBeLessThan(4 * Math.sqrt((0.32 * 0.68) / 40000))
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(seed)
      const probe = rng.clone()
      const draws = means.map((m, a) => m + sds[a] * fastNormal(probe))
      const arm = p.select(undefined, rng)
      expect(arm).toBe(draws[0] > draws[1] ? 0 : 1)
      // one normal per arm, no more
      expect(rng.nextUint32()).toBe(probe.nextUint32())
      const e = p.explain(arm)
      expect(e.score).toBeCloseTo(draws[arm], 12)
      expect(e.contributions[0].value).toBeCloseTo(means[arm], 14)
    }
    p.reset()
    expect(Array.from(p.counts)).toEqual([0, 0])
    expect(Array.from(p.sums)).toEqual([0, 0])
    const rng = createRng(8)
    const probe = rng.clone()
    const draws = [0.5 + 2 * fastNormal(probe), 0.5 + 2 * fastNormal(probe)]
    expect(p.select(undefined, rng)).toBe(draws[0] > draws[1] ? 0 : 1)
    expect(p.explain(0).contributions[0].value).toBe(0.5)
  })

  it("discounted and sliding-window Thompson: forgetting counts, posterior-mean explanations, argmax of the draws", () => {
    const d = new DiscountedThompson({ arms: 2, discount: 0.5, priorAlpha: 2, priorBeta: 1 })
    d.update(0, 1)
    d.update(1, 0.25)
    d.update(0, 0)
    // S = [0.25·1 + 0, 0.5·0.25], F = [0.25·0 + 1, 0.5·0.75]
    const mean = (s: number, f: number) => (2 + s) / (2 + s + 1 + f)
    const meansD = [mean(0.25, 1), mean(0.125, 0.375)]
    const w = new SlidingWindowThompson({ arms: 2, window: 2, priorAlpha: 2, priorBeta: 1 })
    w.update(0, 1)
    w.update(1, 0.25)
    w.update(0, 0)
    // window: (1, 0.25), (0, 0): S = [0, 0.25], F = [1, 0.75]
    const meansW = [mean(0, 1), mean(0.25, 0.75)]
    for (const [policy, means] of [
      [d, meansD],
      [w, meansW],
    ] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const rng = createRng(seed)
        const probe = rng.clone()
        const sf = policy === d ? [0.25, 1, 0.125, 0.375] : [0, 1, 0.25, 0.75]
        const draws = [fastBeta(probe, 2 + sf[0], 1 + sf[1]), fastBeta(probe, 2 + sf[2], 1 + sf[3])]
        const arm = policy.select(undefined, rng)
        expect(arm).toBe(draws[0] > draws[1] ? 0 : 1)
        const e = policy.explain(arm)
        expect(e.score).toBe(draws[arm])
        expect(e.contributions[0].value).toBeCloseTo(means[arm], 15)
      }
      const probabilities = policy.probabilities()
      expect(Array.from(policy.probabilities())).toEqual(Array.from(probabilities))
      policy.reset()
      expect(policy.explain(0).contributions[0].value).toBe(2 / 3)
    }
    expect(d.config).toEqual({ arms: 2, discount: 0.5, priorAlpha: 2, priorBeta: 1, probabilityDraws: 2000, seed: 0 })
    expect(w.config).toEqual({ arms: 2, window: 2, priorAlpha: 2, priorBeta: 1, probabilityDraws: 2000, seed: 0 })
  })

  it("forgetting Thompson propensities: the Monte Carlo share of Beta(α₀ + S, β₀ + F) wins", () => {
    // one arm far ahead: Beta(2 + 20, 1) against Beta(2, 1 + 20)
    const w = new SlidingWindowThompson({ arms: 2, window: 40, priorAlpha: 2, priorBeta: 1, probabilityDraws: 500 })
    for (let i = 0; i < 20; i++) {
      w.update(0, 1)
      w.update(1, 0)
    }
    expect(Array.from(w.probabilities())).toEqual([1, 0])
    // symmetric posteriors: about half each
    const d = new DiscountedThompson({ arms: 2, discount: 0.9, probabilityDraws: 4000, seed: 5 })
    expect(Math.abs(d.probabilities()[0] - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 4000))
    d.update(0, 1)
    d.update(1, 0)
    // Beta(1 + 0.9, 1) vs Beta(1, 1 + 1): P(X > Y) = 1 − E[(1 − X)²]... estimated against 20,000 fresh draws
    const rng = createRng(77)
    let wins = 0
    for (let i = 0; i < 20000; i++) if (fastBeta(rng, 1.9, 1) > fastBeta(rng, 1, 2)) wins++
    expect(Math.abs(d.probabilities()[0] - wins / 20000)).toBeLessThan(4 * Math.sqrt(0.25 / 4000 + 0.25 / 20000))
  })
})
