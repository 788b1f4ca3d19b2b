import type { Rng } from "../random/rng"
import { socialGraphFromTies, type SocialGraph } from "../schema/social-graph"
import type { Ranked } from "./recommender"
import { topK } from "./top-k"

/** Fills `out` (length nUsers) with every user's score as a friend of user u. */
export type FriendScorer = (u: number, out: Float64Array) => Float64Array

/**
 * The k best new friends for user u: the highest scores among users who are neither u nor already
 * u's friends in `graph` (ties to the smaller id).
 * @example recommendFriends(graph, (u, out) => adamicAdarScores(graph, u, out), 0, 5)
 */
export function recommendFriends(graph: SocialGraph, scorer: FriendScorer, u: number, k: number): Ranked[] {
  const scores = scorer(u, new Float64Array(graph.nUsers))
  const candidates: number[] = []
  let next = graph.offsets[u]
  for (let v = 0; v < graph.nUsers; v++) {
    while (next < graph.offsets[u + 1] && graph.neighbours[next] < v) next++
    if (v !== u && !(next < graph.offsets[u + 1] && graph.neighbours[next] === v)) candidates.push(v)
  }
  return candidates.length > 0 ? topK(scores, Math.min(k, candidates.length), u, undefined, { candidates }) : []
}

/**
 * Splits a graph's ties at random: each tie goes to `test` with probability `fraction`, else to
 * `train` (one uniform per tie u < v, in order). The link-prediction protocol of Liben-Nowell &
 * Kleinberg (2007): predict the held-out ties from the rest.
 * @throws when fraction is outside (0, 1)
 * @example const { train, test } = holdOutTies(graph, 0.2, createRng(1))
 */
export function holdOutTies(graph: SocialGraph, fraction: number, rng: Rng): { train: SocialGraph; test: SocialGraph } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`holdOutTies: fraction must be in (0, 1), got ${fraction}`)
  const keep: [number[], number[]] = [[], []]
  const held: [number[], number[]] = [[], []]
  for (let u = 0; u < graph.nUsers; u++)
    for (let j = graph.offsets[u]; j < graph.offsets[u + 1]; j++) {
      const v = graph.neighbours[j]
      if (v <= u) continue
      const side = rng.next() < fraction ? held : keep
      side[0].push(u)
      side[1].push(v)
    }
  const build = (s: [number[], number[]]) =>
    socialGraphFromTies(graph.nUsers, Int32Array.from(s[0]), Int32Array.from(s[1]))
  return { train: build(keep), test: build(held) }
}

/**
 * Precision@k of friend recommendation: for every user with at least one held-out tie, the share
 * of the k users recommended from `train` that are held-out friends, averaged over those users,
 *   P@k = (1/|U|) Σ_{u∈U} |top_k(u) ∩ N_test(u)| / k,
 * with the user count. Random guessing scores |N_test(u)| / (n − 1 − |N_train(u)|) per user.
 * @example friendPrecisionAtK(train, test, (u, out) => commonNeighbourScores(train, u, out), 10)
 */
export function friendPrecisionAtK(
  train: SocialGraph,
  test: SocialGraph,
  scorer: FriendScorer,
  k: number,
): { precision: number; users: number } {
  let sum = 0
  let users = 0
  for (let u = 0; u < test.nUsers; u++) {
    const from = test.offsets[u]
    const to = test.offsets[u + 1]
    if (to === from) continue
    let hits = 0
    for (const r of recommendFriends(train, scorer, u, k)) {
      for (let j = from; j < to; j++) if (test.neighbours[j] === r.item) hits++
    }
    sum += hits / k
    users++
  }
  return { precision: users > 0 ? sum / users : Number.NaN, users }
}
