import { describe, expect, it } from "vitest"
import { apriori } from "../../src/behavior/apriori"
import { fpGrowth } from "../../src/behavior/fp-growth"
import { TooManyItemsetsError } from "../../src/behavior/itemsets"

// Five items bought together every time: every non-empty subset is frequent, 2^5 − 1 = 31 itemsets.
const together = Array.from({ length: 4 }, () => ["a", "b", "c", "d", "e"])

describe("maxItemsets", () => {
  for (const [name, mine] of [
    ["fpGrowth", fpGrowth],
    ["apriori", apriori],
  ] as const) {
    it(`${name} stops with TooManyItemsetsError beyond the limit, and mines everything within it`, () => {
      expect(mine(together, { minSupport: 0.5, maxItemsets: 31 })).toHaveLength(31)
      expect(() => mine(together, { minSupport: 0.5, maxItemsets: 30 })).toThrow(TooManyItemsetsError)
      expect(() => mine(together, { minSupport: 0.5, maxItemsets: 30 })).toThrow(
        "more than 30 frequent itemsets; raise minSupport or set maxLength",
      )
      expect(() => mine(together, { minSupport: 0.5, maxItemsets: 0 })).toThrow(
        `${name}: maxItemsets must be an integer >= 1, got 0`,
      )
    })
  }
})
