import { describe, expect, it } from "vitest"
import { apriori } from "../../src/behavior/apriori"
import { associationRules } from "../../src/behavior/association-rules"
import { fpGrowth } from "../../src/behavior/fp-growth"
import { createRng } from "../../src/random/rng"

// The AllElectronics transactions of Han, Kamber & Pei, "Data Mining: Concepts and Techniques",
// 3rd ed., Table 6.1, with minimum support count 2 (Figure 6.2 lists the frequent itemsets).
const allElectronics = [
  ["I1", "I2", "I5"],
  ["I2", "I4"],
  ["I2", "I3"],
  ["I1", "I2", "I4"],
  ["I1", "I3"],
  ["I2", "I3"],
  ["I1", "I3"],
  ["I1", "I2", "I3", "I5"],
  ["I1", "I2", "I3"],
]
const textbook = [
  "I1:6",
  "I2:7",
  "I3:6",
  "I4:2",
  "I5:2",
  "I1,I2:4",
  "I1,I3:4",
  "I1,I5:2",
  "I2,I3:4",
  "I2,I4:2",
  "I2,I5:2",
  "I1,I2,I3:2",
  "I1,I2,I5:2",
]
const show = (sets: { items: unknown[]; count: number }[]) => sets.map((s) => `${s.items.join(",")}:${s.count}`)

