import { describe, expect, it } from "vitest"
import type { Rng } from "../../src/random/rng"
import { createRng, splitRng } from "../../src/random/rng"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { evaluateHoldout } from "../../src/recommenders/evaluate"
import { privateCategoryCounts } from "../../src/privacy/category-counts"
import { privateInterestProfile, projectToSimplex } from "../../src/privacy/interest-profile"
import { privateItemCounts } from "../../src/privacy/private-item-counts"
import { PrivateCategoryPopularity } from "../../src/privacy/private-category-popularity"
import { privacyUtilityCurve } from "../../src/privacy/privacy-utility"
import { centralPrivacyUtilityCurve } from "../../src/privacy/central-privacy-utility"

// Exact values of the private releases built on the Laplace mechanism, with the uniforms fixed: the
// statistical tests beside this file check the noise's distribution, which a sign flip of the noise or a
// changed branch keeps; these numbers (by hand, noted in the comments) do not. Laplace noise of scale b
// from the uniform u is b·ln(2u) below ½ and −b·ln(2 − 2u) above: +b ln 2 at 0.75, −b ln 2 at 0.25, 0 at ½.

/** A generator that returns the given uniforms in order (these releases only call next()). */
function fixedUniforms(...values: number[]): Rng {
  let i = 0
  return {
    next: () => {
      if (i >= values.length) throw new Error("fixedUniforms: ran out of values")
      return values[i++]
    },
    nextUint32: () => {
      throw new Error("fixedUniforms: nextUint32 is not used")
    },
  }
}

const LN2 = Math.LN2

describe("privateCategoryCounts, exactly", () => {
  // user 0: 5 events in categories 0, 1, 1, 2, 2 (the first 3 kept); user 1: 2, 0
  const users = [0, 0, 0, 0, 0, 1, 1]
  const cats = [0, 1, 1, 2, 2, 2, 0]

  it("adds the noise to the clipped counts: (2, 2, 1) + 6·(ln 2, −ln 2, 0) at ε = ½, three events a user", () => {
    const r = privateCategoryCounts(users, cats, 3, { epsilon: 0.5, maxPerUser: 3 }, fixedUniforms(0.75, 0.25, 0.5))
    expect(Array.from(r.clipped)).toEqual([2, 2, 1])
    expect(r.counts[0]).toBeCloseTo(2 + 6 * LN2, 12)
    expect(r.counts[1]).toBeCloseTo(2 - 6 * LN2, 12)
    expect(r.counts[2]).toBe(1)
  })

  it("keeps exactly maxPerUser events of a user: one each gives (1, 0, 1), four gives (2, 2, 2)", () => {
    const one = privateCategoryCounts(users, cats, 3, { epsilon: 1, maxPerUser: 1 }, createRng(1))
    expect(Array.from(one.clipped)).toEqual([1, 0, 1])
    expect(one.scale).toBe(1)
    const four = privateCategoryCounts(users, cats, 3, { epsilon: 2, maxPerUser: 4 }, createRng(1))
    expect(Array.from(four.clipped)).toEqual([2, 2, 2])
    expect(four.scale).toBe(2)
  })

  it("names the bad argument", () => {
    const rng = createRng(1)
    const run = (u: number[], c: number[], n: number, m: number) =>
      privateCategoryCounts(u, c, n, { epsilon: 1, maxPerUser: m }, rng)
    expect(() => run(users, cats, 3, 1.5)).toThrow(
      "privateCategoryCounts: maxPerUser must be a positive integer, got 1.5",
    )
    expect(() => run(users, cats, 0, 3)).toThrow("privateCategoryCounts: nCategories must be a positive integer, got 0")
    expect(() => run(users, cats, 2.5, 3)).toThrow("nCategories must be a positive integer, got 2.5")
    expect(() => run([0, 1], [0], 3, 3)).toThrow(
      "privateCategoryCounts: users and categories must have the same length (2 vs 1)",
    )
    expect(() => run([0, 0], [0, 3], 3, 3)).toThrow("privateCategoryCounts: category 3 of event 1 is outside [0, 3)")
    expect(() => run([0], [-1], 3, 3)).toThrow("category -1 of event 0 is outside [0, 3)")
    expect(() => run([0], [0.5], 3, 3)).toThrow("category 0.5 of event 0")
    expect(run([0], [2], 3, 3).clipped[2]).toBe(1)
    expect(Array.from(run([0, 1], [0, 0], 1, 1).clipped)).toEqual([2])
    expect(() => privateCategoryCounts(users, cats, 3, { epsilon: 0, maxPerUser: 3 }, rng)).toThrow(
      "privateCategoryCounts: epsilon must be a finite number > 0, got 0",
    )
  })
})

