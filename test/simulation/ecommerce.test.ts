import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Greedy, LinUcb, RandomPolicy } from "../../src/bandits"
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
    expect(Object.keys(ctx).sort()).toEqual(["features", "situation", "user"])
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
    const result = simulate(
      env,
      [
        new RandomPolicy({ arms: env.nArms }),
        new LinUcb({ arms: env.nArms, dimension: ECOMMERCE_FEATURES, alpha: 0.3 }),
      ],
      {
        horizon: 1500,
        runs: 4,
        seed: 3,
      },
    )
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

  describe("slates under the position-based model", () => {
    const slateEnv = new EcommerceEnvironment({
      world: { users: 300, items: 150, categories: 8, seed: 11 },
      stepsPerDay: 10,
    })

    it("expected slate reward = Σ_p examination(p)·attraction(slate[p]) (Craswell et al. 2008), and position bias lowers a reversed slate", () => {
      slateEnv.reset()
      const rng = createRng(5)
      const ctx = slateEnv.context(7, rng)
      const w = slateEnv.world
      const slate = Int32Array.from([3, 0, 6, 1])
      let pbm = 0
      for (let p = 0; p < 4; p++)
        pbm += w.examination(p) * w.attraction(ctx.user, slateEnv.armItem[slate[p]], ctx.situation, 0)
      expect(slateEnv.expectedSlateReward(slate, 4, ctx)).toBeCloseTo(pbm, 14)
      // Sorted by attraction descending vs ascending: the rearrangement inequality (κ strictly decreasing).
      const order = Array.from({ length: slateEnv.nArms }, (_, a) => a).sort(
        (a, b) =>
          w.attraction(ctx.user, slateEnv.armItem[b], ctx.situation, 0) -
          w.attraction(ctx.user, slateEnv.armItem[a], ctx.situation, 0),
      )
      const bestFirst = Int32Array.from(order.slice(0, 3))
      const bestLast = Int32Array.from(order.slice(0, 3).reverse())
      expect(slateEnv.expectedSlateReward(bestFirst, 3, ctx)).toBeGreaterThan(
        slateEnv.expectedSlateReward(bestLast, 3, ctx),
      )
      expect(slateEnv.bestSlateReward(3, ctx)).toBeCloseTo(slateEnv.expectedSlateReward(bestFirst, 3, ctx), 14)
    })

    it("the best slate is the brute-force maximum over all ordered 2-slates", () => {
      slateEnv.reset()
      const ctx = slateEnv.context(2, createRng(9))
      let brute = -Infinity
      const s = new Int32Array(2)
      for (let a = 0; a < slateEnv.nArms; a++) {
        for (let b = 0; b < slateEnv.nArms; b++) {
          if (a === b) continue
          s[0] = a
          s[1] = b
          brute = Math.max(brute, slateEnv.expectedSlateReward(s, 2, ctx))
        }
      }
      expect(slateEnv.bestSlateReward(2, ctx)).toBeCloseTo(brute, 14)
    })

    it("sampled clicks per position average to examination × attraction", () => {
      const rng = createRng(12)
      slateEnv.reset()
      const ctx = slateEnv.context(4, rng)
      const slate = Int32Array.from([0, 1, 2])
      const w = slateEnv.world
      const expected = [0, 1, 2].map(
        (p) => w.examination(p) * w.attraction(ctx.user, slateEnv.armItem[slate[p]], ctx.situation, 0),
      )
      const n = 40_000
      const clicks = new Uint8Array(3)
      const sums = [0, 0, 0]
      for (let i = 0; i < n; i++) {
        slateEnv.reset() // no fatigue build-up: every draw from the fresh state
        slateEnv.slateReward(slate, 3, ctx, rng, clicks)
        for (let p = 0; p < 3; p++) sums[p] += clicks[p]
      }
      // Binomial SE ≤ 0.0025 at n = 4·10⁴: accept 4 SE.
      for (let p = 0; p < 3; p++) expect(Math.abs(sums[p] / n - expected[p])).toBeLessThan(0.01)
    })
  })

  describe("interest discovery", () => {
    it("equals the share of true top-3 categories (at the last simulated day) shown AND clicked, recomputed by hand", () => {
      const e = new EcommerceEnvironment({ world: { users: 25, items: 100, categories: 8, seed: 6 }, stepsPerDay: 40 })
      e.reset()
      const rng = createRng(3)
      const clicked = new Set<string>()
      const shown = new Set<string>()
      const visited = new Set<number>()
      let lastDay = 0
      for (let t = 0; t < 1500; t++) {
        const ctx = e.context(t, rng)
        const arm = Math.floor(rng.next() * e.nArms)
        e.reward(arm, ctx, rng)
        const cat = e.world.catalog.category[e.armItem[arm]]
        shown.add(`${ctx.user}:${cat}`)
        if (e.lastOutcome().click) clicked.add(`${ctx.user}:${cat}`)
        visited.add(ctx.user)
        lastDay = ctx.situation.day
      }
      let discovery = 0
      let exposure = 0
      for (const u of visited) {
        const top = e.world.trueTopCategories(u, 3, lastDay)
        discovery += top.filter((c) => clicked.has(`${u}:${c}`)).length / 3
        exposure += top.filter((c) => shown.has(`${u}:${c}`)).length / 3
      }
      const m = e.runMetrics()
      expect(m.interestDiscovery).toBeCloseTo(discovery / visited.size, 14)
      expect(m.interestExposure).toBeCloseTo(exposure / visited.size, 14)
      expect(m.interestDiscovery).toBeLessThan(m.interestExposure)
    })

    it("with many visits per user, random exploration discovers far more interests than greedy", () => {
      const e = new EcommerceEnvironment({
        world: { users: 30, items: 100, categories: 10, seed: 8 },
        stepsPerDay: 100,
      })
      const r = simulate(e, [new RandomPolicy({ arms: e.nArms }), new Greedy({ arms: e.nArms })], {
        horizon: 3000,
        runs: 3,
        seed: 2,
      })
      const [random, greedy] = r.policies.map((p) => p.finals.interestDiscovery)
      expect(random.mean).toBeGreaterThan(greedy.ci95[1] + 0.2)
    })
  })
})
