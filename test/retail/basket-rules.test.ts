import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { basketRules } from "../../src/retail/basket-rules"
import { buildBaskets, type Baskets } from "../../src/retail/baskets"
import { cleanRetail } from "../../src/retail/cleaning"

// Independent computation: pandas 1.5.3 + itertools by hand (test/retail/reference/basket.py): baskets = crosstab(InvoiceNo, item) > 0
// for France without POSTAGE; every combination of frequent single items counted by brute force (no Apriori pruning),
// rules = every split of every frequent itemset: 61 frequent itemsets (49 singles, 10 pairs, 2 triples), 32 rules;
// the strongest: ALARM CLOCK BAKELIKE RED → ALARM CLOCK BAKELIKE GREEN, support 0.08072916666666667,
// confidence 0.8378378378378378, lift 8.466571834992887.
describe("basketRules on France (min support 0.07, without POSTAGE)", () => {
  let baskets: Baskets
  beforeAll(async () => {
    baskets = buildBaskets(cleanRetail(await loadOnlineRetail()), { country: "France", exclude: ["POSTAGE"] })
  })

  it("finds the itemsets and rules pandas counts", () => {
    const r = basketRules(baskets, { minSupport: 0.07 })
    expect(r.baskets).toBe(384)
    expect(r.itemsets.length).toBe(61)
    const bySize = [1, 2, 3].map((s) => r.itemsets.filter((i) => i.items.length === s).length)
    expect(bySize).toEqual([49, 10, 2])
    expect(r.rules.length).toBe(32)
    const top = r.rules[0]
    expect(top.antecedent).toEqual(["ALARM CLOCK BAKELIKE RED"])
    expect(top.consequent).toEqual(["ALARM CLOCK BAKELIKE GREEN"])
    expect(top.support).toBeCloseTo(0.08072916666666667, 12)
    expect(top.confidence).toBeCloseTo(0.8378378378378378, 12)
    expect(top.lift).toBeCloseTo(8.466571834992887, 9)
  })

  it("Apriori and FP-growth give identical itemsets", () => {
    const a = basketRules(baskets, { minSupport: 0.05, algorithm: "apriori" })
    const f = basketRules(baskets, { minSupport: 0.05, algorithm: "fp-growth" })
    const key = (s: { items: string[]; count: number }): string => `${s.items.join("|")}#${s.count}`
    expect(a.itemsets.map(key).sort()).toEqual(f.itemsets.map(key).sort())
    expect(a.itemsets.length).toBeGreaterThan(61)
  })

  it("rejects thresholds outside their ranges", () => {
    expect(() => basketRules(baskets, { minSupport: 0 })).toThrow("min-support must be in (0, 1], got 0")
    expect(() => basketRules(baskets, { minSupport: 0.1, minConfidence: 2 })).toThrow(
      "min-confidence must be in [0, 1], got 2",
    )
  })
})
