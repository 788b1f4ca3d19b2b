import type { TopKSlate } from "../bandits/slate"
import { runChunks } from "./chunks"
import { clearAccumulator, emptyAccumulator, recordRewardWindows, type PolicyAccumulator } from "./accumulator"
import { mergeAccumulator, policyResult, type SimulationResult } from "./result"
import type { RunOptions } from "./run-options"
import type { SlateEnvironment } from "./slate-environment"
import { environmentStream, policyStream } from "./streams"

/**
 * Plays slate policy `policy` for one run: each step the policy ranks the arms and shows its top k
 * at positions 0..k−1, the environment clicks per position (position bias included), the policy
 * learns from the clicks through its click model. Per-step reward = the slate's reward (clicks for
 * click rewards); regret against the best k-slate of the step's context, both exact expectations.
 * Same streams as `playRun` (environment stream of run r shared by every policy).
 */
export function playSlateRun<C>(
  env: SlateEnvironment<C>,
  policy: TopKSlate<C>,
  policyIndex: number,
  run: number,
  horizon: number,
  seed: number,
  acc: PolicyAccumulator,
): void {
  const envRng = environmentStream(seed, run)
  const rng = policyStream(seed, policyIndex, run)
  env.reset(envRng)
  policy.reset()
  const k = policy.config.k
  const slate = new Int32Array(k)
  const clicks = new Uint8Array(k)
  const shown = new Uint8Array(env.nArms)
  let cumulative = 0
  let total = 0
  let clickTotal = 0
  for (let t = 0; t < horizon; t++) {
    const context = env.context(t, envRng)
    policy.select(context, rng, slate)
    const expected = env.expectedSlateReward(slate, k, context)
    const best = env.bestSlateReward(k, context)
    const r = env.slateReward(slate, k, context, envRng, clicks)
    if (!Number.isFinite(r))
      throw new Error(`environment ${env.name} returned a non-finite slate reward (${r}) at run ${run}, step ${t}`)
    policy.update(slate, clicks, context)
    for (let p = 0; p < k; p++) {
      shown[slate[p]] = 1
      clickTotal += clicks[p]
    }
    const gap = best - expected
    cumulative += gap > 0 ? gap : 0
    total += r
    acc.reward[t] += r
    acc.reward2[t] += r * r
    // Optimal up to rounding: the two sums add the same terms in possibly different orders.
    if (gap <= 1e-12 * best) acc.optimal[t] += 1
    acc.regret[t] += cumulative
    acc.regret2[t] += cumulative * cumulative
  }
  let covered = 0
  for (let a = 0; a < env.nArms; a++) covered += shown[a]
  const finals: Record<string, number> = {
    meanReward: total / horizon,
    cumulativeRegret: cumulative,
    coverage: covered / env.nArms,
    clicksPerSlate: clickTotal / horizon,
  }
  if (env.runMetrics) Object.assign(finals, env.runMetrics())
  for (const [key, value] of Object.entries(finals)) (acc.finals[key] ??= []).push(value)
}

/**
 * Plays runs [firstRun, lastRun) of every slate policy, adding into `accs` (as `playChunk`).
 * @internal
 */
export function playSlateChunk<C>(
  env: SlateEnvironment<C>,
  policies: TopKSlate<C>[],
  firstRun: number,
  lastRun: number,
  horizon: number,
  seed: number,
  onRun?: () => void,
  accs: PolicyAccumulator[] = policies.map(() => emptyAccumulator(horizon)),
): PolicyAccumulator[] {
  const scratch = new Float64Array(horizon)
  for (let run = firstRun; run < lastRun; run++) {
    for (let p = 0; p < policies.length; p++)
      recordRewardWindows(accs[p], scratch, () => playSlateRun(env, policies[p], p, run, horizon, seed, accs[p]))
    onRun?.()
  }
  return accs
}

/**
 * R runs × T steps of every slate policy against `env`, in this thread, chunked and summed exactly
 * as `simulate` does. Returns the same result shape as `simulate` (reward per slate, regret to the
 * best slate, rate of steps with an optimal slate).
 * @example
 * const env = new EcommerceEnvironment({ world: { users: 200, items: 120, categories: 8, seed: 1 } })
 * const kappa = [0, 1, 2].map((p) => env.examination(p))
 * const result = simulateSlates(env, [new TopKSlate(new Ucb1({ arms: env.nArms }), { k: 3, clickModel: "position-based", examination: kappa })], { horizon: 500, runs: 4, seed: 1 })
 */
export function simulateSlates<C>(
  env: SlateEnvironment<C>,
  policies: TopKSlate<C>[],
  options: RunOptions,
): SimulationResult {
  if (!Number.isInteger(options.horizon) || options.horizon < 1)
    throw new Error(`simulateSlates: horizon must be a positive integer, got ${options.horizon}`)
  if (!Number.isInteger(options.runs) || options.runs < 1)
    throw new Error(`simulateSlates: runs must be a positive integer, got ${options.runs}`)
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new Error(`simulateSlates: seed must be a non-negative integer, got ${options.seed}`)
  if (policies.length === 0) throw new Error("simulateSlates: give at least one slate policy")
  policies.forEach((p, i) => {
    if (p.base.nArms !== env.nArms)
      throw new Error(
        `simulateSlates: policies[${i}] (${p.name}) ranks ${p.base.nArms} arms, the environment has ${env.nArms}`,
      )
  })
  const totals = policies.map(() => emptyAccumulator(options.horizon))
  const scratch = policies.map(() => emptyAccumulator(options.horizon))
  let done = 0
  const onRun = (): void => options.onProgress?.(++done, options.runs)
  for (const [first, last] of runChunks(options.runs)) {
    scratch.forEach(clearAccumulator)
    playSlateChunk(env, policies, first, last, options.horizon, options.seed, onRun, scratch)
    scratch.forEach((a, i) => mergeAccumulator(totals[i], a))
  }
  return {
    environment: env.name,
    horizon: options.horizon,
    runs: options.runs,
    seed: options.seed,
    policies: totals.map((acc, i) =>
      policyResult(acc, options.runs, policies[i].name, "top-k-slate", policies[i].config),
    ),
    laiRobbins: null,
    laiRobbinsConstant: null,
  }
}
