import type { SocialGraph } from "../schema/social-graph"
import { tieProbability, type FriendGraphModel } from "./friend-graph"

/** Mean interest similarity over the ties of a graph and over all pairs of users. */
export interface HomophilySummary {
  /** Mean cosine similarity of the interest vectors of friends, over the graph's ties. */
  tieMean: number
  /** Mean cosine similarity over all pairs u < v (the value for ties drawn at random). */
  pairMean: number
  /** Number of ties. */
  ties: number
}

/**
 * Measured homophily of a graph: the mean cosine similarity of interests over its ties against
 * the mean over all pairs (equal in expectation for an Erdős–Rényi graph; larger with homophily).
 * `unitInterests` holds unit-length rows (users × nCategories), as `FriendGraphModel.unitInterests`.
 * Source: the "similarity across edges vs random pairs" view of homophily, McPherson et al. (2001).
 * @example tieSimilarity(model.graph, model.unitInterests, model.nCategories).tieMean
 */
export function tieSimilarity(graph: SocialGraph, unitInterests: Float64Array, nCategories: number): HomophilySummary {
  const n = graph.nUsers
  const cos = (u: number, v: number): number => {
    let s = 0
    for (let k = 0; k < nCategories; k++) s += unitInterests[u * nCategories + k] * unitInterests[v * nCategories + k]
    return s
  }
  let tieSum = 0
  let ties = 0
  for (let u = 0; u < n; u++)
    for (let j = graph.offsets[u]; j < graph.offsets[u + 1]; j++) {
      const v = graph.neighbours[j]
      if (v > u) {
        tieSum += cos(u, v)
        ties++
      }
    }
  let pairSum = 0
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) pairSum += cos(u, v)
  return { tieMean: ties > 0 ? tieSum / ties : Number.NaN, pairMean: pairSum / ((n * (n - 1)) / 2), ties }
}

/**
 * The model's expected similarity of a tie, E[cos | tie] = Σ_{u<v} P(tie)·cos_uv / Σ_{u<v} P(tie):
 * the closed form that {@link tieSimilarity}'s `tieMean` estimates.
 * @example expectedTieSimilarity(model)
 */
export function expectedTieSimilarity(model: FriendGraphModel): number {
  const n = model.graph.nUsers
  const nc = model.nCategories
  const x = model.unitInterests
  let num = 0
  let den = 0
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++) {
      let c = 0
      for (let k = 0; k < nc; k++) c += x[u * nc + k] * x[v * nc + k]
      const p = tieProbability(model, u, v)
      num += p * c
      den += p
    }
  return num / den
}
