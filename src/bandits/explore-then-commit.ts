import type { Rng } from "../random/rng"
import type { Policy } from "./policy"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkArm, checkArms, checkReward } from "./validate"
import { checkOptions, defineOptions, type OptionsOf } from "../config/option-schema"
import { definePolicy } from "./policy-descriptor"
import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"

/** The options of {@link ExploreThenCommit}. */
export const exploreThenCommitOptions = defineOptions({
  explorations: {
    kind: "number",
    integer: true,
    min: 1,
    default: 10,
    doc: "plays m of every arm, in turn, before committing (optimal near 4/Δ²·ln(nΔ²/4))",
  },
})

/** Options of {@link ExploreThenCommit}. */
export interface ExploreThenCommitOptions extends OptionsOf<typeof exploreThenCommitOptions.fields> {
  arms: number
  name?: string
}

/**
 * Explore-then-commit: play every arm m times in turn (A_t = t mod K for t < mK), then commit for
 * good to the arm with the best sample mean after those mK plays (ties drawn uniformly, once).
 * With two unit-variance Gaussian arms and gap Δ, the wrong arm is committed to with probability
 * Φ(−Δ·sqrt(m/2)), so the expected regret over n steps is mΔ + (n − 2m)·Δ·Φ(−Δ·sqrt(m/2)).
 * Source: Lattimore & Szepesvári (2020), "Bandit Algorithms", chapter 6 (algorithm 1, theorem 6.1);
 * Garivier, Lattimore & Kaufmann (2016), "On explore-then-commit strategies", NIPS.
 * Propensities: 1 on the scheduled or committed arm; at the commit, shared by the tied best arms.
 * @example
 * const p = new ExploreThenCommit({ arms: 2, explorations: 10 })
 * p.update(p.select(undefined, rng), 1) // arms 0, 1, 0, 1, … for 20 steps, then the better one
 */
export class ExploreThenCommit implements Policy<unknown> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{ arms: number; explorations: number }>
  /** Sample means and pull counts of the exploration phase (learned state). */
  readonly means: Float64Array
  readonly counts: Float64Array
  private steps = 0
  /** The arm committed to, or −1 before the commit. */
  private committed = -1

  constructor(options: ExploreThenCommitOptions) {
    const who = "ExploreThenCommit"
    const arms = checkArms(who, options.arms)
    const { explorations } = checkOptions(who, exploreThenCommitOptions, options)
    this.nArms = arms
    this.config = { arms, explorations }
    this.name = options.name ?? `etc-${explorations}`
    this.means = new Float64Array(arms)
    this.counts = new Float64Array(arms)
  }

  private exploring(): boolean {
    return this.steps < this.config.explorations * this.nArms
  }

  probabilities(): Float64Array {
    const p = new Float64Array(this.nArms)
    if (this.exploring()) p[this.steps % this.nArms] = 1
    else if (this.committed >= 0) p[this.committed] = 1
    else addArgmaxMass(this.means, this.nArms, 1, p)
    return p
  }

  select(_context: unknown, rng: Rng): number {
    if (this.exploring()) return this.steps % this.nArms
    if (this.committed < 0) this.committed = argmaxRandomTie(this.means, this.nArms, rng)
    return this.committed
  }

  /** "explore" in the round-robin phase, "exploit" once committed to the best mean of that phase. */
  explain(arm: number): Explanation {
    checkArm(this.name, arm, this.nArms)
    const exploring = this.exploring()
    const m = this.config.explorations
    return {
      item: arm,
      score: this.means[arm],
      kind: exploring ? "explore" : "exploit",
      combine: "none",
      contributions: [
        { label: "mean of the exploration phase", value: this.means[arm] },
        { label: "pulls in the exploration phase", value: this.counts[arm] },
      ],
      text: exploring
        ? `Arm ${arm} in round ${this.steps + 1} of the ${m * this.nArms}-round phase that plays every arm ${m} times in turn: exploration`
        : `Committed after ${m * this.nArms} rounds to arm ${arm}, the best mean of the exploration phase (${formatValue(this.means[arm])}): exploitation`,
    }
  }

  update(arm: number, reward: number): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    if (this.exploring()) {
      const n = ++this.counts[arm]
      this.means[arm] += (reward - this.means[arm]) / n
    }
    this.steps++
  }

  reset(): void {
    this.means.fill(0)
    this.counts.fill(0)
    this.steps = 0
    this.committed = -1
  }
}

/** Registry entry of {@link ExploreThenCommit}. */
export const exploreThenCommitPolicy = definePolicy({
  type: "explore-then-commit",
  description:
    "explore-then-commit: every arm m times in turn, then the best sample mean for good (Lattimore & Szepesvári 2020, ch. 6)",
  optionsSchema: exploreThenCommitOptions,
  savable: ExploreThenCommit,
  create: (options, setting) => new ExploreThenCommit({ ...options, arms: setting.arms }),
})
