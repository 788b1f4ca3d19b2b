import { createRng, type Xoshiro128 } from "../random/rng"

/** The stream of the environment in run r (shared by every policy: common random numbers). */
export function environmentStream(seed: number, run: number): Xoshiro128 {
  return createRng(seed, run)
}

/** The stream of policy p in run r: disjoint from every environment stream and from other policies. */
export function policyStream(seed: number, policy: number, run: number): Xoshiro128 {
  return createRng(seed, (policy + 1) * 4294967296 + run)
}
