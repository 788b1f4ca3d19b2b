import { describe, expect, it } from "vitest"
import type { Policy } from "../../src/bandits/policy"
import { RandomPolicy } from "../../src/bandits/random-policy"
import type { Rng } from "../../src/random/rng"
import { abTestErrorRates, runAbTest } from "../../src/simulation/ab-test"
import { EcommerceEnvironment, type EcommerceContext } from "../../src/simulation/ecommerce"
import { logEcommercePolicy } from "../../src/simulation/ecommerce-bandit-log"
import { createPolicy } from "../../src/simulation/factory"
import { twoProportionZTest } from "../../src/stats/two-sample-tests"

const env = new EcommerceEnvironment({ world: { users: 1000, items: 200, seed: 3 } })
const random = (seed: number): Policy<EcommerceContext> =>
  createPolicy({ type: "random" }, env, 0, seed) as Policy<EcommerceContext>

/** A policy that plays like `inner` and remembers the users it served. */
class Recording implements Policy<EcommerceContext> {
  readonly users = new Set<number>()
  readonly name: string
  readonly nArms: number
  updates = 0
  constructor(private readonly inner: Policy<EcommerceContext>) {
    this.name = inner.name
    this.nArms = inner.nArms
  }
  probabilities(c: EcommerceContext): Float64Array {
    return this.inner.probabilities(c)
  }
  select(c: EcommerceContext, rng: Rng): number {
    this.users.add(c.user)
    return this.inner.select(c, rng)
  }
  update(arm: number, reward: number, c: EcommerceContext): void {
    this.updates++
    this.inner.update(arm, reward, c)
  }
  reset(): void {
    this.inner.reset()
  }
}

