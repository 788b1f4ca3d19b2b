import { describe, expect, it } from "vitest"
import type { Policy } from "../../src/bandits/policy"
import { RandomPolicy } from "../../src/bandits/random-policy"
import type { Rng } from "../../src/random/rng"
import { sliceBanditLog } from "../../src/schema/bandit-log"
import { EcommerceEnvironment, ECOMMERCE_FEATURES, type EcommerceContext } from "../../src/simulation/ecommerce"
import {
  ECOMMERCE_FEATURE_NAMES,
  EcommerceLogTarget,
  logEcommercePolicy,
} from "../../src/simulation/ecommerce-bandit-log"
import { createPolicy } from "../../src/simulation/factory"

const env = new EcommerceEnvironment({ world: { users: 300, items: 100, seed: 2 } })

/** Remembers a copy of every context it is asked about. */
class ContextSpy implements Policy<EcommerceContext> {
  readonly name = "spy"
  readonly seen: { user: number; features: number[]; day: number }[] = []
  constructor(readonly nArms: number) {}
  probabilities(c: EcommerceContext): Float64Array {
    this.seen.push({ user: c.user, features: Array.from(c.features), day: c.situation.day })
    const p = new Float64Array(this.nArms).fill(0.5 / (this.nArms - 1))
    p[c.user % this.nArms] = 0.5
    return p
  }
  select(c: EcommerceContext, rng: Rng): number {
    return rng.next() < 0.5
      ? c.user % this.nArms
      : ((c.user % this.nArms) + 1 + Math.floor(rng.next() * (this.nArms - 1))) % this.nArms
  }
  update(): void {}
  reset(): void {
    this.seen.length = 0
  }
}

describe("logEcommercePolicy", () => {
  it("logs every visit with the behaviour policy's propensity, deterministically", () => {
    const logged = logEcommercePolicy(env, new RandomPolicy({ arms: env.nArms }) as Policy<EcommerceContext>, 2000, 4)
    const { log } = logged
    expect(log.length).toBe(2000)
    expect(log.featureNames).toEqual(ECOMMERCE_FEATURE_NAMES)
    expect(ECOMMERCE_FEATURE_NAMES.length).toBe(ECOMMERCE_FEATURES)
    for (let i = 0; i < log.length; i++) expect(log.propensity[i]).toBe(1 / env.nArms)
    const counts = new Float64Array(env.nArms)
    for (const a of log.action) counts[a]++
    for (const c of counts) expect(c).toBeGreaterThan(2000 / env.nArms / 2)
    expect(logEcommercePolicy(env, new RandomPolicy({ arms: env.nArms }) as Policy<EcommerceContext>, 2000, 4)).toEqual(
      logged,
    )
    // An ε-greedy logger (learning while it logs) has propensity ε/K, or ε/K + (1 − ε)/m on one of m tied best arms.
    const eps = logEcommercePolicy(
      env,
      createPolicy({ type: "epsilon-greedy", epsilon: 0.2 }, env, 0, 1) as Policy<EcommerceContext>,
      1000,
      4,
    ).log
    const allowed = [0.2 / env.nArms, ...Array.from({ length: env.nArms }, (_, m) => 0.2 / env.nArms + 0.8 / (m + 1))]
    for (const p of eps.propensity)
      expect(
        allowed.some((x) => Math.abs(p - x) < 1e-12),
        `propensity ${p}`,
      ).toBe(true)
    expect(eps.propensity.filter((p) => Math.abs(p - (0.8 + 0.2 / env.nArms)) < 1e-12).length).toBeGreaterThan(700)
  })

  it("the target rebuilds each round's context exactly as the logging policy saw it", () => {
    const spy = new ContextSpy(env.nArms)
    const logged = logEcommercePolicy(env, spy, 500, 8)
    const during = spy.seen.slice()
    spy.reset()
    const target = new EcommerceLogTarget(spy, logged)
    const out = new Float64Array(env.nArms)
    for (let i = 0; i < logged.log.length; i++) {
      target.actionProbabilities(logged.log, i, out)
      expect(out[logged.users[i] % env.nArms]).toBe(0.5)
    }
    expect(spy.seen).toEqual(during)
    expect(() => target.actionProbabilities(sliceBanditLog(logged.log, 0, 10), 0, out)).toThrow(
      /only the log it was built with/,
    )
  })

  it("refuses bad input", () => {
    expect(() => logEcommercePolicy(env, new RandomPolicy({ arms: 3 }) as Policy<EcommerceContext>, 10, 1)).toThrow(
      /has 3 arms, the environment 12/,
    )
    expect(() =>
      logEcommercePolicy(env, new RandomPolicy({ arms: env.nArms }) as Policy<EcommerceContext>, 0, 1),
    ).toThrow(/visits must be a positive integer, got 0/)
  })
})
