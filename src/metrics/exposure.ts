/**
 * Exposure and popularity-bias metrics of recommendation lists: pure functions on plain arrays.
 * Sources: Singh & Joachims (2018), "Fairness of exposure in rankings", KDD (position-based
 * exposure); Steck (2018), "Calibrated recommendations", RecSys (calibration);
 * Abdollahpouri, Mansoury, Burke & Mobasher (2019), "The unfairness of popularity bias in
 * recommendation", RMSE workshop (average recommendation popularity, popularity lift).
 */

/**
 * The attention a list position gets: 1/log₂(r + 2) for rank r = 0, 1, … (the DCG discount, Singh &
 * Joachims' exposure model), or 1 for every position ("uniform").
 * @example positionExposure(3) // [1, 0.6309…, 0.5]
 */
export function positionExposure(k: number, model: "dcg" | "uniform" = "dcg"): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`positionExposure: k must be an integer >= 1, got ${k}`)
  return Float64Array.from({ length: k }, (_, r) => (model === "uniform" ? 1 : 1 / Math.log2(r + 2)))
}

/**
 * Total exposure of every item over all lists: Σ over lists and ranks r of weights[r]·[list[r] = i].
 * @throws on an item outside [0, nItems) or a list longer than the weights
 * @example itemExposure([[0, 1], [1, 2]], 3, positionExposure(2)) // [1, 1.6309…, 0.6309…]
 */
export function itemExposure(
  lists: readonly ArrayLike<number>[],
  nItems: number,
  weights: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(nItems)
  lists.forEach((list, u) => {
    if (list.length > weights.length)
      throw new Error(`itemExposure: list ${u} has ${list.length} items but only ${weights.length} position weights`)
    for (let r = 0; r < list.length; r++) {
      const i = list[r]
      if (!(Number.isInteger(i) && i >= 0 && i < nItems))
        throw new Error(`itemExposure: list ${u}, rank ${r} holds item ${i}, outside [0, ${nItems})`)
      out[i] += weights[r]
    }
  })
  return out
}

/**
 * Sums item values into groups (brands, categories, popularity tiers): out[g] = Σ_{i: group[i] = g} values[i].
 * @example groupTotals([1, 2, 3], [0, 1, 0], 2) // [4, 2]
 */
export function groupTotals(values: ArrayLike<number>, groupOf: ArrayLike<number>, nGroups: number): Float64Array {
  if (values.length !== groupOf.length)
    throw new Error(`groupTotals: ${values.length} values but ${groupOf.length} group labels`)
  const out = new Float64Array(nGroups)
  for (let i = 0; i < values.length; i++) {
    const g = groupOf[i]
    if (!(Number.isInteger(g) && g >= 0 && g < nGroups))
      throw new Error(`groupTotals: item ${i} is in group ${g}, outside [0, ${nGroups})`)
    out[g] += values[i]
  }
  return out
}

/**
 * The Gini coefficient of non-negative values: G = Σ_i Σ_j |x_i − x_j| / (2n²·x̄), computed from the
 * ascending sort as G = 2·Σ_i i·x_(i) / (n·Σx) − (n + 1)/n (i from 1). 0 when all are equal,
 * (n − 1)/n when one holds everything. Source: Gini (1912); the exposure Gini of Abdollahpouri et al.
 * @throws on a negative or non-finite value, or an empty or all-zero input
 * @example gini([0, 0, 0, 1]) // 0.75
 */
export function gini(values: ArrayLike<number>): number {
  const n = values.length
  if (n === 0) throw new Error("gini: values must not be empty")
  const sorted = Float64Array.from(values)
  for (let i = 0; i < n; i++) {
    if (!(sorted[i] >= 0 && Number.isFinite(sorted[i])))
      throw new Error(`gini: values[${i}] is ${sorted[i]}; values must be finite and >= 0`)
  }
  sorted.sort()
  let total = 0
  let weighted = 0
  for (let i = 0; i < n; i++) {
    total += sorted[i]
    weighted += (i + 1) * sorted[i]
  }
  if (total === 0) throw new Error("gini: values must not all be zero")
  return (2 * weighted) / (n * total) - (n + 1) / n
}

/**
 * A category distribution: Σ of `weights[r]` (default 1) over the items of a list by their category,
 * normalised to sum to 1 (Steck's p(c|u) from a history, or q(c|u) from a list with position weights).
 * @example categoryDistribution([0, 1, 1], [0, 1], 2) // [1/3, 2/3]
 */
export function categoryDistribution(
  items: ArrayLike<number>,
  categoryOf: ArrayLike<number>,
  nCategories: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(nCategories)
  let total = 0
  for (let r = 0; r < items.length; r++) {
    const c = categoryOf[items[r]]
    if (!(Number.isInteger(c) && c >= 0 && c < nCategories))
      throw new Error(`categoryDistribution: item ${items[r]} has category ${c}, outside [0, ${nCategories})`)
    const w = weights ? weights[r] : 1
    out[c] += w
    total += w
  }
  if (total === 0) throw new Error("categoryDistribution: the list is empty (or all weights are zero)")
  for (let c = 0; c < nCategories; c++) out[c] /= total
  return out
}

/**
 * Miscalibration of a list against a user's history (Steck 2018, eq. 4):
 * C_KL(p, q) = Σ_c p(c) log(p(c)/q̃(c)), q̃ = (1 − α)·q + α·p, so categories absent from the list stay
 * finite. 0 when the list has the history's category mix.
 * @example calibrationKl([0.5, 0.5], [1, 0]) // ≈ 0.5·ln(0.5/0.505) + 0.5·ln(0.5/0.005)
 */
export function calibrationKl(history: ArrayLike<number>, list: ArrayLike<number>, alpha = 0.01): number {
  if (history.length !== list.length)
    throw new Error(`calibrationKl: history has ${history.length} categories, the list ${list.length}`)
  if (!(alpha > 0 && alpha < 1)) throw new Error(`calibrationKl: alpha must be in (0, 1), got ${alpha}`)
  let kl = 0
  for (let c = 0; c < history.length; c++) {
    const p = history[c]
    if (p > 0) kl += p * Math.log(p / ((1 - alpha) * list[c] + alpha * p))
  }
  return kl
}

/**
 * Average recommendation popularity: the mean popularity (e.g. share of interactions) of the items in
 * the lists, ARP = (1/|U|) Σ_u (1/|L_u|) Σ_{i∈L_u} φ(i). Abdollahpouri et al.'s popularity lift is the
 * ARP of the lists over that of the users' profiles, minus 1.
 * @example averageRecommendationPopularity([[0, 1]], [0.5, 0.1]) // 0.3
 */
export function averageRecommendationPopularity(
  lists: readonly ArrayLike<number>[],
  popularity: ArrayLike<number>,
): number {
  if (lists.length === 0) throw new Error("averageRecommendationPopularity: lists must not be empty")
  let sum = 0
  lists.forEach((list, u) => {
    if (list.length === 0) throw new Error(`averageRecommendationPopularity: list ${u} is empty`)
    let s = 0
    for (let r = 0; r < list.length; r++) s += popularity[list[r]]
    sum += s / list.length
  })
  return sum / lists.length
}
