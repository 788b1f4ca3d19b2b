import { TooManyItemsetsError } from "../behavior/itemsets"
import type { Baskets } from "./baskets"
import { basketRules, TooManyRulesError, type BasketRuleOptions, type BasketRules } from "./basket-rules"

/** The most frequent itemsets a basket analysis mines (each also makes up to 2^size − 2 rules). */
export const MAX_BASKET_ITEMSETS = 100_000
/** The most candidate rules (see `ruleCandidates`). */
export const MAX_RULE_CANDIDATES = 200_000

/** The rules at `options`, or why they exceed the limits. */
function tryMine(baskets: Baskets, options: BasketRuleOptions): BasketRules | string {
  try {
    return basketRules(baskets, {
      ...options,
      maxItemsets: MAX_BASKET_ITEMSETS,
      maxRuleCandidates: MAX_RULE_CANDIDATES,
    })
  } catch (error) {
    if (error instanceof TooManyItemsetsError) return `more than ${MAX_BASKET_ITEMSETS} frequent itemsets (the limit)`
    if (error instanceof TooManyRulesError) return error.message
    throw error
  }
}

/**
 * `basketRules` within {@link MAX_BASKET_ITEMSETS} frequent itemsets and {@link MAX_RULE_CANDIDATES}
 * candidate rules: when the support asked for gives more, says so and names the smallest support
 * of the 1-2-5 ladder above it that fits (each try stops at the limit, so the search is cheap).
 * @throws Error "--min-support: 0.0001 gives more than 100000 frequent itemsets (the limit); 0.01 fits (812 itemsets)"
 * @example boundedBasketRules(baskets, { minSupport: 0.07 })
 */
export function boundedBasketRules(baskets: Baskets, options: BasketRuleOptions): BasketRules {
  const mined = tryMine(baskets, options)
  if (typeof mined !== "string") return mined
  for (const support of supportLadder(options.minSupport)) {
    const next = tryMine(baskets, { ...options, minSupport: support, minConfidence: 1 })
    if (typeof next !== "string")
      throw new Error(
        `--min-support: ${options.minSupport} gives ${mined}; ${support} fits (${next.itemsets.length} itemset${next.itemsets.length === 1 ? "" : "s"})`,
      )
  }
  throw new Error(`--min-support: ${options.minSupport} gives ${mined}`)
}

/** 1, 2, 5 × powers of ten above `x`, up to 1. */
function supportLadder(x: number): number[] {
  const out: number[] = []
  for (let e = Math.floor(Math.log10(x)); e <= 0; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(1))
      if (v > x && v <= 1) out.push(v)
    }
  }
  return out
}
