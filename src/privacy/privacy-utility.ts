import type { Rng } from "../random/rng"
import { privateInterestProfile } from "./interest-profile"
import { checkEpsilon } from "./parameters"

/** Recommendation quality at one privacy level, averaged over users (and repeats). */
export interface PrivacyUtilityPoint {
  /** ε of the local profile release; Infinity for the non-private profile. */
  epsilon: number
  /** Mean over users of Σ_{c ∈ top-k(released)} θ_c / Σ_{c ∈ top-k(θ)} θ_c, θ the true interest: 1 = oracle. */
  capturedInterest: number
  /** Standard error of capturedInterest across users. */
  standardError: number
  /** Mean |top-k(released) ∩ top-k(θ)| / k. */
  precision: number
}

/** Input of `privacyUtilityCurve`. */
export interface PrivacyUtilityInput {
  /** Observed category weights per user (counts of clicks, a time-decayed profile…). */
  profiles: readonly ArrayLike<number>[]
  /** True interest vector per user (the world's ground truth), same length as each profile. */
  truth: readonly ArrayLike<number>[]
  /** Privacy levels to evaluate. */
  epsilons: readonly number[]
  /** Number of categories recommended per user. */
  k: number
  /** Independent noise draws per ε (default 1). */
  repeats?: number
}

function topIndices(v: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: v.length }, (_, i) => i)
    .sort((a, b) => v[b] - v[a] || a - b)
    .slice(0, k)
}

/**
 * The privacy–utility curve of local-DP interest profiles: for each ε, every user releases
 * `privateInterestProfile(profile, ε)`, the recommender shows the k categories with the largest
 * released weight, and the quality is the share of the user's true interest those k categories
 * capture, relative to the best possible k. The first point is the non-private profile (ε = ∞).
 * @throws if the inputs disagree in size, k is out of range, or an ε is invalid
 * @example privacyUtilityCurve({ profiles, truth, epsilons: [0.5, 1, 2, 4], k: 3 }, rng)
 */
export function privacyUtilityCurve(input: PrivacyUtilityInput, rng: Rng): PrivacyUtilityPoint[] {
  const { profiles, truth, k } = input
  const repeats = input.repeats ?? 1
  if (profiles.length === 0 || profiles.length !== truth.length) {
    throw new Error(
      `privacyUtilityCurve: profiles and truth must be non-empty and of equal length (${profiles.length} vs ${truth.length})`,
    )
  }
  const nCat = profiles[0].length
  if (!Number.isInteger(k) || k < 1 || k > nCat)
    throw new Error(`privacyUtilityCurve: k must be an integer in [1, ${nCat}], got ${k}`)
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new Error(`privacyUtilityCurve: repeats must be a positive integer, got ${repeats}`)
  input.epsilons.forEach((e) => checkEpsilon(e, "privacyUtilityCurve"))
  const best = truth.map((t, u) => {
    if (t.length !== nCat || profiles[u].length !== nCat)
      throw new Error(
        `privacyUtilityCurve: user ${u} has vectors of length ${profiles[u].length} and ${t.length}, expected ${nCat}`,
      )
    return topIndices(t, k).reduce((s, c) => s + t[c], 0)
  })
  const evaluate = (epsilon: number, release: (u: number) => ArrayLike<number>, draws: number): PrivacyUtilityPoint => {
    const perUser = new Float64Array(profiles.length)
    let precision = 0
    for (let r = 0; r < draws; r++) {
      for (let u = 0; u < profiles.length; u++) {
        const chosen = topIndices(release(u), k)
        const trueTop = new Set(topIndices(truth[u], k))
        let mass = 0
        for (const c of chosen) {
          mass += truth[u][c]
          if (trueTop.has(c)) precision += 1 / k
        }
        perUser[u] += (best[u] > 0 ? mass / best[u] : 1) / draws
      }
    }
    let mean = 0
    for (const v of perUser) mean += v / perUser.length
    let ss = 0
    for (const v of perUser) ss += (v - mean) ** 2
    const sd = perUser.length > 1 ? Math.sqrt(ss / (perUser.length - 1)) : 0
    return {
      epsilon,
      capturedInterest: mean,
      standardError: sd / Math.sqrt(perUser.length),
      precision: precision / (draws * profiles.length),
    }
  }
  const points = [evaluate(Infinity, (u) => profiles[u], 1)]
  for (const epsilon of input.epsilons) {
    points.push(evaluate(epsilon, (u) => privateInterestProfile(profiles[u], { epsilon }, rng).noisy, repeats))
  }
  return points
}
