import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import type { FewShotResult } from "./few-shot"

/**
 * Classifies one episode: `support` rows (row-major, `dim` values each) labelled with slots 0..ways−1
 * (slot k is the episode's k-th class), `queries` rows → one slot per query.
 */
export type EpisodeClassifier = (
  support: Float64Array,
  supportSlots: Int32Array,
  queries: Float64Array,
  ways: number,
) => Int32Array

/**
 * N-way k-shot accuracy of any classifier over episodes drawn exactly as {@link fewShotAccuracy}
 * draws them (same generator calls, so the same seed gives the same support sets): per episode
 * every class's items are shuffled, the first `shots` are its support, the rest its queries
 * (Vinyals et al. 2016). `shots` may be 0 (zero-shot: no support, every item a query).
 * Mean accuracy over episodes with its standard error.
 * @throws if fewer than 2 classes, a class has fewer than shots + 1 items, or sizes are invalid
 * @example episodicAccuracy(emb, 32, world.catalog.category, [8, 9, 10, 11], 5, 100, rng, reptileLearner(mlp, theta, 10, 0.5))
 */
export function episodicAccuracy(
  embeddings: Float64Array,
  dim: number,
  labels: ArrayLike<number>,
  classes: readonly number[],
  shots: number,
  episodes: number,
  rng: Rng,
  classify: EpisodeClassifier,
): FewShotResult {
  if (!Number.isInteger(shots) || shots < 0)
    throw new Error(`episodicAccuracy: shots must be an integer >= 0, got ${shots}`)
  if (!Number.isInteger(episodes) || episodes < 1)
    throw new Error(`episodicAccuracy: episodes must be a positive integer, got ${episodes}`)
  if (classes.length < 2)
    throw new Error(`episodicAccuracy: classes must name at least 2 classes, got ${classes.length}`)
  const members = classes.map((c) => {
    const m: number[] = []
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) m.push(i)
    if (m.length < shots + 1)
      throw new Error(`episodicAccuracy: class ${c} has ${m.length} items, fewer than shots + 1 = ${shots + 1}`)
    return Int32Array.from(m)
  })
  const ways = classes.length
  const accuracies = new Float64Array(episodes)
  for (let e = 0; e < episodes; e++) {
    const support = new Float64Array(ways * shots * dim)
    const supportSlots = new Int32Array(ways * shots)
    const queries: number[] = []
    const querySlots: number[] = []
    members.forEach((m, k) => {
      shuffle(rng, m)
      for (let s = 0; s < shots; s++) {
        support.set(embeddings.subarray(m[s] * dim, (m[s] + 1) * dim), (k * shots + s) * dim)
        supportSlots[k * shots + s] = k
      }
      for (let q = shots; q < m.length; q++) {
        queries.push(m[q])
        querySlots.push(k)
      }
    })
    const rows = new Float64Array(queries.length * dim)
    queries.forEach((i, q) => rows.set(embeddings.subarray(i * dim, (i + 1) * dim), q * dim))
    const predicted = classify(support, supportSlots, rows, ways)
    let correct = 0
    for (let q = 0; q < queries.length; q++) if (predicted[q] === querySlots[q]) correct++
    accuracies[e] = correct / queries.length
  }
  let mean = 0
  for (const a of accuracies) mean += a / episodes
  let ss = 0
  for (const a of accuracies) ss += (a - mean) ** 2
  const se = episodes > 1 ? Math.sqrt(ss / (episodes - 1) / episodes) : 0
  return { shots, ways, accuracy: mean, standardError: se, chance: 1 / ways }
}
