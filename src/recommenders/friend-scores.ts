import type { InteractionHistory } from "../schema/interaction-history"
import type { SocialGraph } from "../schema/social-graph"

/**
 * "People you may know" scores of every user v for user u by common neighbours,
 *   CN(u, v) = |N(u) ∩ N(v)|,
 * counted by walking the two-step paths u → w → v; `out` (length nUsers) is overwritten, out[u] = 0.
 * Source: Liben-Nowell & Kleinberg (2007), "The link-prediction problem for social networks", JASIST 58.
 * @example commonNeighbourScores(graph, 0, new Float64Array(graph.nUsers))
 */
export function commonNeighbourScores(graph: SocialGraph, u: number, out: Float64Array): Float64Array {
  out.fill(0)
  const { offsets, neighbours } = graph
  for (let i = offsets[u]; i < offsets[u + 1]; i++) {
    const w = neighbours[i]
    for (let j = offsets[w]; j < offsets[w + 1]; j++) out[neighbours[j]] += 1
  }
  out[u] = 0
  return out
}

/**
 * Adamic–Adar scores of every user v for user u: common neighbours weighted by their rarity,
 *   AA(u, v) = Σ_{w ∈ N(u) ∩ N(v)} 1 / ln |N(w)|
 * (a common friend with few friends says more than a hub; |N(w)| ≥ 2 for any common neighbour).
 * Source: Adamic & Adar (2003), "Friends and neighbors on the Web", Social Networks 25;
 * Liben-Nowell & Kleinberg (2007).
 * @example adamicAdarScores(graph, 0, new Float64Array(graph.nUsers))
 */
export function adamicAdarScores(graph: SocialGraph, u: number, out: Float64Array): Float64Array {
  out.fill(0)
  const { offsets, neighbours } = graph
  for (let i = offsets[u]; i < offsets[u + 1]; i++) {
    const w = neighbours[i]
    const degree = offsets[w + 1] - offsets[w]
    if (degree < 2) continue
    const weight = 1 / Math.log(degree)
    for (let j = offsets[w]; j < offsets[w + 1]; j++) out[neighbours[j]] += weight
  }
  out[u] = 0
  return out
}

/**
 * Every user's smoothed click rate of every arm from a logged history (no ground truth),
 *   r_ua = (S_ua + κ·μ_a) / (n_ua + κ),   μ_a = (Σ_v S_va + 1) / (Σ_v n_va + 2),
 * shrunk toward the population's rate μ_a by κ = `smoothing` pseudo-showings: users × K rows
 * (K = history.nArms) and the population's rates.
 * @throws when `smoothing` is not > 0
 * @example const { rates, population } = smoothedClickRates(history, 5)
 */
export function smoothedClickRates(
  history: InteractionHistory,
  smoothing: number,
): { rates: Float64Array; population: Float64Array } {
  if (!(smoothing > 0)) throw new Error(`smoothedClickRates: smoothing must be > 0, got ${smoothing}`)
  const K = history.nArms
  const clicks = new Float64Array(history.nUsers * K)
  const shows = new Float64Array(history.nUsers * K)
  const totalClicks = new Float64Array(K)
  const totalShows = new Float64Array(K)
  for (let i = 0; i < history.user.length; i++) {
    const a = history.arm[i]
    const cell = history.user[i] * K + a
    clicks[cell] += history.reward[i]
    shows[cell] += 1
    totalClicks[a] += history.reward[i]
    totalShows[a] += 1
  }
  const population = Float64Array.from(totalClicks, (c, a) => (c + 1) / (totalShows[a] + 2))
  const rates = new Float64Array(history.nUsers * K)
  for (let cell = 0; cell < rates.length; cell++) {
    const mu = population[cell % K]
    rates[cell] = (clicks[cell] + smoothing * mu) / (shows[cell] + smoothing)
  }
  return { rates, population }
}

/**
 * Each user's interest profile learned from clicks: the smoothed click rate minus the
 * population's, x_ua = r_ua − μ_a ({@link smoothedClickRates}), so an arm a user was never shown
 * scores 0 and the profile says where the user clicks more (or less) than everyone.
 * Source: mean-centred profiles for user–user similarity, Herlocker, Konstan, Borchers & Riedl
 * (1999), "An algorithmic framework for performing collaborative filtering", SIGIR.
 * @example const x = clickProfiles(history, 5)
 */
export function clickProfiles(history: InteractionHistory, smoothing: number): Float64Array {
  const { rates, population } = smoothedClickRates(history, smoothing)
  const K = history.nArms
  for (let cell = 0; cell < rates.length; cell++) rates[cell] -= population[cell % K]
  return rates
}

/**
 * Cosine similarity of user u's profile with every user's (rows of length `dimension`); 0 for a
 * zero profile; `out` (length users) is overwritten, out[u] = 0.
 * @example profileSimilarityScores(clickProfiles(history, 5), history.nArms, 0, new Float64Array(history.nUsers))
 */
export function profileSimilarityScores(
  profiles: Float64Array,
  dimension: number,
  u: number,
  out: Float64Array,
): Float64Array {
  const n = profiles.length / dimension
  let nu = 0
  for (let k = 0; k < dimension; k++) nu += profiles[u * dimension + k] ** 2
  for (let v = 0; v < n; v++) {
    let dot = 0
    let nv = 0
    for (let k = 0; k < dimension; k++) {
      const x = profiles[v * dimension + k]
      dot += profiles[u * dimension + k] * x
      nv += x * x
    }
    out[v] = nu > 0 && nv > 0 ? dot / Math.sqrt(nu * nv) : 0
  }
  out[u] = 0
  return out
}
