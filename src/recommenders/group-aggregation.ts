/** How a group's members' preferences are combined into one score per item (Masthoff 2011). */
export type GroupStrategy = "average" | "least-misery" | "most-pleasure"

/** The strategies of {@link aggregateGroup}, in the order of the docs. */
export const GROUP_STRATEGIES: readonly GroupStrategy[] = ["average", "least-misery", "most-pleasure"]

/**
 * A group's score of every item from its members' predicted preferences r_ui (rows of length
 * nItems in `preferences`, users × items):
 *   average        G_i = (1/|g|) Σ_{u∈g} r_ui,
 *   least misery   G_i = min_{u∈g} r_ui   (nobody is left unhappy),
 *   most pleasure  G_i = max_{u∈g} r_ui   (someone is delighted).
 * Source: Masthoff (2011), "Group recommender systems: combining individual models", in
 * Recommender Systems Handbook, ch. 21.
 * @throws when the group is empty or the strategy unknown
 * @example aggregateGroup(Float64Array.of(1, 4, 3, 2), 2, [0, 1], "least-misery") // [1, 2]
 */
export function aggregateGroup(
  preferences: Float64Array,
  nItems: number,
  members: ArrayLike<number>,
  strategy: GroupStrategy,
  out: Float64Array = new Float64Array(nItems),
): Float64Array {
  if (members.length === 0) throw new Error("aggregateGroup: the group has no members")
  if (!GROUP_STRATEGIES.includes(strategy))
    throw new Error(`aggregateGroup: strategy must be one of ${GROUP_STRATEGIES.join(", ")}, got ${String(strategy)}`)
  for (let i = 0; i < nItems; i++) {
    let acc = strategy === "least-misery" ? Infinity : strategy === "most-pleasure" ? -Infinity : 0
    for (let m = 0; m < members.length; m++) {
      const r = preferences[members[m] * nItems + i]
      if (strategy === "average") acc += r
      else if (strategy === "least-misery") acc = r < acc ? r : acc
      else acc = r > acc ? r : acc
    }
    out[i] = strategy === "average" ? acc / members.length : acc
  }
  return out
}

/** The item with the highest group score (ties to the smaller index). */
export function groupPick(
  preferences: Float64Array,
  nItems: number,
  members: ArrayLike<number>,
  strategy: GroupStrategy,
): number {
  const g = aggregateGroup(preferences, nItems, members, strategy)
  let best = 0
  for (let i = 1; i < nItems; i++) if (g[i] > g[best]) best = i
  return best
}

/** The satisfaction of a group with the item it was shown, measured on the members' true utilities. */
export interface GroupSatisfaction {
  /** Mean over groups of the members' average true utility of the group's item. */
  mean: number
  /** Mean over groups of the least-satisfied member's true utility. */
  min: number
}

/**
 * How satisfied groups are with the item a strategy picks from the members' *predicted*
 * preferences, judged on their *true* utilities u_ui (rows of length nItems, users × items; for
 * example a simulated world's click probabilities, used only for the metric): the mean over
 * groups of the members' average and of their minimum true utility of the pick.
 * @example groupSatisfaction(predicted, truth, 12, [[0, 1, 2]], "average")
 */
export function groupSatisfaction(
  predicted: Float64Array,
  truth: Float64Array,
  nItems: number,
  groups: readonly ArrayLike<number>[],
  strategy: GroupStrategy,
): GroupSatisfaction {
  let mean = 0
  let min = 0
  for (const members of groups) {
    const i = groupPick(predicted, nItems, members, strategy)
    let sum = 0
    let least = Infinity
    for (let m = 0; m < members.length; m++) {
      const u = truth[members[m] * nItems + i]
      sum += u
      least = u < least ? u : least
    }
    mean += sum / members.length
    min += least
  }
  return { mean: mean / groups.length, min: min / groups.length }
}
