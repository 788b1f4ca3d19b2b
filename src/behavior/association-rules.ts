import type { FrequentItemset, Item } from "./itemsets"

/** A rule A → C between disjoint itemsets, with its interest measures. */
export interface AssociationRule<T extends Item> {
  antecedent: T[]
  consequent: T[]
  /** P(A ∪ C): share of transactions holding both sides. */
  support: number
  /** P(C | A) = supp(A ∪ C) / supp(A). */
  confidence: number
  /** confidence / supp(C): > 1 when A makes C more likely than its base rate. */
  lift: number
  /** supp(A ∪ C) − supp(A)·supp(C). */
  leverage: number
  /** (1 − supp(C)) / (1 − confidence); Infinity for a rule that always holds. */
  conviction: number
  antecedentSupport: number
  consequentSupport: number
}

/** Options of `associationRules`. */
export interface AssociationRuleOptions {
  /** Minimum confidence in [0, 1] [0.5]. */
  minConfidence?: number
  /** Minimum lift ≥ 0 [0]. */
  minLift?: number
}

/**
 * All rules A → C with A ∪ C a frequent itemset, A and C non-empty and disjoint, and confidence
 * and lift above the thresholds; sorted by lift, then confidence (descending), then support.
 * The itemsets must be the complete output of `apriori` or `fpGrowth` (every subset of a
 * frequent itemset is looked up).
 * Sources: Agrawal, Imieliński & Swami (SIGMOD 1993) for support and confidence; Brin et al.
 * (SIGMOD 1997) for lift ("interest") and conviction; Piatetsky-Shapiro (1991) for leverage.
 * @example associationRules(fpGrowth(baskets, { minSupport: 0.01 }), { minConfidence: 0.3, minLift: 1.2 })
 */
export function associationRules<T extends Item>(
  itemsets: ReadonlyArray<FrequentItemset<T>>,
  options: AssociationRuleOptions = {},
): AssociationRule<T>[] {
  const minConfidence = options.minConfidence ?? 0.5
  const minLift = options.minLift ?? 0
  if (!(minConfidence >= 0 && minConfidence <= 1))
    throw new Error(`associationRules: minConfidence must be in [0, 1], got ${minConfidence}`)
  if (!(minLift >= 0) || !Number.isFinite(minLift))
    throw new Error(`associationRules: minLift must be a finite number >= 0, got ${minLift}`)
  const key = (items: readonly T[]) => JSON.stringify(items)
  const support = new Map<string, number>()
  for (const s of itemsets) support.set(key(s.items), s.support)
  const rules: AssociationRule<T>[] = []
  for (const s of itemsets) {
    const m = s.items.length
    if (m < 2) continue
    if (m > 30) throw new Error(`associationRules: an itemset of ${m} items has too many subsets; lower maxLength`)
    const full = (1 << m) - 1
    for (let mask = 1; mask < full; mask++) {
      const antecedent: T[] = []
      const consequent: T[] = []
      for (let j = 0; j < m; j++) ((mask >>> j) & 1 ? antecedent : consequent).push(s.items[j])
      const sa = support.get(key(antecedent))
      const sc = support.get(key(consequent))
      if (sa === undefined || sc === undefined) {
        throw new Error(
          `associationRules: the subsets of ${key(s.items)} are missing; pass the complete output of apriori or fpGrowth`,
        )
      }
      const confidence = s.support / sa
      const lift = confidence / sc
      if (confidence < minConfidence - 1e-12 || lift < minLift) continue
      rules.push({
        antecedent,
        consequent,
        support: s.support,
        confidence,
        lift,
        leverage: s.support - sa * sc,
        conviction: confidence >= 1 ? Infinity : (1 - sc) / (1 - confidence),
        antecedentSupport: sa,
        consequentSupport: sc,
      })
    }
  }
  return rules.sort(
    (a, b) =>
      b.lift - a.lift ||
      b.confidence - a.confidence ||
      b.support - a.support ||
      (key(a.antecedent) < key(b.antecedent) ? -1 : key(a.antecedent) > key(b.antecedent) ? 1 : 0),
  )
}
