import type { BanditLog } from "../schema/bandit-log"
import type { TargetPolicy } from "../schema/target-policy"

/**
 * Balanced (mixture) propensities for a log pooled from several logging policies π₁…π_K:
 * p̄ᵢ = Σₖ ρₖ πₖ(aᵢ | xᵢ, posᵢ), ρₖ = nₖ / n the share of rounds logged by πₖ (Agarwal, Basu,
 * Schnabel & Joachims 2017; Kallus, Saito & Uehara 2021). Every estimator run on the log with
 * p̄ in place of each round's own propensity is its balanced version: IPW becomes OBP's
 * `MultiLoggersBalancedInverseProbabilityWeighting`, whose variance is never above the
 * stratum-wise IPW's. Every logger's distribution must be known on every round.
 * @example const input = { ...offPolicyInput(pooled, target), propensity: balancedPropensity(pooled, [uniform, bts], [0.5, 0.5]) }
 */
export function balancedPropensity(
  log: BanditLog,
  loggers: readonly TargetPolicy[],
  shares: readonly number[],
): Float64Array {
  if (loggers.length === 0 || loggers.length !== shares.length)
    throw new Error(
      `balancedPropensity: give one share per logger (${loggers.length} loggers, ${shares.length} shares)`,
    )
  const total = shares.reduce((s, x) => s + x, 0)
  if (shares.some((s) => !(s >= 0)) || Math.abs(total - 1) > 1e-9)
    throw new Error(`balancedPropensity: shares must be >= 0 and sum to 1, got ${shares.join(", ")}`)
  const pi = new Float64Array(log.nActions)
  const out = new Float64Array(log.length)
  for (let i = 0; i < log.length; i++) {
    let p = 0
    for (let k = 0; k < loggers.length; k++) {
      loggers[k].actionProbabilities(log, i, pi)
      p += shares[k] * pi[log.action[i]]
    }
    if (!(p > 0)) throw new Error(`balancedPropensity: round ${i}: no logger could have logged action ${log.action[i]}`)
    out[i] = p
  }
  return out
}
