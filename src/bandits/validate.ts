/**
 * Checks shared by the policies for what a config does not set (arms, users, dimension, seed) and for
 * the arguments of `update`: each throws an error naming the policy, the parameter, the value received
 * and what is allowed. The options a config sets are declared with `defineOptions` and checked by
 * `checkOptions` (config/option-schema.ts).
 */

export function checkArms(who: string, arms: unknown): number {
  if (typeof arms !== "number" || !Number.isInteger(arms) || arms < 1) {
    throw new Error(`${who}: arms must be an integer >= 1, got ${String(arms)}`)
  }
  return arms
}

/** A value in [low, high] (both ends allowed unless `open` says otherwise). */
export function checkRange(
  who: string,
  name: string,
  value: unknown,
  low: number,
  high: number,
  open: "" | "low" | "high" | "both" = "",
): number {
  const lowOk = (v: number): boolean => (open === "low" || open === "both" ? v > low : v >= low)
  const highOk = (v: number): boolean => (open === "high" || open === "both" ? v < high : v <= high)
  if (typeof value !== "number" || !Number.isFinite(value) || !lowOk(value) || !highOk(value)) {
    const l = open === "low" || open === "both" ? "(" : "["
    const h = open === "high" || open === "both" ? ")" : "]"
    throw new Error(`${who}: ${name} must be in ${l}${low}, ${high}${h}, got ${String(value)}`)
  }
  return value
}

export function checkInteger(who: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new Error(`${who}: ${name} must be an integer >= ${min}, got ${String(value)}`)
  }
  return value
}

/** Checks an arm index passed to `update`. */
export function checkArm(who: string, arm: number, nArms: number): void {
  if (!(arm >= 0 && arm < nArms && Number.isInteger(arm)))
    throw new Error(`${who}: arm must be an integer in [0, ${nArms - 1}], got ${arm}`)
}

/** Checks a reward passed to `update`: a NaN or infinite reward would poison every estimate. */
export function checkReward(who: string, reward: number): void {
  if (!Number.isFinite(reward)) throw new Error(`${who}: reward must be finite, got ${reward}`)
}

/** Checks a reward passed to `update` of a policy for rewards in [0, 1] (Bernoulli posteriors, KL, EXP3). */
export function checkUnitReward(who: string, reward: number): void {
  if (!(reward >= 0 && reward <= 1)) throw new Error(`${who}: reward must be in [0, 1], got ${reward}`)
}
