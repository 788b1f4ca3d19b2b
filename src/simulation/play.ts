import type { Policy } from "../bandits/policy"
import type { InteractionHistory } from "../bandits/interaction-history"
import { environmentStream, historyStream, policyStream } from "./streams"
import { fastPlayRun } from "./fast-paths"
import type { Environment } from "./environment"

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

/** Zeroes an accumulator for reuse (no allocation of the O(T) arrays). */
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



/**
 * Plays `policy` for `horizon` steps of run `run` against `env`, adding the per-step metrics into
 * `acc`. The environment is reset from the run's stream, so every policy meets the same users.
 * The loop allocates nothing per step (typed arrays, reused context objects). Classic stationary
 * benchmarks take a specialised loop with identical results (`fast-paths.ts`) unless `fastPaths` is false.
 * A policy with `warmStart` gets `history` (the run's logged history) after `reset`, from its own stream.
 * Steps whose visitor is absent (`env.present()` false) show nothing: reward 0, regret unchanged; CTR
 * counts clicks per present visit.
 * @throws an Error naming run, step and arm if the environment returns a non-finite reward
 */
export function playRun(
  env: Environment<unknown>,
  policy: Policy<unknown>,
  policyIndex: number,
  run: number,
  horizon: number,
  seed: number,
  acc: PolicyAccumulator,
  means: Float64Array,
  fastPaths = true,
  history: InteractionHistory | null = null,
): void {
  const warm = history !== null && policy.warmStart !== undefined
  if (fastPaths && !warm && fastPlayRun(env, policy, policyIndex, run, horizon, seed, acc)) return
  const envRng = environmentStream(seed, run)
  const rng = policyStream(seed, policyIndex, run)
  env.reset(envRng)
  policy.reset()
  if (warm) policy.warmStart!(history, rng)
  const present = env.present ? env.present.bind(env) : null
  const K = env.nArms
  const armSeen = new Uint8Array(K)
  const stationary = env.stationary
  let best = -Infinity
  if (stationary) {
    env.expectedRewards(undefined, means)
    for (let a = 0; a < K; a++) if (means[a] > best) best = means[a]
  }
  const outcome = env.lastOutcome ? env.lastOutcome.bind(env) : null
  const accReward = acc.reward
  const accReward2 = acc.reward2
  const accOptimal = acc.optimal
  const accRegret = acc.regret
  const accRegret2 = acc.regret2
  let cumulative = 0
  let total = 0
  let clicks = 0
  let purchases = 0
  let revenue = 0
  let visits = 0
  for (let t = 0; t < horizon; t++) {
    const context = env.context(t, envRng)
    if (present !== null && !present()) {
      accRegret[t] += cumulative
      accRegret2[t] += cumulative * cumulative
      continue
    }
    visits++
    const arm = policy.select(context, rng)
    const r = env.reward(arm, context, envRng)
    if (!Number.isFinite(r)) {
      throw new Error(`environment ${env.name} returned a non-finite reward (${r}) at run ${run}, step ${t}, arm ${arm}`)
    }
    let expected: number
    if (stationary) expected = means[arm]
    else {
      env.expectedRewards(context, means)
      best = -Infinity
      for (let a = 0; a < K; a++) if (means[a] > best) best = means[a]
      expected = means[arm]
    }
    policy.update(arm, r, context)
    armSeen[arm] = 1
    cumulative += best - expected
    total += r
    accReward[t] += r
    accReward2[t] += r * r
    if (expected === best) accOptimal[t] += 1
    accRegret[t] += cumulative
    accRegret2[t] += cumulative * cumulative
    if (outcome) {
      const o = outcome()
      clicks += o.click
      purchases += o.purchase
      revenue += o.revenue
    }
  }
  let covered = 0
  for (let a = 0; a < K; a++) covered += armSeen[a]
  const finals: Record<string, number> = {
    meanReward: total / horizon,
    cumulativeRegret: cumulative,
    coverage: covered / K,
  }
  if (outcome) {
    finals.ctr = visits > 0 ? clicks / visits : 0
    finals.conversion = clicks > 0 ? purchases / clicks : 0
    finals.revenuePerStep = revenue / horizon
  }
  if (env.runMetrics) Object.assign(finals, env.runMetrics())
  for (const [k, v] of Object.entries(finals)) (acc.finals[k] ??= []).push(v)
}

/**
 * Plays runs [firstRun, lastRun) of every policy: the unit of work of one chunk. Runs are
 * played in order, policies in order within a run, so the sums are reproducible. The sums are
 * added into `accs` (default: fresh zeroed accumulators), which is returned.
 */
export function playChunk(
  env: Environment<unknown>,
  policies: Policy<unknown>[],
  firstRun: number,
  lastRun: number,
  horizon: number,
  seed: number,
  onRun?: () => void,
  fastPaths = true,
  accs: PolicyAccumulator[] = policies.map(() => emptyAccumulator(horizon)),
): PolicyAccumulator[] {
  const means = new Float64Array(env.nArms)
  const warm = env.loggedHistory !== undefined && policies.some((p) => p.warmStart !== undefined)
  const scratch = new Float64Array(horizon)
  for (let run = firstRun; run < lastRun; run++) {
    const history = warm ? env.loggedHistory!(historyStream(seed, run)) : null
    for (let p = 0; p < policies.length; p++) recordRewardWindows(accs[p], scratch, () => playRun(env, policies[p], p, run, horizon, seed, accs[p], means, fastPaths, history))
    onRun?.()
  }
  return accs
}
