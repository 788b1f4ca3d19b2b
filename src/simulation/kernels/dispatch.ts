import type { Policy } from "../../bandits/policy"
import type { Environment } from "../../schema/environment"
import { BernoulliArms } from "../bernoulli"
import { GaussianTestbed } from "../gaussian-testbed"
import type { PolicyAccumulator } from "../accumulator"
import { environmentStream, policyStream } from "../streams"
import { ENV, POLICY, type Kernel, type KernelRun } from "./kernel"
import { epsilonGreedyKernel } from "./epsilon-greedy"
import { ucbKernel } from "./ucb"
import { betaThompsonKernel } from "./thompson-beta"

/** Every kernel, tried in order. @internal */
export const KERNELS: readonly Kernel[] = [epsilonGreedyKernel, ucbKernel, betaThompsonKernel]

/** True when every key of `config` is one the kernel lists (and so honours). */
function knowsConfig(kernel: Kernel, config: Readonly<Record<string, unknown>> | undefined): boolean {
  if (config === undefined) return false
  for (const key of Object.keys(config)) if (!Object.hasOwn(kernel.config, key)) return false
  return true
}

/**
 * The kernel that plays `policy` against `env`, or null when the generic loop must: the classic
 * stationary benchmarks (Bernoulli arms, the Gaussian testbed) with a policy of exactly one of a
 * kernel's classes, whose config has no key the kernel does not list.
 * @internal
 */
export function kernelFor(env: Environment<unknown>, policy: Policy<unknown>): Kernel | null {
  const bernoulli = env instanceof BernoulliArms
  if (!bernoulli && !(env instanceof GaussianTestbed)) return null
  for (const kernel of KERNELS) {
    if (
      kernel.policies.some((c) => c === policy.constructor) &&
      knowsConfig(kernel, policy.config) &&
      kernel.accepts(policy, bernoulli)
    )
      return kernel
  }
  return null
}

/**
 * Plays run `run` of `policy` with its kernel, if it has one: the same draws from the same streams
 * in the same order and the same floating-point operations as the generic `playRun`, so the numbers
 * are identical, and the policy is left in the state the generic loop leaves it in (checked by
 * test/simulation/fast-paths.test.ts and test/simulation/kernels/policy-state.test.ts). The
 * generators are stepped inline on their four state words held in local variables (kept in
 * registers; the same step as `nextWord`), not through the objects, whose boxed fields cost a load
 * and a store per word; the words go through a typed array (`st`) only around the rare calls that
 * draw elsewhere. Nothing is allocated per step.
 * Returns false when no kernel applies.
 * @internal
 */
export function playKernel(
  env: Environment<unknown>,
  policy: Policy<unknown>,
  policyIndex: number,
  run: number,
  horizon: number,
  seed: number,
  acc: PolicyAccumulator,
): boolean {
  const kernel = kernelFor(env, policy)
  if (kernel === null) return false
  const envRng = environmentStream(seed, run)
  const rng = policyStream(seed, policyIndex, run)
  env.reset(envRng)
  const K = env.nArms
  const means = env.expectedRewards(undefined, new Float64Array(K))
  let best = -Infinity
  for (let a = 0; a < K; a++) if (means[a] > best) best = means[a]
  // The streams end with the run, so their state is not handed back.
  const st = new Int32Array(8)
  rng.saveState(st, POLICY)
  envRng.saveState(st, ENV)
  const bernoulli = env instanceof BernoulliArms
  const state: KernelRun = {
    K,
    horizon,
    means,
    best,
    thresholds: bernoulli ? env.thresholds : null,
    noiseSd: bernoulli ? 0 : (env as GaussianTestbed).noiseSd,
    st,
    envRng,
    acc,
    out: new Float64Array(2),
  }
  const counts = kernel.play(policy, state)
  pushFinal(acc, "meanReward", state.out[0] / horizon)
  pushFinal(acc, "cumulativeRegret", state.out[1])
  let played = 0
  for (let a = 0; a < K; a++) if (counts[a] > 0) played++
  pushFinal(acc, "coverage", played / K)
  return true
}

function pushFinal(acc: PolicyAccumulator, key: string, value: number): void {
  ;(acc.finals[key] ??= []).push(value)
}
