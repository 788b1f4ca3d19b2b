import type { Rng } from "../random/rng"
import { checkEpsilon } from "./parameters"

/**
 * Randomized response for one binary signal (did the user click?), the oldest local-DP mechanism
 * (Warner 1965; Dwork & Roth 2014, §3.2). Each user reports the truth with probability
 * p = e^ε / (1 + e^ε) and the opposite otherwise; the ratio p / (1 − p) = e^ε makes it ε-DP
 * without trusting the collector.
 *
 * The observed rate λ = π·p + (1 − π)(1 − p) is biased towards ½; the unbiased estimator of the
 * true rate π is π̂ = (λ̂ − (1 − p)) / (2p − 1), with Var π̂ = λ(1 − λ) / (n (2p − 1)²).
 *
 * @example
 * const rr = new RandomizedResponse({ epsilon: 1 })
 * const reports = rr.privatize(clicks, rng)
 * rr.estimateRate(reports) // ≈ the true click rate
 */
export class RandomizedResponse {
  /** Probability of reporting the true bit. */
  readonly truthProbability: number

  constructor(readonly config: { epsilon: number }) {
    checkEpsilon(config.epsilon, "RandomizedResponse")
    this.truthProbability = 1 / (1 + Math.exp(-config.epsilon))
  }

  /** One private report of `bit` (0 or 1). */
  respond(bit: number, rng: Rng): number {
    if (bit !== 0 && bit !== 1) throw new Error(`RandomizedResponse.respond: bit must be 0 or 1, got ${bit}`)
    return rng.next() < this.truthProbability ? bit : 1 - bit
  }

  /** Private reports of many bits (a new array). */
  privatize(bits: ArrayLike<number>, rng: Rng): Uint8Array {
    const out = new Uint8Array(bits.length)
    for (let i = 0; i < bits.length; i++) out[i] = this.respond(bits[i], rng)
    return out
  }

  /**
   * The unbiased estimate of the true rate from reports, with its standard error (plug-in λ̂).
   * The estimate may leave [0, 1] for small samples: clamping it would bias it.
   */
  estimateRate(reports: ArrayLike<number>): { rate: number; standardError: number } {
    const n = reports.length
    if (n === 0) throw new Error("RandomizedResponse.estimateRate: reports must not be empty")
    let ones = 0
    for (let i = 0; i < n; i++) {
      const r = reports[i]
      if (r !== 0 && r !== 1) throw new Error(`RandomizedResponse.estimateRate: report ${i} must be 0 or 1, got ${r}`)
      ones += r
    }
    const p = this.truthProbability
    const lambda = ones / n
    const scale = 2 * p - 1
    return { rate: (lambda - (1 - p)) / scale, standardError: Math.sqrt((lambda * (1 - lambda)) / n) / scale }
  }
}
