import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { EcommerceEnvironment, historySize, loggingPropensities } from "../../src/simulation"

describe("the logged history before an experiment", () => {
  const env = new EcommerceEnvironment({
    world: { users: 50, items: 120, categories: 6, seed: 2 },
    stepsPerDay: 200,
    history: { days: 10, epsilon: 0.2 },
  })

  it("popularity feed propensities: (1 − ε)·pop/Σpop + ε/K, summing to 1", () => {
    const p = loggingPropensities(Float64Array.of(0.5, 0.3, 0.2), "popularity", 0.1)
    expect(p[0]).toBeCloseTo(0.9 * 0.5 + 0.1 / 3, 15)
    expect(p[2]).toBeCloseTo(0.9 * 0.2 + 0.1 / 3, 15)
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15)
    expect(Array.from(loggingPropensities(Float64Array.of(5, 1), "uniform", 0.1))).toEqual([0.5, 0.5])
  })

  it("has days·stepsPerDay impressions in [0, nUsers) × [0, K), each with its arm's stated propensity, and is deterministic", () => {
    const h = env.loggedHistory(createRng(7, 1))
    expect(h.user.length).toBe(2000)
    expect(h.nUsers).toBe(50)
    expect(h.nArms).toBe(env.nArms)
    const pop = Float64Array.from(env.armItem, (i) => env.world.catalog.popularity[i])
    const pi = loggingPropensities(pop, "popularity", 0.2)
    const shown = new Float64Array(env.nArms)
    for (let i = 0; i < h.user.length; i++) {
      expect(h.propensity[i]).toBe(pi[h.arm[i]])
      expect(h.reward[i] === 0 || h.reward[i] === 1).toBe(true)
      shown[h.arm[i]]++
    }
    // Arms are shown with the stated propensities: within 4 binomial standard errors.
    for (let a = 0; a < env.nArms; a++)
      expect(Math.abs(shown[a] / 2000 - pi[a])).toBeLessThan(4 * Math.sqrt((pi[a] * (1 - pi[a])) / 2000))
    const again = env.loggedHistory(createRng(7, 1))
    expect(Array.from(again.reward)).toEqual(Array.from(h.reward))
    expect(historySize(h).clicksPerUser).toBeGreaterThan(0)
  })

  it("its click rate is the world's click probability under the logging policy (a Monte Carlo check of the click model used)", () => {
    const h = env.loggedHistory(createRng(3, 9))
    const rate = historySize(h).clicks / h.user.length
    // Expected click rate of the same visit process: E over visits of Σ_a π(a)·P(click | u, item_a, situation), no fatigue;
    // fatigue can only lower the logged rate, so it lies below this upper estimate and well above 0.
    const rng = createRng(11)
    const pop = Float64Array.from(env.armItem, (i) => env.world.catalog.popularity[i])
    const pi = loggingPropensities(pop, "popularity", 0.2)
    let expected = 0
    env.reset()
    for (let t = 0; t < 4000; t++) {
      const ctx = env.context(t, rng)
      for (let a = 0; a < env.nArms; a++)
        expected += pi[a] * env.world.clickProbability(ctx.user, env.armItem[a], { ...ctx.situation, day: 0 }, 0, 0)
    }
    expected /= 4000
    expect(rate).toBeLessThan(expected + 0.02)
    expect(rate).toBeGreaterThan(0.5 * expected)
  })

  it("users who arrive during the run have no rows; a history of 0 days is empty", () => {
    const arriving = new EcommerceEnvironment({
      world: { users: 50, items: 120, categories: 6, seed: 2 },
      stepsPerDay: 200,
      history: { days: 5 },
      arrivals: { share: 0.2 },
    })
    const h = arriving.loggedHistory(createRng(1))
    expect(h.nUsers).toBe(50)
    for (let i = 0; i < h.user.length; i++) expect(h.user[i]).toBeLessThan(40)
    const empty = new EcommerceEnvironment({ world: { users: 10, items: 60, categories: 4, seed: 2 } }).loggedHistory(
      createRng(1),
    )
    expect(empty.user.length).toBe(0)
    expect(empty.nUsers).toBe(10)
  })

  it("rejects bad settings naming the field", () => {
    expect(
      () => new EcommerceEnvironment({ world: { users: 10, items: 60, categories: 4 }, history: { days: -1 } }),
    ).toThrow(/history.days/)
    expect(
      () => new EcommerceEnvironment({ world: { users: 10, items: 60, categories: 4 }, history: { epsilon: 0 } }),
    ).toThrow(/history.epsilon/)
  })
})
