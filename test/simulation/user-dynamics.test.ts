import { describe, expect, it } from "vitest"
import { Greedy, RandomPolicy } from "../../src/bandits"
import { createRng } from "../../src/random/rng"
import { EcommerceEnvironment, UserDynamics, leaveProbability, simulate } from "../../src/simulation"

const world = { users: 60, items: 120, categories: 6, days: 10, seed: 4 }
const leaving = { boredom: 0.2, delight: 1, memory: 0.9, leaveLogit: -6, sensitivity: 1 }

describe("users who leave and users who arrive", () => {
  it("satisfaction follows s ← memory·s − boredom·[repeat] + delight·[discovery]; P(leave) = σ(leaveLogit − sensitivity·s)", () => {
    const d = new UserDynamics(2, 10, leaving, null)
    d.reset(createRng(1))
    d.afterVisit(0, 1, 3, false, 0.5) // first visit: no repeat
    expect(d.satisfaction[0]).toBe(0)
    d.afterVisit(0, 1, 3, false, 0.5) // repeat
    expect(d.satisfaction[0]).toBeCloseTo(-0.2, 15)
    d.afterVisit(0, 1, 2, true, 0.5) // a discovery
    expect(d.satisfaction[0]).toBeCloseTo(0.9 * -0.2 + 1, 15)
    expect(leaveProbability(leaving, 0)).toBeCloseTo(1 / (1 + Math.exp(6)), 15)
    expect(d.present(0, 2)).toBe(true)
    d.afterVisit(0, 2, 2, false, 0) // u = 0 < P(leave): leaves on day 2
    expect(d.present(0, 3)).toBe(false)
    expect(d.leftDay[0]).toBe(2)
  })

  it("arrivals: the last ⌈share·n⌉ users arrive on uniform days and are absent before", () => {
    const d = new UserDynamics(10, 30, null, { share: 0.25 })
    d.reset(createRng(2))
    expect(d.firstNewUser).toBe(7)
    for (let u = 0; u < 7; u++) expect(d.arrivalDay[u]).toBe(0)
    for (let u = 7; u < 10; u++) {
      expect(d.arrivalDay[u]).toBeGreaterThan(0)
      expect(d.present(u, d.arrivalDay[u] - 1e-9)).toBe(false)
      expect(d.present(u, d.arrivalDay[u])).toBe(true)
    }
  })

  it("every step draws the same randomness whatever the arm and whoever is present (common random numbers)", () => {
    const env = new EcommerceEnvironment({
      world,
      stepsPerDay: 30,
      leaving: { leaveLogit: -1 },
      arrivals: { share: 0.3 },
    })
    const a = createRng(5)
    const b = createRng(5)
    env.reset(a)
    const envB = new EcommerceEnvironment({
      world,
      stepsPerDay: 30,
      leaving: { leaveLogit: -1 },
      arrivals: { share: 0.3 },
    })
    envB.reset(b)
    for (let t = 0; t < 200; t++) {
      const ca = env.context(t, a)
      if (env.present()) env.reward(t % env.nArms, ca, a)
      const cb = envB.context(t, b)
      if (envB.present()) envB.reward(0, cb, b)
    }
    expect(a.next()).toBe(b.next())
  })

  it("off by default: with userMetrics alone the curves are those of the plain environment", () => {
    const plain = new EcommerceEnvironment({ world, stepsPerDay: 30 })
    const metered = new EcommerceEnvironment({ world, stepsPerDay: 30, userMetrics: {} })
    const policies = (): [RandomPolicy, Greedy] => [
      new RandomPolicy({ arms: plain.nArms }),
      new Greedy({ arms: plain.nArms }),
    ]
    const r1 = simulate(plain, policies(), { horizon: 300, runs: 2, seed: 3 })
    const r2 = simulate(metered, policies(), { horizon: 300, runs: 2, seed: 3 })
    for (let p = 0; p < 2; p++) {
      expect(Array.from(r2.policies[p].cumulativeRegret)).toEqual(Array.from(r1.policies[p].cumulativeRegret))
      expect(r2.policies[p].finals.ctr).toEqual(r1.policies[p].finals.ctr)
      expect(r2.policies[p].finals.retentionDay10.mean).toBe(1)
    }
  })

  it("repeating one category bores users away: greedy keeps fewer users and loses visits against random", () => {
    const env = new EcommerceEnvironment({ world, stepsPerDay: 300, leaving, userMetrics: { firstVisits: 5 } })
    const r = simulate(env, [new RandomPolicy({ arms: env.nArms }), new Greedy({ arms: env.nArms })], {
      horizon: 3000,
      runs: 4,
      seed: 8,
    })
    const [random, greedy] = r.policies
    expect(greedy.finals.retentionDay10.mean).toBeLessThan(random.finals.retentionDay10.mean)
    expect(greedy.finals.visitsPerUser.mean).toBeLessThan(random.finals.visitsPerUser.mean)
    for (const p of r.policies)
      for (let d = 1; d < 10; d++)
        expect(p.finals[`retentionDay${d + 1}`].mean).toBeLessThanOrEqual(p.finals[`retentionDay${d}`].mean)
  })

  it("new users' regret over their first visits is measured when users arrive", () => {
    const env = new EcommerceEnvironment({
      world,
      stepsPerDay: 300,
      arrivals: { share: 0.3 },
      userMetrics: { firstVisits: 5 },
    })
    const r = simulate(env, [new RandomPolicy({ arms: env.nArms })], { horizon: 3000, runs: 2, seed: 8 })
    expect(r.policies[0].finals.newUserRegret.mean).toBeGreaterThan(0)
    expect(r.policies[0].finals.users.mean).toBeLessThanOrEqual(60)
  })
})
