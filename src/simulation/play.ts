import type { Policy } from "../bandits/policy"
import type { InteractionHistory } from "../schema/interaction-history"
import { environmentStream, historyStream, policyStream } from "./streams"
import { playKernel } from "./kernels/dispatch"
import { recordRewardWindows, type PolicyAccumulator, emptyAccumulator } from "./accumulator"
import type { Environment } from "../schema/environment"

/**
 * Plays `policy` for `horizon` steps of run `run` against `env`, adding the per-step metrics into
 * `acc`. The environment is reset from the run's stream, so every policy meets the same users.
 * The loop allocates nothing per step (typed arrays, reused context objects). Classic stationary
 * benchmarks take a specialised loop (`kernels/`) with identical results, which leaves the policy in
 * the same state, unless `fastPaths` is false.
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
  if (fastPaths && !warm && playKernel(env, policy, policyIndex, run, horizon, seed, acc)) return
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
      throw new Error(
        `environment ${env.name} returned a non-finite reward (${r}) at run ${run}, step ${t}, arm ${arm}`,
      )
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
 * @internal
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
    for (let p = 0; p < policies.length; p++)
      recordRewardWindows(accs[p], scratch, () =>
        playRun(env, policies[p], p, run, horizon, seed, accs[p], means, fastPaths, history),
      )
    onRun?.()
  }
  return accs
}
