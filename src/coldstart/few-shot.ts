import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import { PrototypeClassifier } from "./prototype-classifier"

/** Accuracy of N-way k-shot episodes, with its standard error over episodes. */
export interface FewShotResult {
  shots: number
  ways: number
  accuracy: number
  standardError: number
  /** 1 / ways: what guessing achieves. */
  chance: number
}

/**
 * Few-shot evaluation of the prototype classifier on `classes` (e.g. categories held out of
 * everything the embedding was tuned on): each episode draws `shots` support items per class at
 * random, fits the prototypes on them, and classifies every other item of those classes
 * (Vinyals et al. 2016 episodic protocol with all remaining items as queries).
 * @throws if a class has fewer than shots + 1 items or the sizes are invalid
 * @example fewShotAccuracy(emb, 32, world.catalog.category, [9, 10, 11], 5, 200, rng)
 */
export function fewShotAccuracy(
  embeddings: Float64Array,
  dim: number,
  labels: ArrayLike<number>,
  classes: readonly number[],
  shots: number,
  episodes: number,
  rng: Rng,
): FewShotResult {
  if (!Number.isInteger(shots) || shots < 1)
    throw new Error(`fewShotAccuracy: shots must be a positive integer, got ${shots}`)
  if (!Number.isInteger(episodes) || episodes < 1)
    throw new Error(`fewShotAccuracy: episodes must be a positive integer, got ${episodes}`)
  if (classes.length < 2)
    throw new Error(`fewShotAccuracy: classes must name at least 2 classes, got ${classes.length}`)
  const members = classes.map((c) => {
    const m: number[] = []
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) m.push(i)
    if (m.length < shots + 1)
      throw new Error(`fewShotAccuracy: class ${c} has ${m.length} items, fewer than shots + 1 = ${shots + 1}`)
    return Int32Array.from(m)
  })
  const accuracies = new Float64Array(episodes)
  const clf = new PrototypeClassifier()
  for (let e = 0; e < episodes; e++) {
    const support = new Float64Array(classes.length * shots * dim)
    const supportLabels = new Int32Array(classes.length * shots)
    const queries: number[] = []
    members.forEach((m, k) => {
      shuffle(rng, m)
      for (let s = 0; s < shots; s++) {
        support.set(embeddings.subarray(m[s] * dim, (m[s] + 1) * dim), (k * shots + s) * dim)
        supportLabels[k * shots + s] = classes[k]
      }
      for (let q = shots; q < m.length; q++) queries.push(m[q])
    })
    clf.fit(support, supportLabels, dim)
    const rows = new Float64Array(queries.length * dim)
    queries.forEach((i, q) => rows.set(embeddings.subarray(i * dim, (i + 1) * dim), q * dim))
    const predicted = clf.predict(rows)
    let correct = 0
    queries.forEach((i, q) => {
      if (predicted[q] === labels[i]) correct++
    })
    accuracies[e] = correct / queries.length
  }
  let mean = 0
  for (const a of accuracies) mean += a / episodes
  let ss = 0
  for (const a of accuracies) ss += (a - mean) ** 2
  const se = episodes > 1 ? Math.sqrt(ss / (episodes - 1) / episodes) : 0
  return { shots, ways: classes.length, accuracy: mean, standardError: se, chance: 1 / classes.length }
}