describe("privateInterestProfile, exactly", () => {
  it("normalises, adds Laplace(2/ε) and projects: (6, 0, 2, 2) at ε = 2 with noise (ln 2, −ln 2, 0, 0)", () => {
    const r = privateInterestProfile([6, 0, 2, 2], { epsilon: 2 }, fixedUniforms(0.75, 0.25, 0.5, 0.5))
    const noisy = [0.6 + LN2, -LN2, 0.2, 0.2]
    noisy.forEach((v, i) => expect(r.noisy[i]).toBeCloseTo(v, 12))
    // projection: θ from the sorted (1.2931, 0.2, 0.2, −0.6931): j = 0 gives θ = 0.2931, j = 1 gives (1.4931 − 1)/2 =
    // 0.2466 but 0.2 − 0.2466 < 0, so θ = 0.6 + ln 2 − 1 and the profile is (1, 0, 0, 0)
    expect(Array.from(r.profile, (x) => +x.toFixed(12))).toEqual([1, 0, 0, 0])
  })

  it("gives a user without weight the uniform profile before noise, and scales the noise by 2/ε", () => {
    const r = privateInterestProfile([0, 0, 0, 0], { epsilon: 4 }, fixedUniforms(0.75, 0.5, 0.5, 0.25))
    expect(r.noisy[0]).toBeCloseTo(0.25 + 0.5 * LN2, 12)
    expect(r.noisy[1]).toBe(0.25)
    expect(r.noisy[3]).toBeCloseTo(0.25 - 0.5 * LN2, 12)
  })

  it("projects onto the simplex exactly (Duchi et al. 2008): shifts by θ and cuts at 0", () => {
    // (0.9, 0.6, 0.3): θ = (1.8 − 1)/3 = 0.2667 keeps all three → (0.6333, 0.3333, 0.0333)
    const p = projectToSimplex([0.3, 0.9, 0.6])
    ;[0.3 - 0.8 / 3, 0.9 - 0.8 / 3, 0.6 - 0.8 / 3].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14))
    // (2, −1, 0.5): θ = 1 (j = 0); j = 1: (2.5 − 1)/2 = 0.75 but 0.5 − 0.75 < 0 → (1, 0, 0)
    expect(Array.from(projectToSimplex([2, -1, 0.5]))).toEqual([1, 0, 0])
  })

  it("names the bad argument", () => {
    expect(() => privateInterestProfile([], { epsilon: 1 }, createRng(1))).toThrow(
      "privateInterestProfile: weights must not be empty",
    )
    expect(() => privateInterestProfile([1, Infinity], { epsilon: 1 }, createRng(1))).toThrow(
      "privateInterestProfile: weight 1 must be finite and >= 0, got Infinity",
    )
    expect(() => privateInterestProfile([1], { epsilon: 0 }, createRng(1))).toThrow(
      "privateInterestProfile: epsilon must be a finite number > 0, got 0",
    )
  })
})

// user 0: items 0..3, user 1: items 1, 2, user 2: item 3
const train = interactionsFromTriples(3, 5, [0, 0, 0, 0, 1, 1, 2], [0, 1, 2, 3, 1, 2, 3])

