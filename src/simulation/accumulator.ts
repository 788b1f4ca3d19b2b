/** Per-step sums over runs for one policy, and per-run final metrics. Memory O(T), not O(R·T). */
export interface PolicyAccumulator {
  /** Σ_runs r_t and Σ_runs r_t². */
  reward: Float64Array
  reward2: Float64Array
  /** Σ_runs [expected reward of the played arm = the best one]. */
  optimal: Float64Array
  /** Σ_runs of cumulative pseudo-regret up to t, and of its square. */
  regret: Float64Array
  regret2: Float64Array
  /** Per-run final metrics, in run order (meanReward, cumulativeRegret, ctr, conversion, revenuePerStep, coverage, and the environment's). */
  finals: Record<string, number[]>
  /** Per-run mean reward in each window of {@link rewardWindow} steps, run after run (runs × windows values). */
  windows: number[]
}

/** The reward curve is reported as means over this many windows of steps (per-step rewards over few runs are too noisy to read). */
export const REWARD_WINDOWS = 200

/** Steps per reward window for a horizon: ⌈T / REWARD_WINDOWS⌉ (the last window may be shorter). */
export function rewardWindow(horizon: number): number {
  return Math.max(1, Math.ceil(horizon / REWARD_WINDOWS))
}

/** @internal */
export function emptyAccumulator(horizon: number): PolicyAccumulator {
  return {
    reward: new Float64Array(horizon),
    reward2: new Float64Array(horizon),
    optimal: new Float64Array(horizon),
    regret: new Float64Array(horizon),
    regret2: new Float64Array(horizon),
    finals: {},
    windows: [],
  }
}

/**
 * Zeroes an accumulator for reuse (no allocation of the O(T) arrays).
 * @internal
 */
export function clearAccumulator(acc: PolicyAccumulator): void {
  acc.reward.fill(0)
  acc.reward2.fill(0)
  acc.optimal.fill(0)
  acc.regret.fill(0)
  acc.regret2.fill(0)
  acc.finals = {}
  acc.windows = []
}

/**
 * Runs `play` (one run adding into `acc`) and appends the run's mean reward per window to
 * `acc.windows`. The run adds into zeroed reward sums, so each step's reward is read back exactly;
 * the previous sums (kept in `scratch`) are then added back: fl(s + r) is the sum the run
 * would have left, so every other number is unchanged.
 * @internal
 */
export function recordRewardWindows(acc: PolicyAccumulator, scratch: Float64Array, play: () => void): void {
  const sums = acc.reward
  const T = sums.length
  scratch.set(sums)
  sums.fill(0)
  play()
  const w = rewardWindow(T)
  for (let start = 0; start < T; start += w) {
    const end = Math.min(T, start + w)
    let s = 0
    for (let t = start; t < end; t++) {
      s += sums[t]
      sums[t] = scratch[t] + sums[t]
    }
    acc.windows.push(s / (end - start))
  }
}
