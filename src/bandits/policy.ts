import type { Rng } from "../random/rng"
import type { Explanation } from "../schema/explanation"
import type { InteractionHistory } from "../schema/interaction-history"

/**
 * The one interface for every bandit policy, context-free or contextual (a context-free policy
 * ignores the context). Exposing `probabilities` is what makes a policy loggable and evaluable
 * off-policy: it is the propensity of each arm in the next `select`.
 *
 * Contract (checked for every policy in test/bandits/contract.test.ts):
 * - `probabilities(context)` sums to 1 and does not change the policy's state;
 * - `select(context, rng)` draws an arm with those probabilities (Monte Carlo-estimated for
 *   policies without closed-form propensities, e.g. Thompson sampling, with a stated number of draws);
 * - `update(arm, reward, context)` learns from the observed reward;
 * - `reset()` returns to the state right after construction.
 * - `config`, where present, is the validated hyper-parameters (for reports), never learned state.
 * - `warmStart(history, rng)`, where present, is called once per run after `reset()` and before the
 *   first step, with the logged history of the users (no ground truth); `rng` is the policy's own stream.
 * - `explain(arm, context)`, where present (every registered policy), says why `arm`, just returned by
 *   `select(context, …)`, was picked: called after `select` and before `update`, it reads the policy's
 *   state (and what `select` drew) without changing it or drawing anything.
 * - `restored()`, where present, is called by `policyFromState` (and so `loadPolicy`) after it wrote a saved
 *   state into the policy's fields: it rebuilds what the policy derives from them (a kernel's own copy).
 */
export interface Policy<C = unknown> {
  readonly name: string
  readonly nArms: number
  readonly config?: Readonly<Record<string, unknown>>
  probabilities(context: C): Float64Array
  select(context: C, rng: Rng): number
  update(arm: number, reward: number, context: C): void
  reset(): void
  warmStart?(history: InteractionHistory, rng: Rng): void
  explain?(arm: number, context: C): Explanation
  restored?(): void
}
