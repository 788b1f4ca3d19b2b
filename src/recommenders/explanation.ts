import type { Contribution, Explanation } from "../schema/explanation"
import { byMagnitude, formatValue, joinPhrases } from "../schema/explanation"

/** How many contributions a sentence names (the rest stay in `contributions`). */
const SHOWN = 3

/**
 * The explanation of a recommender's `score` of `item` that is the sum of `contributions` (kept largest
 * magnitude first): the sentence is `lead` followed by the top three contributions' labels, or `empty`
 * when there is none.
 * @example additiveExplanation(12, 0.74, [{ label: "#7 (similarity 0.41 × 1)", value: 0.41 }], "Recommended because you interacted with", "no evidence")
 * @internal
 */
export function additiveExplanation(
  item: number,
  score: number,
  contributions: readonly Contribution[],
  lead: string,
  empty: string,
): Explanation {
  const sorted = byMagnitude(contributions)
  const text = sorted.length === 0 ? empty : `${lead} ${joinPhrases(sorted.slice(0, SHOWN).map((c) => c.label))}`
  return { item, score, kind: "score", combine: "sum", contributions: sorted, text }
}

/**
 * The factor products x_uk·y_ik of a dot-product score x_u·y_i, one per latent factor k, labelled
 * "factor k (+0.41)", for `additiveExplanation`.
 * @internal
 */
export function factorContributions(
  userFactors: Float64Array,
  user: number,
  itemFactors: Float64Array,
  item: number,
  f: number,
): Contribution[] {
  const out: Contribution[] = []
  for (let k = 0; k < f; k++) {
    const value = userFactors[user * f + k] * itemFactors[item * f + k]
    out.push({ label: `latent factor ${k} (${value >= 0 ? "+" : ""}${formatValue(value)})`, value })
  }
  return out
}

/** The lead of a latent-factor explanation's sentence. */
export const FACTOR_LEAD = "Recommended because your taste and this item align on"

/**
 * The popularity explanation of `item` (the fall-back of every recommender for a user never seen):
 * `count` distinct users interacted with it.
 * @internal
 */
export function popularityExplanation(item: number, count: number, who = "users"): Explanation {
  return {
    item,
    score: count,
    kind: "score",
    combine: "sum",
    contributions: [{ label: `${who} who interacted with #${item}`, value: count }],
    text: `Recommended because it is popular: ${formatValue(count)} ${who} interacted with #${item}`,
  }
}
