import { describe, expect, it } from "vitest"
import {
  EcommerceEnvironment,
  EpsilonGreedy,
  Greedy,
  RandomPolicy,
  simulate,
  simulationConclusions,
  simulationReport,
} from "../../src"

// The simulation report opens with conclusions computed from its numbers, and its table drops
// columns that repeat another (ctr = mean reward for click rewards) or that are a fixed multiple of one.
describe("simulation report", () => {
  const env = new EcommerceEnvironment({
    world: { users: 30, items: 60, categories: 6, days: 3, seed: 2 },
    stepsPerDay: 200,
  })
  const result = simulate(
    env,
    [
      new RandomPolicy({ arms: env.nArms }),
      new Greedy({ arms: env.nArms }),
      new EpsilonGreedy({ arms: env.nArms, epsilon: 0.1 }),
    ],
    { horizon: 600, runs: 4, seed: 3 },
  )

  it("concludes with the best earner and the best discoverer, from the numbers", () => {
    const best = result.policies.reduce((a, b) => (b.finals.meanReward.mean > a.finals.meanReward.mean ? b : a))
    const text = simulationConclusions(result).join(" ")
    expect(text).toContain(
      `Over 4 runs × 600 steps, ${best.name} earned the most reward per step, ${best.finals.meanReward.mean.toPrecision(4)}`,
    )
    expect(text).toMatch(/discovered the largest share of users' true top interests/)
  })

  it("shows ctr once (it equals the mean reward), item coverage as a note, readable headers", () => {
    const report = simulationReport(result, "t", {})
    const table = report.sections[1].tables![0]
    expect(report.sections[0].heading).toBe("Conclusions")
    expect(table.columns).toContain("mean reward")
    expect(table.columns).not.toContain("CTR")
    expect(table.columns).not.toContain("item coverage")
    expect(table.columns.every((c) => !/[a-z][A-Z]/.test(c))).toBe(true)
    expect(report.sections[1].paragraphs!.join(" ")).toMatch(
      /CTR equals mean reward for every policy.*item coverage is 0.1000 × coverage for every policy/s,
    )
  })
})
