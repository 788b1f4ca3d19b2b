import type { Rng } from "../random/rng"
import type { ScoringPolicy } from "./scorer"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkArm, checkReward } from "./validate"
import type { Explanation } from "../schema/explanation"
import { indexExplanation } from "./explain-pick"

/**
 * The common shape of index policies (UCB family, Bayes-UCB): each arm gets an index computed
 * from its statistics, the policy plays argmax (ties uniform), untried arms first. Subclasses
 * write `indices(out)` and keep their own statistics in `update`.
 * Deterministic given the history, so the propensities are 1/m on the m maximisers.
 */
export abstract class IndexPolicy implements ScoringPolicy<unknown> {
  abstract readonly name: string
  readonly nArms: number
  /** Pull counts N(a). */
  readonly counts: Float64Array
  /** Sample means of the rewards. */
  readonly means: Float64Array
  /** Number of updates so far, t. */
  protected steps = 0
  protected readonly buffer: Float64Array

  protected constructor(arms: number) {
    this.nArms = arms
    this.counts = new Float64Array(arms)
    this.means = new Float64Array(arms)
    this.buffer = new Float64Array(arms)
  }

  /** Writes every arm's index into `out` (untried arms: +∞). */
  abstract indices(out: Float64Array): Float64Array

  /** The indices as slate scores (a `ScoringPolicy`). */
  scores(_context: unknown, _rng: Rng, out: Float64Array): Float64Array {
    return this.indices(out)
  }

  probabilities(): Float64Array {
    return addArgmaxMass(this.indices(new Float64Array(this.nArms)), this.nArms, 1, new Float64Array(this.nArms))
  }

  select(_context: unknown, rng: Rng): number {
    return argmaxRandomTie(this.indices(this.buffer), this.nArms, rng)
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    this.steps++
    const n = ++this.counts[arm]
    this.means[arm] += (reward - this.means[arm]) / n
  }

  /** Every arm's estimate, the index without its bonus, into `out`: the sample means (subclasses may override). */
  estimates(out: Float64Array): Float64Array {
    out.set(this.means)
    return out
  }

  /** Why `arm` was played: its index is its estimate plus a bonus; "exploit" when it also has the best estimate. */
  explain(arm: number): Explanation {
    const index = this.indices(new Float64Array(this.nArms))[arm]
    return indexExplanation(this.name, arm, index, this.estimates(new Float64Array(this.nArms)))
  }

  reset(): void {
    this.counts.fill(0)
    this.means.fill(0)
    this.steps = 0
  }
}
