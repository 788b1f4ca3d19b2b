import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { LinUcb, RandomPolicy } from "../../src/bandits"
import { ECOMMERCE_FEATURES, EcommerceEnvironment, simulate } from "../../src/simulation"

describe("EcommerceEnvironment", () => {
  const env = new EcommerceEnvironment({ world: { users: 300, items: 150, categories: 8, seed: 11 }, stepsPerDay: 10 })

  it("expected rewards are the world's ground-truth click probabilities (position 0, no fatigue yet)", () => {
    env.reset()
    const rng = createRng(1)
    const ctx = env.context(3, rng)
    const out = env.expectedRewards(ctx, new Float64Array(env.nArms))
    for (let a = 0; a < env.nArms; a++) {
      expect(out[a]).toBeCloseTo(env.world.clickProbability(ctx.user, env.armItem[a], ctx.situation, 0, 0), 14)
    }
    expect(ctx.features.length).toBe(ECOMMERCE_FEATURES)
    expect(ctx.segment).toBe(env.world.users.segment[ctx.user])
  })

  it("fatigue: a second same-day exposure of a category lowers its expected click", () => {
    env.reset()
    const rng = createRng(2)
    const ctx = env.context(0, rng)
    const before = env.expectedReward(0, ctx)
    env.reward(0, ctx, rng)
    expect(env.expectedReward(0, ctx)).toBeLessThan(before)
  })

  it("a reward draw consumes the same randomness whatever the arm (common random numbers)", () => {
    const a = createRng(5)
    const b = createRng(5)
    env.reset()
    const ctx = env.context(0, a)
    env.context(0, b)
    env.reward(0, ctx, a)
    env.reward(5, ctx, b)
    expect(a.next()).toBe(b.next())
  })

  it("LinUCB beats random on CTR and every run metric is in range", () => {
    const result = simulate(env, [new RandomPolicy({ arms: env.nArms }), new LinUcb({ arms: env.nArms, dimension: ECOMMERCE_FEATURES, alpha: 0.3 })], {
      horizon: 1500,
      runs: 4,
      seed: 3,
    })
    const [random, linucb] = result.policies
    expect(linucb.finals.ctr.mean).toBeGreaterThan(random.finals.ctr.mean)
    for (const p of result.policies) {
      for (const k of ["interestDiscovery", "diversity", "itemCoverage", "coverage", "conversion"]) {
        expect(p.finals[k].mean).toBeGreaterThanOrEqual(0)
        expect(p.finals[k].mean).toBeLessThanOrEqual(1)
      }
      expect(p.finals.novelty.mean).toBeGreaterThan(0)
    }
    // Random shows every category to everyone, so its diversity is the highest.
    expect(random.finals.diversity.mean).toBeGreaterThan(linucb.finals.diversity.mean)
  })
})
