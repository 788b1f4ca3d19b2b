import { describe, expect, it } from "vitest"
import { basketRules, ruleCandidates, TooManyRulesError } from "../../src/retail/basket-rules"
import { boundedBasketRules, MAX_BASKET_ITEMSETS, MAX_RULE_CANDIDATES } from "../../src/retail/basket-limits"
import type { Baskets } from "../../src/retail/baskets"

/** `n` baskets holding items 0..k−1 and `rest` baskets holding item k alone. */
function baskets(k: number, n: number, rest: number): Baskets {
  const all = Int32Array.from({ length: k }, (_, i) => i)
  const list = [...Array.from({ length: n }, () => all), ...Array.from({ length: rest }, () => Int32Array.of(k))]
  return {
    items: Array.from({ length: k + 1 }, (_, i) => `item ${String(i).padStart(2, "0")}`),
    baskets: list,
    invoices: list.map((_, i) => String(i)),
  }
}

describe("basket analysis size limits", () => {
  it("counts candidate rules as Σ (2^m − 2): for all subsets of k items, 3^k − 2^(k+1) + 1", () => {
    const mined = basketRules(baskets(6, 3, 0), { minSupport: 0.5 })
    expect(mined.itemsets).toHaveLength(63)
    expect(ruleCandidates(mined.itemsets)).toBe(3 ** 6 - 2 ** 7 + 1)
    expect(mined.rules).toHaveLength(3 ** 6 - 2 ** 7 + 1) // minConfidence 0 keeps every candidate
    expect(() => basketRules(baskets(6, 3, 0), { minSupport: 0.5, maxRuleCandidates: 601 })).toThrow(TooManyRulesError)
  })

  it("refuses too many itemsets, naming the limit and the smallest support of the 1-2-5 ladder that fits", () => {
    expect(MAX_BASKET_ITEMSETS).toBe(100_000)
    // 17 items in 20 of 1000 baskets: 2^17 − 1 = 131071 itemsets of support 0.02; item 17 alone has 0.98.
    const b = baskets(17, 20, 980)
    expect(() => boundedBasketRules(b, { minSupport: 0.01 })).toThrow(
      "--min-support: 0.01 gives more than 100000 frequent itemsets (the limit); 0.05 fits (1 itemset)",
    )
    expect(boundedBasketRules(b, { minSupport: 0.05 }).itemsets).toHaveLength(1)
  })

  it("refuses too many candidate rules even when the itemsets fit", () => {
    expect(MAX_RULE_CANDIDATES).toBe(200_000)
    // 12 items together: 4095 itemsets, 3^12 − 2^13 + 1 = 523250 candidate rules.
    expect(() => boundedBasketRules(baskets(12, 10, 0), { minSupport: 0.5 })).toThrow(
      "--min-support: 0.5 gives 4095 frequent itemsets with 523250 candidate rules (the limit is 200000 rules)",
    )
    // 8 items: 6050 candidates fit, and every one is a rule at confidence 0.
    expect(boundedBasketRules(baskets(8, 10, 0), { minSupport: 0.5 }).rules).toHaveLength(3 ** 8 - 2 ** 9 + 1)
  })
})
