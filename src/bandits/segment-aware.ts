import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Policy } from "./policy"
import { addArgmaxMass, argmaxRandomTie } from "./argmax"
import { checkArm, checkArms, checkRange, checkReward } from "./validate"

/** The context a segment-aware policy needs: which segment the current user belongs to. */
export interface SegmentContext {
  /** Segment index in [0, epsilons.length). In the e-commerce simulation this is the world's ground
   *  truth `world.users.segment` (0 focused, 1 broad), not a k-means estimate. */
  readonly segment: number
}

/**
 * Segment-aware ε-greedy (seed 000 §2: explore more for broad-interest users, exploit for focused
 * ones): each segment s has its own exploration rate ε_s and its own sample-average estimates
 * Q_s(a), so a focused segment settles on its few favourites while a broad one keeps sampling.
 * Propensities: ε_s/K + (1 − ε_s)/m on the m greedy arms of segment s.
 * @example new SegmentEpsilonGreedy({ arms: 20, epsilons: [0.02, 0.2] }).select({ segment: 1 }, rng)
 */
export class SegmentEpsilonGreedy implements Policy<SegmentContext> {
  readonly name: string
  readonly nArms: number
  readonly config: Readonly<{ arms: number; epsilons: readonly number[] }>
  /** Q_s(a) at s·K + a (learned state). */
  readonly values: Float64Array
  readonly counts: Float64Array
  private readonly view: Float64Array[]

  constructor(options: { arms: number; epsilons: number[]; name?: string }) {
    const arms = checkArms("SegmentEpsilonGreedy", options.arms)
    if (!Array.isArray(options.epsilons) || options.epsilons.length === 0) {
      throw new Error(`SegmentEpsilonGreedy: epsilons must be a non-empty array (one ε per segment), got ${String(options.epsilons)}`)
    }
    const epsilons = options.epsilons.map((e, i) => checkRange("SegmentEpsilonGreedy", `epsilons[${i}]`, e, 0, 1))
    this.nArms = arms
    this.config = { arms, epsilons }
    this.name = options.name ?? `segment-eps-${epsilons.join("/")}`
    this.values = new Float64Array(arms * epsilons.length)
    this.counts = new Float64Array(arms * epsilons.length)
    this.view = epsilons.map((_, s) => this.values.subarray(s * arms, (s + 1) * arms))
  }

  private segmentOf(context: SegmentContext): number {
    const s = context?.segment
    if (!(Number.isInteger(s) && s >= 0 && s < this.config.epsilons.length)) {
      throw new Error(`${this.name}: context.segment must be an integer in [0, ${this.config.epsilons.length - 1}], got ${String(s)}`)
    }
    return s
  }

  probabilities(context: SegmentContext): Float64Array {
    const s = this.segmentOf(context)
    const eps = this.config.epsilons[s]
    return addArgmaxMass(this.view[s], this.nArms, 1 - eps, new Float64Array(this.nArms).fill(eps / this.nArms))
  }

  select(context: SegmentContext, rng: Rng): number {
    const s = this.segmentOf(context)
    const eps = this.config.epsilons[s]
    if (eps > 0 && rng.next() < eps) return randomInt(rng, this.nArms)
    return argmaxRandomTie(this.view[s], this.nArms, rng)
  }

  update(arm: number, reward: number, context: SegmentContext): void {
    checkArm(this.name, arm, this.nArms)
    checkReward(this.name, reward)
    const i = this.segmentOf(context) * this.nArms + arm
    const n = ++this.counts[i]
    this.values[i] += (reward - this.values[i]) / n
  }

  reset(): void {
    this.values.fill(0)
    this.counts.fill(0)
  }
}