/** Every subset of every transaction, counted: the brute-force reference. */
function bruteForce(transactions: number[][], minCount: number): string[] {
  const counts = new Map<string, number>()
  for (const t of transactions) {
    const items = Array.from(new Set(t)).sort((a, b) => a - b)
    for (let mask = 1; mask < 1 << items.length; mask++) {
      const key = items.filter((_, j) => (mask >>> j) & 1).join(",")
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  return Array.from(counts)
    .filter(([, c]) => c >= minCount)
    .map(([k, c]) => `${k}:${c}`)
    .sort()
}

describe("frequent itemsets", () => {
  it("Apriori and FP-growth reproduce the textbook's frequent itemsets (Han et al. Fig. 6.2)", () => {
    expect(show(apriori(allElectronics, { minSupport: 2 / 9 }))).toEqual(textbook)
    expect(show(fpGrowth(allElectronics, { minSupport: 2 / 9 }))).toEqual(textbook)
  })

  it("Apriori and FP-growth give identical itemsets on random baskets, equal to brute-force counting", () => {
    const rng = createRng(11)
    for (let trial = 0; trial < 5; trial++) {
      const baskets: number[][] = []
      for (let t = 0; t < 200; t++) {
        const size = 1 + Math.floor(rng.next() * 7)
        const basket: number[] = []
        // Skewed item popularity so that longer itemsets are frequent.
        for (let j = 0; j < size; j++) basket.push(Math.floor(15 * rng.next() ** 2))
        baskets.push(basket)
      }
      const minSupport = [0.02, 0.05, 0.1, 0.2, 0.3][trial]
      const a = apriori(baskets, { minSupport })
      const f = fpGrowth(baskets, { minSupport })
      expect(a).toEqual(f)
      expect(show(a).sort()).toEqual(bruteForce(baskets, Math.ceil(minSupport * 200 - 1e-9)))
      if (trial === 0) expect(a.some((s) => s.items.length >= 3)).toBe(true)
    }
  })

  it("maxLength caps the itemset size in both miners", () => {
    const a = apriori(allElectronics, { minSupport: 2 / 9, maxLength: 2 })
    expect(a).toEqual(fpGrowth(allElectronics, { minSupport: 2 / 9, maxLength: 2 }))
    expect(show(a)).toEqual(textbook.slice(0, 11))
  })

  it("numeric items sort numerically and duplicates within a basket count once", () => {
    const sets = fpGrowth([[10, 9, 10], [9, 10], [2]], { minSupport: 0.5 })
    expect(show(sets)).toEqual(["9:2", "10:2", "9,10:2"])
    expect(sets[2].support).toBeCloseTo(2 / 3, 15)
  })

  it("rejects bad input", () => {
    expect(() => apriori([], { minSupport: 0.1 })).toThrow(/transactions must not be empty/)
    expect(() => fpGrowth([["a"]], { minSupport: 0 })).toThrow(/minSupport must be in \(0, 1\], got 0/)
    expect(() => apriori([["a"]], { minSupport: 1.5 })).toThrow(/minSupport/)
    expect(() => apriori([["a"], [1]] as (string | number)[][], { minSupport: 0.5 })).toThrow(/mix strings and numbers/)
    expect(() => fpGrowth([[1, NaN]], { minSupport: 0.5 })).toThrow(/transactions\[0\] holds NaN/)
    expect(() => fpGrowth([[1]], { minSupport: 0.5, maxLength: 0 })).toThrow(/maxLength/)
  })
})

describe("associationRules", () => {
  it("gives the textbook's confidences for the itemset {I1, I2, I5} (Han et al. Example 6.4)", () => {
    const rules = associationRules(fpGrowth(allElectronics, { minSupport: 2 / 9 }), { minConfidence: 0 })
    const conf = (a: string[], c: string[]) =>
      rules.find((r) => r.antecedent.join() === a.join() && r.consequent.join() === c.join())?.confidence
    expect(conf(["I1", "I2"], ["I5"])).toBeCloseTo(2 / 4, 15)
    expect(conf(["I1", "I5"], ["I2"])).toBe(1)
    expect(conf(["I2", "I5"], ["I1"])).toBe(1)
    expect(conf(["I1"], ["I2", "I5"])).toBeCloseTo(2 / 6, 15)
    expect(conf(["I2"], ["I1", "I5"])).toBeCloseTo(2 / 7, 15)
    expect(conf(["I5"], ["I1", "I2"])).toBe(1)
    // 6 rules from each of the two 3-itemsets, 2 from each of the six pairs.
    expect(rules.length).toBe(6 * 2 + 2 * 6)
  })

  it("computes lift, leverage and conviction from the supports", () => {
    const rules = associationRules(fpGrowth(allElectronics, { minSupport: 2 / 9 }), { minConfidence: 0.5 })
    const r = rules.find((x) => x.antecedent.join() === "I1" && x.consequent.join() === "I3")
    // supp(I1,I3) = 4/9, supp(I1) = 6/9, supp(I3) = 6/9: conf = 2/3, lift = 1, leverage = 0, conviction = 1.
    expect(r).toBeDefined()
    expect(r?.confidence).toBeCloseTo(2 / 3, 15)
    expect(r?.lift).toBeCloseTo(1, 15)
    expect(r?.leverage).toBeCloseTo(0, 15)
    expect(r?.conviction).toBeCloseTo(1, 14)
    const sure = rules.find((x) => x.antecedent.join() === "I5" && x.consequent.join() === "I1,I2")
    expect(sure?.lift).toBeCloseTo(1 / (4 / 9), 14)
    expect(sure?.leverage).toBeCloseTo(2 / 9 - (2 / 9) * (4 / 9), 15)
    expect(sure?.conviction).toBe(Infinity)
    for (const x of rules) expect(x.confidence).toBeGreaterThanOrEqual(0.5)
    for (let i = 1; i < rules.length; i++) expect(rules[i].lift).toBeLessThanOrEqual(rules[i - 1].lift)
  })

  it("minLift filters, and incomplete itemset lists and bad thresholds are errors", () => {
    const sets = apriori(allElectronics, { minSupport: 2 / 9 })
    expect(associationRules(sets, { minConfidence: 0, minLift: 1.2 }).every((r) => r.lift >= 1.2)).toBe(true)
    expect(() => associationRules(sets, { minConfidence: 1.1 })).toThrow(/minConfidence must be in \[0, 1\]/)
    expect(() => associationRules(sets, { minLift: -1 })).toThrow(/minLift/)
    expect(() => associationRules(sets.filter((s) => s.items.length !== 1))).toThrow(/subsets of .* are missing/)
  })
})
