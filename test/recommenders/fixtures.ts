import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"
import type { Interactions } from "../../src/schema/interactions"
import { interactionsFromTriples } from "../../src/schema/interactions"

/** The 6 × 5 binary matrix used for the numpy parity numbers (rows = users). */
export const SMALL = [
  [1, 1, 0, 0, 1],
  [0, 1, 1, 0, 0],
  [1, 0, 1, 1, 0],
  [0, 0, 0, 1, 1],
  [1, 1, 1, 0, 0],
  [0, 1, 0, 1, 1],
]

export function fromDense(rows: number[][]): Interactions {
  const users: number[] = []
  const items: number[] = []
  const values: number[] = []
  rows.forEach((row, u) =>
    row.forEach((v, i) => {
      if (v !== 0) {
        users.push(u)
        items.push(i)
        values.push(v)
      }
    }),
  )
  return interactionsFromTriples(rows.length, rows[0].length, users, items, values)
}

/**
 * Two communities: users of group g (= u mod 2) interact with items of group g (= i mod 2) with
 * probability `pIn` and with the others with probability `pOut`; item popularity falls with the index.
 */
export function blockInteractions(nUsers: number, nItems: number, seed: number, pIn = 0.3, pOut = 0.03): Interactions {
  const rng = createRng(seed)
  const users: number[] = []
  const items: number[] = []
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      const p = (u % 2 === i % 2 ? pIn : pOut) * (1.5 - i / nItems)
      if (rng.next() < p) {
        users.push(u)
        items.push(i)
      }
    }
  }
  return interactionsFromTriples(nUsers, nItems, users, items)
}

/** Ratings from a known rank-3 model plus biases and N(0, 0.1²) noise; 80/20 split of the observed cells. */
export function lowRankRatings(
  nUsers: number,
  nItems: number,
  density: number,
  seed: number,
): { train: Interactions; test: [number, number, number][] } {
  const rng = createRng(seed)
  const f = 3
  const p = Array.from({ length: nUsers * f }, () => normal(rng, 0, 0.7))
  const q = Array.from({ length: nItems * f }, () => normal(rng, 0, 0.7))
  const bu = Array.from({ length: nUsers }, () => normal(rng, 0, 0.3))
  const bi = Array.from({ length: nItems }, () => normal(rng, 0, 0.3))
  const users: number[] = []
  const items: number[] = []
  const values: number[] = []
  const test: [number, number, number][] = []
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      if (rng.next() >= density) continue
      let r = 3 + bu[u] + bi[i] + normal(rng, 0, 0.1)
      for (let k = 0; k < f; k++) r += p[u * f + k] * q[i * f + k]
      if (rng.next() < 0.2) test.push([u, i, r])
      else {
        users.push(u)
        items.push(i)
        values.push(r)
      }
    }
  }
  return { train: interactionsFromTriples(nUsers, nItems, users, items, values), test }
}
