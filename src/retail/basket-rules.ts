import { apriori } from "../behavior/apriori"
import { associationRules, type AssociationRule } from "../behavior/association-rules"
import { fpGrowth } from "../behavior/fp-growth"
import type { FrequentItemset, Item } from "../behavior/itemsets"
import type { Baskets } from "./baskets"

export interface BasketRuleOptions {
  /** Minimum support in (0, 1]. */
  minSupport: number
  /** Minimum confidence in [0, 1] (default 0: every rule of the frequent itemsets). */
  minConfidence?: number
  /** "fp-growth" (default) or "apriori": the same itemsets, different speed. */
  algorithm?: "fp-growth" | "apriori"
  /** Stop with a `TooManyItemsetsError` beyond this many frequent itemsets [unbounded]. */
  maxItemsets?: number
  /** Stop with a {@link TooManyRulesError} before making rules when the itemsets have more {@link ruleCandidates} [unbounded]. */
  maxRuleCandidates?: number
}

/**
 * The number of candidate rules of a family of itemsets: each itemset of m ≥ 2 items splits into
 * a non-empty antecedent and a non-empty consequent in 2^m − 2 ways.
 * @example ruleCandidates([{ items: ["a", "b", "c"], count: 2, support: 0.5 }]) // 6
 */
export function ruleCandidates<T extends Item>(itemsets: readonly FrequentItemset<T>[]): number {
  let n = 0
  for (const s of itemsets) if (s.items.length >= 2) n += 2 ** s.items.length - 2
  return n
}

/** Rules not made: the frequent itemsets have more candidate rules than the limit. */
export class TooManyRulesError extends Error {
  constructor(
    readonly itemsets: number,
    readonly candidates: number,
    readonly limit: number,
  ) {
    super(`${itemsets} frequent itemsets with ${candidates} candidate rules (the limit is ${limit} rules)`)
    this.name = "TooManyRulesError"
  }
}

/** Frequent itemsets and rules of a basket set, items by name. */
export interface BasketRules {
  readonly baskets: number
  readonly itemsets: FrequentItemset<string>[]
  readonly rules: AssociationRule<string>[]
}

/**
 * Mines frequent itemsets (FP-growth or Apriori) and association rules from baskets, with
 * support, confidence, lift, leverage and conviction; rules sorted by lift, then confidence.
 * @throws if minSupport is outside (0, 1] or minConfidence outside [0, 1]
 * @example basketRules(buildBaskets(clean, { country: "France", exclude: ["POSTAGE"] }), { minSupport: 0.07 })
 */
export function basketRules(baskets: Baskets, options: BasketRuleOptions): BasketRules {
  const { minSupport } = options
  const minConfidence = options.minConfidence ?? 0
  if (!(minSupport > 0 && minSupport <= 1)) throw new Error(`min-support must be in (0, 1], got ${minSupport}`)
  if (!(minConfidence >= 0 && minConfidence <= 1))
    throw new Error(`min-confidence must be in [0, 1], got ${minConfidence}`)
  if (baskets.baskets.length === 0) throw new Error("there are no baskets to mine (check --country and --exclude)")
  const transactions = baskets.baskets.map((b) => Array.from(b))
  const ids =
    options.algorithm === "apriori"
      ? apriori(transactions, { minSupport, maxItemsets: options.maxItemsets })
      : fpGrowth(transactions, { minSupport, maxItemsets: options.maxItemsets })
  const candidates = options.maxRuleCandidates === undefined ? 0 : ruleCandidates(ids)
  if (options.maxRuleCandidates !== undefined && candidates > options.maxRuleCandidates)
    throw new TooManyRulesError(ids.length, candidates, options.maxRuleCandidates)
  const name = (set: number[]): string[] => set.map((i) => baskets.items[i])
  const itemsets = ids.map((s) => ({ items: name(s.items), count: s.count, support: s.support }))
  const rules = associationRules(ids, { minConfidence }).map((r) => ({
    ...r,
    antecedent: name(r.antecedent),
    consequent: name(r.consequent),
  }))
  return { baskets: baskets.baskets.length, itemsets, rules }
}
