import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import {
  createOnlineRetailEnvironment,
  loadMonthlyPurchases,
  loadOnlineRetailCalibration,
  OnlineRetailEnvironment,
  onlineRetailEnvironmentSpecSchema,
} from "../../src/retail/online-retail-environment"

describe("OnlineRetailEnvironment", () => {
  const env = new OnlineRetailEnvironment()
  const cal = env.calibration

  it("uniformly random recommendations have the real monthly purchase rate", () => {
    let s = 0
    for (let m = 0; m < 12; m++) for (const p of env.probabilities(m)) s += p
    expect(s / (12 * env.nCustomers * env.nArms)).toBeCloseTo(cal.realRate, 6)
    expect(cal.realRate).toBeGreaterThan(0.05)
    expect(cal.realRate).toBeLessThan(0.12)
  })

  it("draws the same customers and noise whatever the arm (common random numbers)", () => {
    const play = (arm: number): number[] => {
      const rng = createRng(5)
      const out: number[] = []
      env.reset()
      for (let t = 0; t < 200; t++) {
        const c = env.context(t, rng)
        out.push(c.customer)
        env.reward(arm, c, rng)
      }
      return out
    }
    expect(play(0)).toEqual(play(7))
  })

  it("drifts month by month, and is stationary without drift", () => {
    const ctx = { customer: 3, user: 3, month: 0 }
    const jan = env.expectedReward(0, { ...ctx, month: 1 })
    const jul = env.expectedReward(0, { ...ctx, month: 7 })
    expect(jan).not.toBe(jul)
    const flat = createOnlineRetailEnvironment(
      onlineRetailEnvironmentSpecSchema.parse({ type: "online-retail", drift: false, customers: 50 }),
    )
    expect(flat.stationary).toBe(true)
    const rng = createRng(1)
    expect(flat.context(5000, rng).month).toBe(0)
    const out = new Float64Array(flat.nArms)
    flat.expectedRewards({ customer: 3, user: 3, month: 0 }, out)
    expect(out[2]).toBe(flat.expectedReward(2, { customer: 3, user: 3, month: 0 }))
  })

  it("personalises: customers disagree on their best product", () => {
    const p = env.probabilities(0)
    const best = new Set<number>()
    for (let u = 0; u < env.nCustomers; u++) {
      let b = 0
      for (let a = 1; a < env.nArms; a++) if (p[u * env.nArms + a] > p[u * env.nArms + b]) b = a
      best.add(b)
    }
    expect(best.size).toBeGreaterThan(5)
  })

  it("validates its options and its config", () => {
    expect(() => new OnlineRetailEnvironment({ customers: 0 })).toThrow(
      "customers must be an integer in [1, 1000], got 0",
    )
    expect(onlineRetailEnvironmentSpecSchema.safeParse({ type: "online-retail", arms: 3 }).success).toBe(false)
  })
})

describe("online-retail in simulate configs", () => {
  it("is an environment type of the simulate config, and random play buys at the calibrated real rate", async () => {
    const { simulationConfigSchema } = await import("../../src/simulation/config")
    const { simulateConfig } = await import("../../src/simulation/runner")
    const config = simulationConfigSchema.parse({
      environment: { type: "online-retail", customers: 200, drift: true, stepsPerMonth: 100 },
      policies: [
        { type: "random", name: "random" },
        { type: "thompson", name: "thompson" },
      ],
      horizon: 1200,
      runs: 4,
      seed: 3,
    })
    const result = await simulateConfig(config)
    const byName = new Map(result.policies.map((p) => [p.name, p]))
    // The calibration sets the intercept so that random recommendations buy at the real monthly rate (8.07%).
    expect(byName.get("random")!.finals.meanReward.mean).toBeGreaterThan(0.06)
    expect(byName.get("random")!.finals.meanReward.mean).toBeLessThan(0.1)
    expect(byName.get("thompson")!.finals.cumulativeRegret.mean).toBeLessThan(
      byName.get("random")!.finals.cumulativeRegret.mean,
    )
  })
})

describe("online-retail: real purchases before the split as history", () => {
  const env = new OnlineRetailEnvironment({ customers: 200, history: { months: 6 }, stepsPerMonth: 10 })
  const purchases = loadMonthlyPurchases()

  it("holds, for every active customer-month before the split, one impression per arm with the real purchase indicator", () => {
    const h = env.loggedHistory(createRng(1))
    expect(h.nUsers).toBe(200)
    expect(h.nArms).toBe(20)
    let active = 0
    let bought = 0
    for (let i = 0; i < purchases.rows.length; i += 3) {
      const [u, m, mask] = purchases.rows.slice(i, i + 3)
      if (u >= 200 || m >= 6) continue
      active++
      for (let a = 0; a < 20; a++) bought += (mask >>> a) & 1
    }
    expect(h.user.length).toBe(active * 20)
    expect(h.reward.reduce((s, x) => s + x, 0)).toBe(bought)
    expect(Array.from(new Set(h.propensity))).toEqual([1])
    expect(active).toBeGreaterThan(50)
  })

  it("the run starts after the split, and the context carries the customer as `user`", () => {
    env.reset()
    const ctx = env.context(0, createRng(2))
    expect(ctx.month).toBe(6)
    expect(ctx.user).toBe(ctx.customer)
    expect(env.context(10, createRng(2)).month).toBe(7)
  })

  it("the shipped purchases match the calibration's customers and arms, and the first row is a real purchase month of that customer", () => {
    const cal = loadOnlineRetailCalibration()
    expect(purchases.customers).toEqual(cal.customers)
    expect(purchases.arms).toEqual(cal.arms.map((a) => a.stockCode))
    expect(purchases.months).toEqual(cal.months)
  })
})
