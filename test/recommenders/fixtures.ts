import { createRng } from "../../src/random/rng"
import type { Interactions } from "../../src/recommenders/interactions"
import { interactionsFromTriples } from "../../src/recommenders/interactions"

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