describe("privateItemCounts, exactly", () => {
  it("clips a longer row by a partial Fisher–Yates on the given uniforms, then adds Lap(m/ε)", () => {
    // user 0 (4 items, m = 2): u = 0.6 swaps position 0 with 0 + ⌊0.6·4⌋ = 2 → keeps item 2; u = 0.9 swaps
    // position 1 with 1 + ⌊0.9·3⌋ = 3 → keeps item 3. Users 1 and 2 are within the cap. Scale 2/1.
    const rng = fixedUniforms(0.6, 0.9, 0.75, 0.25, 0.5, 0.75, 0.25)
    const r = privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 2 }, rng)
    expect(Array.from(r.exact)).toEqual([1, 2, 2, 2, 0])
    expect(Array.from(r.clipped)).toEqual([0, 1, 2, 2, 0])
    expect(r.scale).toBe(2)
    const noise = [2 * LN2, -2 * LN2, 0, 2 * LN2, -2 * LN2]
    noise.forEach((v, i) => expect(r.counts[i]).toBeCloseTo(r.clipped[i] + v, 12))
  })

  it("names the bad argument", () => {
    expect(() => privateItemCounts(train, { epsilon: 1, maxItemsPerUser: 2.5 }, createRng(1))).toThrow(
      "privateItemCounts: maxItemsPerUser must be a positive integer, got 2.5",
    )
    expect(() => privateItemCounts(train, { epsilon: -1, maxItemsPerUser: 2 }, createRng(1))).toThrow(
      "privateItemCounts: epsilon must be a finite number > 0, got -1",
    )
  })
})

