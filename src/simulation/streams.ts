import { createRng, type Xoshiro128 } from "../random/rng"

/** The stream of the environment in run r (shared by every policy: common random numbers). */
export function environmentStream(seed: number, run: number): Xoshiro128 {
  return createRng(seed, run)
}

/** The stream of policy p in run r: disjoint from every environment stream and from other policies. */
export function policyStream(seed: number, policy: number, run: number): Xoshiro128 {
  return createRng(seed, (policy + 1) * 4294967296 + run)
}

/**
 * The stream of the logged history before run r (shared by every policy of the run): stream
 * 2⁵² + r, disjoint from the environment streams (r) and the policy streams ((p + 1)·2³² + r, p < 2²⁰ − 1).
 */
export function historyStream(seed: number, run: number): Xoshiro128 {
  return createRng(seed, 4503599627370496 + run)
}

/**
 * The stream of the result-randomisation experiment that estimates a slate config's examination
 * probabilities before any run: stream 2⁵² + 2⁵¹, above every history stream (2⁵² + r, r < 2⁵¹).
 */
export function examinationStream(seed: number): Xoshiro128 {
  return createRng(seed, 6755399441055744)
}
