import { describe, expect, it } from "vitest"
import { EcommerceEnvironment } from "../../src/simulation/ecommerce"
import { historyStream } from "../../src/simulation/streams"
import { createRng } from "../../src/random/rng"

describe("EcommerceEnvironment with a friend graph", () => {
  const world = { users: 60, items: 80, categories: 6, days: 5, seed: 4 }
  const plain = new EcommerceEnvironment({ world, history: { days: 2 } })
  const social = new EcommerceEnvironment({ world, history: { days: 2 }, friends: { meanDegree: 6, homophily: 2 } })

  it("draws nothing from the world's streams: the same history, contexts and rewards as without", () => {
    const a = plain.loggedHistory(historyStream(1, 0))
    const b = social.loggedHistory(historyStream(1, 0))
    expect(Array.from(b.arm)).toEqual(Array.from(a.arm))
    expect(Array.from(b.reward)).toEqual(Array.from(a.reward))
    plain.reset(createRng(2))
    social.reset(createRng(2))
    for (let t = 0; t < 200; t++) {
      const ra = createRng(3, t)
      const rb = createRng(3, t)
      const ca = plain.context(t, ra)
      const cb = social.context(t, rb)
      expect(cb.user).toBe(ca.user)
      expect(social.reward(t % 6, cb, rb)).toBe(plain.reward(t % 6, ca, ra))
    }
  })

  it("hands policies the friend lists only (no interests), and none without `friends`", () => {
    const b = social.loggedHistory(historyStream(1, 0))
    expect(b.friends).toBeDefined()
    expect(Object.keys(b.friends ?? {}).sort()).toEqual(["neighbours", "nUsers", "offsets"].sort())
    expect(b.friends?.nUsers).toBe(60)
    expect(plain.loggedHistory(historyStream(1, 0)).friends).toBeUndefined()
  })
})

describe("the `friends` option in a config", () => {
  it("names the field and the rule of a bad value", async () => {
    const { validate } = await import("../../src/config/load-config")
    const { simulationConfigSchema } = await import("../../src/simulation")
    const config = (friends: unknown) => ({
      environment: { type: "ecommerce", world: { users: 20, items: 30, categories: 4 }, friends },
      policies: [{ type: "friend-thompson" }],
      horizon: 10,
    })
    expect(() => validate(simulationConfigSchema, config({ meanDegree: 4, homophily: -1 }), "exp.yaml")).toThrow(
      /friends\.homophily/,
    )
    expect(() => validate(simulationConfigSchema, config({ meanDegree: 4, homophily: 1 }), "exp.yaml")).not.toThrow()
  })
})