describe("PrivateCategoryPopularity, exactly", () => {
  // items 0, 1 in category 0; 2, 3, 4 in category 1. Distinct users per item: (1, 2, 2, 2, 0).
  const itemCategory = [0, 0, 1, 1, 1]

  it("clamps the released counts at 0 and is uniform in a category whose released counts are all ≤ 0", () => {
    // m = 4 clips nobody; noise at ε = 1 (b = 4): (0, 0, −4 ln 2, −4 ln 2, −4 ln 2), and 4 ln 2 > 2
    const model = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1, maxItemsPerUser: 4 }).fit(
      train,
      fixedUniforms(0.5, 0.5, 0.25, 0.25, 0.25),
    )
    expect(model.name).toBe("category-popularity (ε = 1)")
    expect(model.releasedCounts_[2]).toBeCloseTo(2 - 4 * LN2, 12)
    expect(Array.from(model.withinCategory_)).toEqual([1 / 3, 2 / 3, 1 / 3, 1 / 3, 1 / 3])
    // user 1 (items 1, 2): shares (1 + 1)/(2 + 2) each
    const s = model.score(1)
    ;[1 / 6, 1 / 3, 1 / 6, 1 / 6, 1 / 6].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 14))
    expect(Array.from(model.score(3))).toEqual([1, 2, 0, 0, 0])
  })

  it("smooths the user's category shares by β: (n_uc + β)/(n_u + β·C)", () => {
    const model = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, smoothing: 0.5 }).fit(train)
    expect(model.name).toBe("category-popularity")
    // exact counts: category 0 (1, 2) → (1/3, 2/3); category 1 (2, 2, 0) → (1/2, 1/2, 0)
    // user 0 (items 0..3): (2 + 0.5)/(4 + 1) = 1/2 each; user 2 (item 3): (0.5/2, 1.5/2)
    const s0 = model.score(0)
    ;[1 / 6, 1 / 3, 1 / 4, 1 / 4, 0].forEach((v, i) => expect(s0[i]).toBeCloseTo(v, 14))
    const s2 = model.score(2)
    ;[1 / 12, 1 / 6, 3 / 8, 3 / 8, 0].forEach((v, i) => expect(s2[i]).toBeCloseTo(v, 14))
  })

  it("explains a known user's score as the product of the two shares, an unknown user's by the released count", () => {
    const model = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, smoothing: 0.5 }).fit(train)
    const e = model.explain(2, 3)
    expect(e.score).toBeCloseTo(3 / 8, 14)
    expect(e.combine).toBe("product")
    expect(e.kind).toBe("score")
    expect(e.contributions.map((c) => c.label)).toEqual([
      "your share of category 1 (1 of your items)",
      "#3's share of category 1's released popularity",
    ])
    expect(e.contributions[0].value).toBeCloseTo(0.75, 14)
    expect(e.contributions[1].value).toBeCloseTo(0.5, 14)
    expect(e.text).toBe(
      "Recommended because category 1 holds 75% of your interest and #3 has 50% of that category's popularity",
    )
    const other = model.explain(2, 0)
    expect(other.contributions[0].label).toBe("your share of category 0 (0 of your items)")
    expect(other.contributions[0].value).toBeCloseTo(0.25, 14)
    // user 0 holds items 0..3, two of them in category 0; the next user's first item (1) is not hers
    expect(model.explain(0, 0).contributions[0].label).toBe("your share of category 0 (2 of your items)")
    const unknown = model.explain(7, 1)
    expect(unknown.score).toBe(2)
    expect(JSON.stringify(unknown)).toContain("users (released count)")
  })

  it("names bad options and a catalogue of the wrong size", () => {
    const make = (o: object) => () => new PrivateCategoryPopularity({ itemCategory, nCategories: 2, ...o })
    expect(make({ maxItemsPerUser: 0 })).toThrow(
      "PrivateCategoryPopularity: maxItemsPerUser must be a positive integer, got 0",
    )
    expect(make({ smoothing: 0 })).toThrow("PrivateCategoryPopularity: smoothing must be a finite number > 0, got 0")
    expect(make({ smoothing: Infinity })).toThrow("smoothing must be a finite number > 0, got Infinity")
    expect(make({ nCategories: 0 })).toThrow("PrivateCategoryPopularity: nCategories must be a positive integer, got 0")
    expect(make({ nCategories: 1 })).toThrow(
      "PrivateCategoryPopularity: itemCategory[2] must be an integer in [0, 1), got 1",
    )
    expect(make({ itemCategory: [0, -1] })).toThrow("itemCategory[1] must be an integer in [0, 2), got -1")
    expect(make({ seed: -1 })).toThrow("PrivateCategoryPopularity: seed must be a non-negative integer, got -1")
    expect(make({ seed: 0.5 })).toThrow("seed must be a non-negative integer, got 0.5")
    expect(make({ epsilon: 0 })).toThrow("PrivateCategoryPopularity: epsilon must be a finite number > 0, got 0")
    expect(() => new PrivateCategoryPopularity({ itemCategory: [0, 1], nCategories: 2 }).fit(train)).toThrow(
      "PrivateCategoryPopularity.fit: itemCategory has 2 entries for 5 items",
    )
    expect(make({ maxItemsPerUser: 1 })().config.maxItemsPerUser).toBe(1)
    const seeded = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1, seed: 3 })
    expect(seeded.config).toMatchObject({ maxItemsPerUser: 10, smoothing: 1, seed: 3 })
  })

  it("draws its noise from createRng(seed) when fit gets no generator", () => {
    const a = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1, seed: 5 }).fit(train)
    const b = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 1 }).fit(train, createRng(5))
    expect(Array.from(a.releasedCounts_)).toEqual(Array.from(b.releasedCounts_))
  })
})

