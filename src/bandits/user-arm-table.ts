import type { InteractionHistory, VisitorContext } from "../schema/interaction-history"

/**
 * Helpers shared by the personalised policies, which keep one row of K numbers per user in flat
 * typed arrays (user u's row at u·K): reading the visitor's id from a context, sizing the tables
 * from an option or a history, and tallying a history into per user × arm counts.
 */

/**
 * The visitor's row index for a policy holding `nUsers` rows.
 * @throws naming the policy when `context.user` is missing or outside [0, nUsers)
 * @example userOf("per-user-thompson", { user: 3 }, 10) // 3
 * @internal
 */
export function userOf(who: string, context: VisitorContext | undefined, nUsers: number): number {
  const u = context?.user
  if (!(typeof u === "number" && u >= 0 && u < nUsers && (u | 0) === u)) {
    throw new Error(
      `${who}: context.user must be an integer in [0, ${nUsers - 1}] (users given by the option \`users\` or the warm-start history), got ${String(u)}`,
    )
  }
  return u
}

/**
 * Checks that a warm-start history fits a policy with `nArms` arms: equal column lengths, arms in
 * [0, nArms), users in [0, history.nUsers), rewards in [0, 1] and propensities in (0, 1].
 * @throws naming the policy, the column, the row and the bad value
 * @internal
 */
export function checkHistory(who: string, history: InteractionHistory, nArms: number): void {
  if (history.nArms !== nArms) throw new Error(`${who}: the history has ${history.nArms} arms, the policy ${nArms}`)
  if (!(Number.isInteger(history.nUsers) && history.nUsers >= 0))
    throw new Error(`${who}: history.nUsers must be an integer >= 0, got ${history.nUsers}`)
  const n = history.user.length
  for (const column of ["arm", "reward", "propensity"] as const) {
    if (history[column].length !== n)
      throw new Error(`${who}: history.${column} has ${history[column].length} rows, history.user ${n}`)
  }
  for (let i = 0; i < n; i++) {
    const u = history.user[i]
    const a = history.arm[i]
    const r = history.reward[i]
    const p = history.propensity[i]
    if (!(u >= 0 && u < history.nUsers))
      throw new Error(`${who}: history.user[${i}] = ${u} is outside [0, ${history.nUsers - 1}]`)
    if (!(a >= 0 && a < nArms)) throw new Error(`${who}: history.arm[${i}] = ${a} is outside [0, ${nArms - 1}]`)
    if (!(r >= 0 && r <= 1)) throw new Error(`${who}: history.reward[${i}] = ${r} must be in [0, 1]`)
    if (!(p > 0 && p <= 1)) throw new Error(`${who}: history.propensity[${i}] = ${p} must be in (0, 1]`)
  }
}

/**
 * Per user × arm tallies of a history: `clicks[u·K + a]` = Σ rewards and `shows[u·K + a]` = number
 * of impressions of arm a to user u, over `nUsers` ≥ history.nUsers rows.
 * @example const { clicks, shows } = historyCounts(history, history.nUsers)
 * @internal
 */
export function historyCounts(
  history: InteractionHistory,
  nUsers: number,
): { clicks: Float64Array; shows: Float64Array } {
  const K = history.nArms
  const clicks = new Float64Array(nUsers * K)
  const shows = new Float64Array(nUsers * K)
  for (let i = 0; i < history.user.length; i++) {
    const cell = history.user[i] * K + history.arm[i]
    clicks[cell] += history.reward[i]
    shows[cell] += 1
  }
  return { clicks, shows }
}

/**
 * The number of user rows a policy needs: the larger of its option and the history's users.
 * @internal
 */
export function usersFor(configured: number, history: InteractionHistory | null): number {
  return history && history.nUsers > configured ? history.nUsers : configured
}
