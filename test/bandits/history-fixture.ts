import type { InteractionHistory } from "../../src/schema"

/** A history from (user, arm, reward) triples, logged uniformly over `nArms` arms. */
export function historyOf(nUsers: number, nArms: number, rows: [number, number, number][]): InteractionHistory {
  return {
    nUsers,
    nArms,
    user: Int32Array.from(rows, (r) => r[0]),
    arm: Int32Array.from(rows, (r) => r[1]),
    reward: Float64Array.from(rows, (r) => r[2]),
    propensity: new Float64Array(rows.length).fill(1 / nArms),
  }
}