describe("privacyUtilityCurve, exactly", () => {
  // user 0: profile (3, 1, 0), truth (0.5, 0.3, 0.2); user 1: profile (0, 0, 2), truth (0.1, 0.2, 0.7); k = 1
  const input = {
    profiles: [
      [3, 1, 0],
      [0, 0, 2],
    ],
    truth: [
      [0.5, 0.3, 0.2],
      [0.1, 0.2, 0.7],
    ],
    epsilons: [1],
    k: 1,
    repeats: 2,
  }

  it("averages the captured share of the best k over draws, then over users (by hand)", () => {
    // ε = 1: b = 2; u = 0.95 gives +2 ln 10 = 4.6. Draw 1: user 0's noise (0, 4.6, 0) picks category 1 (0.3/0.5 = 0.6),
    // user 1 keeps category 2 (1). Draw 2: user 0 keeps category 0 (1); user 1's noise (4.6, 0, 0) picks 0 (0.1/0.7).
    const rng = fixedUniforms(0.5, 0.95, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.95, 0.5, 0.5)
    const [exact, noisy] = privacyUtilityCurve(input, rng)
    expect(exact).toEqual({ epsilon: Infinity, capturedInterest: 1, standardError: 0, precision: 1 })
    // per user: (0.6 + 1)/2 = 0.8 and (1 + 1/7)/2 = 4/7; with two users the standard error is half their gap
    expect(noisy.epsilon).toBe(1)
    expect(noisy.capturedInterest).toBeCloseTo((0.8 + 4 / 7) / 2, 14)
    expect(noisy.standardError).toBeCloseTo((0.8 - 4 / 7) / 2, 14)
    expect(noisy.precision).toBeCloseTo(0.5, 14)
  })

  it("counts a user with no true interest as fully served, and one user has no standard error", () => {
    const one = privacyUtilityCurve(
      { profiles: [[1, 0]], truth: [[0, 0]], epsilons: [2], k: 2 },
      fixedUniforms(0.25, 0.75),
    )
    expect(one.map((p) => p.capturedInterest)).toEqual([1, 1])
    expect(one.map((p) => p.standardError)).toEqual([0, 0])
    expect(one.map((p) => p.precision)).toEqual([1, 1])
  })

  it("breaks ties in the released weights by the lower category, and takes the sample sd over three users", () => {
    // user 0's profile ties categories 0 and 1 (k = 1): category 0 (truth 0.2 of the best 0.5) is shown
    const tied = privacyUtilityCurve(
      {
        profiles: [
          [1, 1, 0],
          [0, 0, 1],
          [0, 0, 1],
        ],
        truth: [
          [0.2, 0.5, 0.3],
          [0.1, 0.2, 0.7],
          [0.5, 0.3, 0.2],
        ],
        epsilons: [],
        k: 1,
      },
      createRng(1),
    )
    // per user: 0.4, 1, 0.4; mean 0.6, sample sd √((0.04 + 0.16 + 0.04)/2) = √0.12, standard error √0.04 = 0.2
    expect(tied[0].capturedInterest).toBeCloseTo(0.6, 14)
    expect(tied[0].standardError).toBeCloseTo(0.2, 14)
    expect(tied[0].precision).toBeCloseTo(1 / 3, 14)
  })

  it("names the bad argument", () => {
    const rng = createRng(1)
    expect(() =>
      privacyUtilityCurve(
        {
          ...input,
          profiles: [
            [3, 1, 0],
            [0, 2],
          ],
        },
        rng,
      ),
    ).toThrow("privacyUtilityCurve: user 1 has vectors of length 2 and 3, expected 3")
    expect(() => privacyUtilityCurve({ ...input, truth: [[1, 0, 0]] }, rng)).toThrow(
      "privacyUtilityCurve: profiles and truth must be non-empty and of equal length (2 vs 1)",
    )
    expect(() => privacyUtilityCurve({ ...input, profiles: [], truth: [] }, rng)).toThrow("(0 vs 0)")
    expect(() => privacyUtilityCurve({ ...input, k: 4 }, rng)).toThrow(
      "privacyUtilityCurve: k must be an integer in [1, 3], got 4",
    )
    expect(() => privacyUtilityCurve({ ...input, k: 0 }, rng)).toThrow("k must be an integer in [1, 3], got 0")
    expect(() => privacyUtilityCurve({ ...input, repeats: 0 }, rng)).toThrow(
      "privacyUtilityCurve: repeats must be a positive integer, got 0",
    )
    expect(() => privacyUtilityCurve({ ...input, epsilons: [1, -1] }, rng)).toThrow(
      "privacyUtilityCurve: epsilon must be a finite number > 0, got -1",
    )
    expect(() =>
      privacyUtilityCurve(
        {
          ...input,
          truth: [
            [1, 0, 0],
            [1, 0],
          ],
        },
        rng,
      ),
    ).toThrow("privacyUtilityCurve: user 1 has vectors of length 3 and 2, expected 3")
  })
})

