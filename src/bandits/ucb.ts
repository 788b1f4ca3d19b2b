import { IndexPolicy } from "./index-policy"
import { checkArms, checkNonNegative } from "./validate"

/**
 * Upper confidence bound with parameter c: argmax_a Q(a) + c·sqrt(ln t / N(a)), untried arms first.
 * Source: Sutton & Barto (2018) §2.7, eq. 2.10 (figure 2.4 uses c = 2).
 * @example const p = new Ucb({ arms: 10, c: 2 }); p.select(undefined, rng)
 */
export class Ucb extends IndexPolicy {
  readonly name: string
  readonly config: Readonly<{ arms: number; c: number }>

  constructor(options: { arms: number; c?: number; name?: string }, who = "Ucb") {
    super(checkArms(who, options.arms))
    const c = checkNonNegative(who, "c", options.c ?? 2)
    this.config = { arms: this.nArms, c }
    this.name = options.name ?? `ucb-${c}`
  }

  indices(out: Float64Array): Float64Array {
    const logT = Math.log(Math.max(1, this.steps))
    const c = this.config.c
    for (let a = 0; a < this.nArms; a++) {
      const n = this.counts[a]
      out[a] = n === 0 ? Infinity : this.means[a] + c * Math.sqrt(logT / n)
    }
    return out
  }
}
