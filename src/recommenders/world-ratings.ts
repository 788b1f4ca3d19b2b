import { normal } from "../random/normal"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { World } from "../world/world"
import type { Interactions } from "../schema/interactions"
import { interactionsFromTriples } from "../schema/interactions"

/**
 * Explicit 1–5 star ratings drawn from the world's ground truth, for the rating-prediction models
 * (Funk-SVD, ALS-WR): `n` random (user, item) pairs (distinct pairs, duplicates merged by averaging),
 * each rated round(3 + (logit a − m)/s + ε) clipped to 1..5, where a = world.attraction(user, item, context) is the
 * true click attraction in a random context on `day`, m and s the mean and standard deviation of logit a over the
 * sample (so ratings centre on 3 stars), and ε ~ N(0, noise²).
 * @example worldRatings(world, 50_000, createRng(1), { day: 30 })
 */
export function worldRatings(
  world: Pick<World, "nUsers" | "nItems" | "attraction" | "sampleContext">,
  n: number,
  rng: Rng,
  options: { day?: number; noise?: number } = {},
): Interactions {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`worldRatings: n must be a positive integer, got ${n}`)
  const noise = options.noise ?? 0.5
  if (!(noise >= 0) || !Number.isFinite(noise))
    throw new Error(`worldRatings: noise must be a finite number >= 0, got ${noise}`)
  const day = options.day ?? 0
  const users = new Int32Array(n)
  const items = new Int32Array(n)
  const logits = new Float64Array(n)
  let mean = 0
  for (let k = 0; k < n; k++) {
    const u = randomInt(rng, world.nUsers)
    const i = randomInt(rng, world.nItems)
    const a = world.attraction(u, i, world.sampleContext(u, day, rng))
    users[k] = u
    items[k] = i
    logits[k] = Math.log(a / (1 - a))
    mean += logits[k] / n
  }
  let variance = 0
  for (let k = 0; k < n; k++) variance += (logits[k] - mean) ** 2 / n
  const sd = Math.sqrt(variance) || 1
  const values = new Float64Array(n)
  for (let k = 0; k < n; k++)
    values[k] = Math.min(5, Math.max(1, Math.round(3 + (logits[k] - mean) / sd + normal(rng, 0, noise))))
  const summed = interactionsFromTriples(world.nUsers, world.nItems, users, items, values)
  const counts = interactionsFromTriples(world.nUsers, world.nItems, users, items)
  return { ...summed, values: summed.values.map((v, p) => v / counts.values[p]) }
}
