import type { Policy } from "../../bandits/policy"
import type { Xoshiro128 } from "../../random/rng"
import type { PolicyAccumulator } from "../accumulator"

/**
 * What a kernel gets for one run: the environment's arm means and the two streams, both already
 * reset as the generic loop resets them.
 * @internal
 */
export interface KernelRun {
  /** Number of arms K. */
  K: number
  horizon: number
  /** Expected reward of every arm, and the best of them. */
  means: Float64Array
  best: number
  /** Bernoulli thresholds p_a·2³² (as `BernoulliArms.reward` compares them), null for the Gaussian testbed. */
  thresholds: Float64Array | null
  /** The testbed's reward noise sd (0 for Bernoulli arms). */
  noiseSd: number
  /** The policy stream's state words at st[POLICY..POLICY + 3], the environment stream's at st[ENV..ENV + 3]. */
  st: Int32Array
  /** The environment stream, whose state `st[ENV..]` copies (for the rare draws made by a call). */
  envRng: Xoshiro128
  acc: PolicyAccumulator
  /** [total reward, cumulative regret] at the end of the run, written by the kernel. */
  out: Float64Array
}

/** Offset of the policy stream's state words in {@link KernelRun.st}. @internal */
export const POLICY = 0
/** Offset of the environment stream's state words in {@link KernelRun.st}. @internal */
export const ENV = 4

/** A policy class, matched by exact constructor (a subclass may change select or update). @internal */
export type PolicyClass = abstract new (...args: never[]) => Policy<unknown>

/**
 * A specialised loop for some policy classes: the policy's select/update and the environment's
 * reward inlined into one loop over typed arrays, with the generic loop's draws in the same order
 * and the same floating-point operations, so the numbers are identical.
 * @internal
 */
export interface Kernel {
  readonly name: string
  /** The classes it plays, matched by exact constructor. */
  readonly policies: readonly PolicyClass[]
  /**
   * Every key of the policy's `config`, with how the kernel honours it. A policy whose config has
   * any other key takes the generic loop (an option the kernel does not know of would be ignored),
   * and test/simulation/kernels/config-fields.test.ts fails until the kernel lists it.
   */
  readonly config: Readonly<Record<string, string>>
  /**
   * Fields of the policy that are work space, which it overwrites before it reads them (the index
   * buffer that `select` fills): the kernel leaves them as they are, and they are the only fields in
   * which the policy may differ from the one the generic loop played.
   */
  readonly scratch: readonly string[]
  /** Further conditions on the policy and the environment (Bernoulli arms or the Gaussian testbed). */
  accepts(policy: Policy<unknown>, bernoulli: boolean): boolean
  /**
   * Plays the run into `run.acc` and `run.out` and leaves the policy in the state the generic loop
   * leaves it in (reset, then `horizon` updates); returns the play count of every arm.
   */
  play(policy: Policy<unknown>, run: KernelRun): Float64Array
}
