/**
 * Whether a score explains a ranking ("score": a recommender's score of an item) or a bandit's pick:
 * "exploit" when the picked arm is the one the policy currently believes best (its greedy arm), "explore"
 * when it was picked for what is still uncertain (a bonus, a posterior draw, a coin, a probability).
 */
export type ExplanationKind = "score" | "exploit" | "explore"

/**
 * How the contributions make the score: "sum" (score = Σ values, e.g. neighbours' similarity × rating,
 * latent factors' products, estimate + bonus), "product" (score = Π values) or "none" (the values are the
 * evidence read, e.g. a probability and the top probability, and do not compose the score).
 */
export type ExplanationCombine = "sum" | "product" | "none"

/** One term behind a score: a neighbour, a tag or feature, a latent factor, an estimate or a bonus. */
export interface Contribution {
  readonly label: string
  readonly value: number
}

/**
 * The human-readable "why recommended" of one item or arm (seed 001 §三, 004 §8.2: transparency): its
 * score, the terms behind it (largest magnitude first) and one sentence a user can read. Computed on demand
 * from a fitted model or a policy's state, never in a hot loop.
 * @example
 * const e = new ItemKnn().fit(train).explain(3, 12)
 * e.text // "Recommended because you interacted with #7 (similarity 0.41 × 1) and #2 (similarity 0.33 × 1)"
 */
export interface Explanation {
  /** The item (recommender) or arm (policy) explained. */
  readonly item: number
  readonly score: number
  readonly kind: ExplanationKind
  readonly combine: ExplanationCombine
  readonly contributions: readonly Contribution[]
  readonly text: string
}

/**
 * The contributions sorted by decreasing magnitude |value| (ties: the order given), a new array.
 * @example byMagnitude([{ label: "a", value: 0.1 }, { label: "b", value: -0.5 }])[0].label // "b"
 */
export function byMagnitude(contributions: readonly Contribution[]): Contribution[] {
  return contributions
    .map((c, i) => ({ c, i }))
    .sort((x, y) => Math.abs(y.c.value) - Math.abs(x.c.value) || x.i - y.i)
    .map((e) => e.c)
}

/**
 * A number for a sentence: 3 significant digits, "∞" for infinity.
 * @example formatValue(0.412345) // "0.412"
 */
export function formatValue(value: number): string {
  if (value === Infinity) return "∞"
  if (value === -Infinity) return "−∞"
  return Number(value.toPrecision(3)).toString()
}

/**
 * "a, b and c" from a list of phrases (the empty string for none).
 * @example joinPhrases(["#7", "#2", "#9"]) // "#7, #2 and #9"
 */
export function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join("")
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`
}