describe("centralPrivacyUtilityCurve, exactly", () => {
  // three users, five items; held out: user 0 item 4, user 1 item 0, user 2 item 1
  const test = interactionsFromTriples(3, 5, [0, 1, 2], [4, 0, 1])
  const itemCategory = [0, 0, 1, 1, 1]
  const base = { train, test, itemCategory, nCategories: 2 }

  it("is the mean and sample sd over draws of evaluateHoldout of models fitted on split generators", () => {
    const curve = centralPrivacyUtilityCurve(
      { ...base, epsilons: [0.5], repeats: 3, k: 2, maxItemsPerUser: 3 },
      createRng(9),
    )
    const exact = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, maxItemsPerUser: 3 }).fit(train)
    const exactReport = evaluateHoldout(exact, train, test, 2)
    expect(curve[0]).toEqual({
      epsilon: Infinity,
      recall: exactReport.recall,
      recallSd: 0,
      ndcg: exactReport.ndcg,
      ndcgSd: 0,
      countError: 0,
    })
    const rng = createRng(9)
    const recalls: number[] = []
    const ndcgs: number[] = []
    let l1 = 0
    for (let r = 0; r < 3; r++) {
      const m = new PrivateCategoryPopularity({ itemCategory, nCategories: 2, maxItemsPerUser: 3, epsilon: 0.5 }).fit(
        train,
        splitRng(rng),
      )
      const rep = evaluateHoldout(m, train, test, 2)
      recalls.push(rep.recall)
      ndcgs.push(rep.ndcg)
      for (let i = 0; i < 5; i++) l1 += Math.abs(m.releasedCounts_[i] - exact.releasedCounts_[i])
    }
    const mean = (v: number[]) => (v[0] + v[1] + v[2]) / 3
    const sd = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / 2)
    expect(recalls.some((r) => r !== recalls[0])).toBe(true)
    expect(curve[1].epsilon).toBe(0.5)
    expect(curve[1].recall).toBeCloseTo(mean(recalls), 14)
    expect(curve[1].recallSd).toBeCloseTo(sd(recalls), 14)
    expect(curve[1].ndcg).toBeCloseTo(mean(ndcgs), 14)
    expect(curve[1].ndcgSd).toBeCloseTo(sd(ndcgs), 14)
    // Σ_i n_i = 7 distinct (user, item) pairs
    expect(curve[1].countError).toBeCloseTo(l1 / 7 / 3, 12)
  })

  it("defaults to k = 10, ten items a user and three draws; one draw has sd 0", () => {
    const curve = centralPrivacyUtilityCurve({ ...base, epsilons: [2] }, createRng(4))
    const rng = createRng(4)
    const recalls = [0, 1, 2].map(
      () =>
        evaluateHoldout(
          new PrivateCategoryPopularity({ itemCategory, nCategories: 2, epsilon: 2 }).fit(train, splitRng(rng)),
          train,
          test,
          10,
        ).recall,
    )
    expect(curve[1].recall).toBeCloseTo((recalls[0] + recalls[1] + recalls[2]) / 3, 14)
    // two draws: the sample sd is |a − b|/√2
    const two = centralPrivacyUtilityCurve({ ...base, epsilons: [2], repeats: 2 }, createRng(4))
    expect(two[1].recallSd).toBeCloseTo(Math.abs(recalls[0] - recalls[1]) / Math.SQRT2, 14)
    const single = centralPrivacyUtilityCurve({ ...base, epsilons: [2], repeats: 1 }, createRng(4))
    expect(single[1].recallSd).toBe(0)
    expect(single[1].ndcgSd).toBe(0)
  })

  it("names the bad argument", () => {
    expect(() => centralPrivacyUtilityCurve({ ...base, epsilons: [1], repeats: 1.5 }, createRng(1))).toThrow(
      "centralPrivacyUtilityCurve: repeats must be a positive integer, got 1.5",
    )
    expect(() => centralPrivacyUtilityCurve({ ...base, epsilons: [1], repeats: 0 }, createRng(1))).toThrow(
      "centralPrivacyUtilityCurve: repeats must be a positive integer, got 0",
    )
    expect(() => centralPrivacyUtilityCurve({ ...base, epsilons: [Infinity] }, createRng(1))).toThrow(
      "centralPrivacyUtilityCurve: epsilon must be a finite number > 0, got Infinity",
    )
  })
})