describe("runAbTest", () => {
  it("randomises users, not visits, and keeps each arm's books", () => {
    const a = new Recording(random(1))
    const b = new Recording(random(2))
    const r = runAbTest(env, { policies: [a, b], visits: 3000, seed: 5, looks: 10 })
    for (const u of a.users) expect(b.users.has(u), `user ${u} in both arms`).toBe(false)
    expect(r.arms[0].visits + r.arms[1].visits).toBe(3000)
    expect(r.arms[0].users + r.arms[1].users).toBe(1000)
    expect(r.arms[0].activeUsers).toBe(a.users.size)
    expect(a.updates + b.updates).toBe(3000)
    for (const arm of r.arms) {
      expect(arm.rate).toBeCloseTo(arm.clicks / arm.visits, 14)
      expect(arm.purchases).toBeLessThanOrEqual(arm.clicks)
    }
    expect(r.visitLevel).toEqual(
      twoProportionZTest(r.arms[0].clicks, r.arms[0].visits, r.arms[1].clicks, r.arms[1].visits),
    )
    expect(r.fixedHorizon.difference).toBeCloseTo(r.visitLevel.difference, 14)
    // Users visit several times, so the delta-method interval is wider than the per-visit one.
    expect(r.fixedHorizon.interval[1] - r.fixedHorizon.interval[0]).toBeGreaterThan(
      r.visitLevel.interval[1] - r.visitLevel.interval[0],
    )
    expect(r.looks.map((l) => l.visit)).toEqual([300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000])
    expect(r.looks[9].fixedPValue).toBe(r.fixedHorizon.pValue)
    expect(r.looks[9].sequentialPValue).toBe(r.sequential.pValue)
    const firstPeek = r.looks.find((l) => l.fixedPValue <= 0.05)
    expect(r.peekingStop).toBe(firstPeek ? firstPeek.visit : null)
    // The always-valid p-value never rises and the confidence sequence never widens.
    for (let k = 1; k < r.looks.length; k++) {
      expect(r.looks[k].sequentialPValue).toBeLessThanOrEqual(r.looks[k - 1].sequentialPValue)
      expect(r.looks[k].sequentialInterval[0]).toBeGreaterThanOrEqual(r.looks[k - 1].sequentialInterval[0])
      expect(r.looks[k].sequentialInterval[1]).toBeLessThanOrEqual(r.looks[k - 1].sequentialInterval[1])
    }
  })

  it("is deterministic in its seed; frozen policies do not learn", () => {
    const run = (seed: number) => runAbTest(env, { policies: [random(1), random(2)], visits: 2000, seed })
    expect(run(9)).toEqual(run(9))
    expect(run(9).arms).not.toEqual(run(10).arms)
    // Computing the ground truth draws nothing: the experiment is the same without it.
    const blind = runAbTest(env, { policies: [random(1), random(2)], visits: 2000, seed: 9, groundTruth: false })
    const seen = run(9)
    expect(blind.arms.map((a) => ({ ...a, trueValue: 0 }))).toEqual(seen.arms.map((a) => ({ ...a, trueValue: 0 })))
    expect(blind.looks).toEqual(seen.looks)
    expect(Number.isNaN(blind.arms[0].trueValue)).toBe(true)
    const b = new Recording(random(2))
    runAbTest(env, { policies: [random(1), b], visits: 500, seed: 1, learn: false })
    expect(b.updates).toBe(0)
  })

  it("ground truth: identical frozen policies have identical true values; a trained one is better", () => {
    const aa = runAbTest(env, { policies: [random(1), random(2)], visits: 2000, seed: 4, learn: false })
    expect(aa.arms[0].trueValue).toBe(aa.arms[1].trueValue)
    const trained = createPolicy({ type: "epsilon-greedy", epsilon: 0.1 }, env, 1, 7) as Policy<EcommerceContext>
    logEcommercePolicy(env, trained, 10_000, 100)
    const ab = runAbTest(env, { policies: [random(1), trained], visits: 8000, seed: 4, learn: false })
    expect(ab.arms[0].trueValue).toBeCloseTo(aa.arms[0].trueValue, 2)
    expect(ab.arms[1].trueValue).toBeGreaterThan(ab.arms[0].trueValue + 0.03)
    const d = ab.arms[1].trueValue - ab.arms[0].trueValue
    // A large true lift: the mSPRT stops well before the horizon, and its confidence sequence holds the truth.
    expect(ab.sequentialStop).not.toBeNull()
    expect(ab.sequentialStop!).toBeLessThan(4000)
    expect(ab.sequential.interval[0]).toBeLessThan(d)
    expect(ab.sequential.interval[1]).toBeGreaterThan(d)
    expect(ab.fixedHorizon.pValue).toBeLessThan(1e-6)
    expect(ab.perUser!.interval[0]).toBeLessThan(d)
    expect(ab.perUser!.interval[1]).toBeGreaterThan(d)
  })

  // An A/A test (two copies of the uniform policy) repeated 300 times, 4,000 visits each: looking at
  // the z-test 20 times inflates its false-positive rate far above α = 0.05; the z-test at the
  // planned horizon does not, and the mSPRT checked after every visit stays below α (Wilson 95%).
  it("an A/A test on the world: peeking inflates false positives, the mSPRT keeps them below α", () => {
    const rates = abTestErrorRates(
      env,
      (run) => [random(2 * run), random(2 * run + 1)],
      { visits: 4000, seed: 100, tau: 0.01 },
      300,
    )
    console.log(
      `A/A on the world, 300 runs: peeking ${rates.peeking.rejections}, horizon ${rates.fixedHorizon.rejections}, per-visit ${rates.visitLevel.rejections}, per-user ${rates.perUser.rejections}, mSPRT ${rates.sequential.rejections}`,
    )
    expect(rates.peeking.interval[0]).toBeGreaterThan(0.1)
    expect(rates.fixedHorizon.interval[0]).toBeLessThan(0.05)
    expect(rates.perUser.interval[0]).toBeLessThan(0.05)
    expect(rates.sequential.interval[1]).toBeLessThan(0.05)
  })

  it("refuses what it cannot test, naming the field", () => {
    const revenue = new EcommerceEnvironment({ world: { users: 50, items: 40, seed: 1 }, reward: "revenue" })
    const r = new RandomPolicy({ arms: revenue.nArms }) as Policy<EcommerceContext>
    expect(() => runAbTest(revenue, { policies: [r, r], visits: 100, seed: 1 })).toThrow(/rewards revenue/)
    expect(() => runAbTest(env, { policies: [random(1), random(2)], visits: 1, seed: 1 })).toThrow(
      /visits must be an integer >= 2, got 1/,
    )
    expect(() => runAbTest(env, { policies: [random(1), random(2)], visits: 100, seed: 1, treatmentShare: 1 })).toThrow(
      /treatmentShare must be in \(0, 1\), got 1/,
    )
    expect(() => runAbTest(env, { policies: [random(1), random(2)], visits: 100, seed: 1, looks: 0 })).toThrow(
      /looks must be an integer in \[1, visits = 100\], got 0/,
    )
    expect(() =>
      runAbTest(env, {
        policies: [random(1), new RandomPolicy({ arms: 3 }) as Policy<EcommerceContext>],
        visits: 100,
        seed: 1,
      }),
    ).toThrow(/has 3 arms, the environment 12/)
    expect(() => abTestErrorRates(env, () => [random(1), random(2)], { visits: 100, seed: 1 }, 0)).toThrow(
      /runs must be a positive integer, got 0/,
    )
  })
})
