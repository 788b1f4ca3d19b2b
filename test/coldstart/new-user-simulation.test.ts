import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { BetaThompson } from "../../src/bandits/thompson-beta"
import { generateWorld, simulateEvents } from "../../src/world"
import { simulateNewUsers } from "../../src/coldstart/new-user-simulation"

describe("simulateNewUsers", () => {
  const world = generateWorld({ users: 600, items: 300, seed: 1 })
  const events = simulateEvents(world).events
  const clicks = new Float64Array(world.nCategories)
  for (let e = 0; e < events.length; e++) if (events.type[e] === 1) clicks[world.catalog.category[events.item[e]]]++
  const users = Array.from({ length: 120 }, (_, k) => 480 + k)

  it("orders strategies as expected: oracle > bandit with prior and first-click > popular", () => {
    const res = simulateNewUsers(
      world,
      { users, steps: 150, day: 25, categoryClicks: clicks },
      [
        { name: "popular", kind: "popular" },
        { name: "first-click", kind: "first-click" },
        { name: "oracle", kind: "oracle" },
        {
          name: "thompson",
          kind: "policy",
          make: () => new BetaThompson({ arms: world.nCategories, priorAlpha: 0.5, priorBeta: 4 }),
        },
      ],
      createRng(3),
    )
    const late = (name: string) => {
      const c = res.find((r) => r.name === name)!.clickRate
      return c.slice(100).reduce((s, x) => s + x, 0) / 50
    }
    expect(late("oracle")).toBeGreaterThan(late("thompson"))
    expect(late("thompson")).toBeGreaterThan(late("popular"))
    expect(late("first-click")).toBeGreaterThan(late("popular"))
    // the oracle's rate is the mean of the true click probabilities: bounded by the world's CTR scale
    expect(late("oracle")).toBeLessThan(0.5)
  })

  it("refuses bad input", () => {
    expect(() =>
      simulateNewUsers(world, { users, steps: 0, day: 1, categoryClicks: clicks }, [], createRng(1)),
    ).toThrow(/steps must be a positive integer/)
    expect(() => simulateNewUsers(world, { users, steps: 1, day: 1, categoryClicks: [1] }, [], createRng(1))).toThrow(
      /categoryClicks must have/,
    )
  })
})
