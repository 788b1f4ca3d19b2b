import type { Policy } from "../bandits/policy"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import { EpsilonGreedy } from "../bandits/epsilon-greedy"
import { Greedy } from "../bandits/greedy"
import { OptimisticGreedy } from "../bandits/optimistic"
import { Ucb } from "../bandits/ucb"
import { Ucb1 } from "../bandits/ucb1"
import { BetaThompson } from "../bandits/thompson-beta"
import { fastBeta, fastNormal } from "../bandits/fast-random"
import type { Environment } from "./environment"
import { BernoulliArms } from "./bernoulli"
import { GaussianTestbed } from "./gaussian-testbed"
import type { PolicyAccumulator } from "./play"
import { environmentStream, policyStream } from "./streams"

/**
 * Specialised loops for the classic stationary benchmarks (Bernoulli arms, the Gaussian testbed)
 * with ε-greedy / greedy / optimistic, UCB / UCB1 and Beta-Bernoulli Thompson sampling: the policy's
 * select/update and the environment's reward inlined into one loop over local typed arrays, with the
 * same draws from the same streams in the same order and the same floating-point operations as the
 * generic `playRun`, so the numbers are identical (test/simulation/fast-paths.test.ts checks it).
 * The policy object itself is only read (its validated config), not advanced.
 * Returns false when no specialised loop applies.
 */
export function fastPlayRun(env: Environment<unknown>, policy: Policy<unknown>, policyIndex: number, run: number, horizon: number, seed: number, acc: PolicyAccumulator): boolean {
  const bernoulli = env instanceof BernoulliArms
  if (!bernoulli && !(env instanceof GaussianTestbed)) return false
  const ctor = policy.constructor
  let kind: number
  if (ctor === EpsilonGreedy || ctor === Greedy || ctor === OptimisticGreedy) kind = 0
  else if (ctor === Ucb || ctor === Ucb1) kind = 1
  else if (ctor === BetaThompson) kind = 2
  else return false
  if (kind === 2 && !bernoulli) return false
  const envRng = environmentStream(seed, run)
  const rng = policyStream(seed, policyIndex, run)
  env.reset(envRng)
  const K = env.nArms
  const means = env.expectedRewards(undefined, new Float64Array(K))
  let best = -Infinity
  for (let a = 0; a < K; a++) if (means[a] > best) best = means[a]
  const noiseSd = bernoulli ? 0 : (env as GaussianTestbed).noiseSd
  let armSeen = 0
  const seen = new Uint8Array(K)
  const loop = kind === 0 ? epsilonLoop : kind === 1 ? ucbLoop : thompsonLoop
  const [total, cumulative] = loop(policy, K, horizon, means, best, bernoulli, noiseSd, rng, envRng, acc, seen)
  for (let a = 0; a < K; a++) armSeen += seen[a]
  const finals: Record<string, number> = { meanReward: total / horizon, cumulativeRegret: cumulative, coverage: armSeen / K }
  for (const [k, v] of Object.entries(finals)) (acc.finals[k] ??= []).push(v)
  return true
}

type Loop = (
  policy: Policy<unknown>, K: number, horizon: number, means: Float64Array, best: number, bernoulli: boolean, noiseSd: number,
  rng: Rng, envRng: Rng, acc: PolicyAccumulator, seen: Uint8Array,
) => [number, number]

const epsilonLoop: Loop = (policy, K, horizon, means, best, bernoulli, noiseSd, rng, envRng, acc, seen) => {
  const { epsilon, decay, initialValue, stepSize } = (policy as EpsilonGreedy).config
  const values = new Float64Array(K).fill(initialValue)
  const counts = new Float64Array(K)
  const { reward: R, reward2: R2, optimal: O, regret: G, regret2: G2 } = acc
  let cumulative = 0
  let total = 0
  for (let t = 0; t < horizon; t++) {
    const eps = epsilon / (1 + decay * t)
    let arm: number
    if (eps > 0 && rng.next() < eps) arm = randomInt(rng, K)
    else {
      arm = 0
      let bestValue = values[0]
      let ties = 1
      for (let i = 1; i < K; i++) {
        const v = values[i]
        if (v > bestValue) {
          bestValue = v
          arm = i
          ties = 1
        } else if (v === bestValue) {
          ties++
          if (randomInt(rng, ties) === 0) arm = i
        }
      }
    }
    const r = bernoulli ? (envRng.next() < means[arm] ? 1 : 0) : means[arm] + noiseSd * fastNormal(envRng)
    const n = ++counts[arm]
    values[arm] += (stepSize ?? 1 / n) * (r - values[arm])
    seen[arm] = 1
    const expected = means[arm]
    cumulative += best - expected
    total += r
    R[t] += r
    R2[t] += r * r
    if (expected === best) O[t] += 1
    G[t] += cumulative
    G2[t] += cumulative * cumulative
  }
  return [total, cumulative]
}

const ucbLoop: Loop = (policy, K, horizon, means, best, bernoulli, noiseSd, rng, envRng, acc, seen) => {
  const c = (policy as Ucb).config.c
  const est = new Float64Array(K)
  const counts = new Float64Array(K)
  const index = new Float64Array(K)
  const { reward: R, reward2: R2, optimal: O, regret: G, regret2: G2 } = acc
  let cumulative = 0
  let total = 0
  for (let t = 0; t < horizon; t++) {
    const logT = Math.log(Math.max(1, t))
    for (let a = 0; a < K; a++) {
      const n = counts[a]
      index[a] = n === 0 ? Infinity : est[a] + c * Math.sqrt(logT / n)
    }
    let arm = 0
    let bestValue = index[0]
    let ties = 1
    for (let i = 1; i < K; i++) {
      const v = index[i]
      if (v > bestValue) {
        bestValue = v
        arm = i
        ties = 1
      } else if (v === bestValue) {
        ties++
        if (randomInt(rng, ties) === 0) arm = i
      }
    }
    const r = bernoulli ? (envRng.next() < means[arm] ? 1 : 0) : means[arm] + noiseSd * fastNormal(envRng)
    const n = ++counts[arm]
    est[arm] += (r - est[arm]) / n
    seen[arm] = 1
    const expected = means[arm]
    cumulative += best - expected
    total += r
    R[t] += r
    R2[t] += r * r
    if (expected === best) O[t] += 1
    G[t] += cumulative
    G2[t] += cumulative * cumulative
  }
  return [total, cumulative]
}

const thompsonLoop: Loop = (policy, K, horizon, means, best, _bernoulli, _noiseSd, rng, envRng, acc, seen) => {
  const { priorAlpha, priorBeta } = (policy as BetaThompson).config
  const alpha = new Float64Array(K).fill(priorAlpha)
  const beta = new Float64Array(K).fill(priorBeta)
  const { reward: R, reward2: R2, optimal: O, regret: G, regret2: G2 } = acc
  let cumulative = 0
  let total = 0
  for (let t = 0; t < horizon; t++) {
    let arm = 0
    let bestValue = -1
    for (let a = 0; a < K; a++) {
      const v = fastBeta(rng, alpha[a], beta[a])
      if (v > bestValue) {
        bestValue = v
        arm = a
      }
    }
    const r = envRng.next() < means[arm] ? 1 : 0
    alpha[arm] += r
    beta[arm] += 1 - r
    seen[arm] = 1
    const expected = means[arm]
    cumulative += best - expected
    total += r
    R[t] += r
    R2[t] += r * r
    if (expected === best) O[t] += 1
    G[t] += cumulative
    G2[t] += cumulative * cumulative
  }
  return [total, cumulative]
}
