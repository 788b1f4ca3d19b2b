import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { loadConfig } from "../../src/config/load-config"
import {
  scenarioConfigs,
  simulateScenarios,
  simulationConfigSchema,
  type ScenarioResult,
  type SimulationResult,
} from "../../src/simulation"
import { compareScenario, paretoFrontier, personalFindings } from "../../src/report"

/** Needs the compiled worker: `npm run build` first (the test script does it). */
const config = {
  environment: {
    type: "ecommerce",
    world: { users: 40, items: 120, categories: 6, days: 6, seed: 3 },
    stepsPerDay: 50,
    history: { days: 4 },
    userMetrics: { firstVisits: 5 },
  },
  scenarios: [
    { name: "stay" },
    {
      name: "leave",
      environment: { world: { communities: { count: 3 } }, leaving: { leaveLogit: -4 }, arrivals: { share: 0.25 } },
    },
  ],
  policies: [
    { type: "random" },
    { type: "greedy" },
    { type: "thompson" },
    { type: "hierarchical-thompson" },
    { type: "per-user-thompson" },
  ],
  horizon: 300,
  runs: 6,
  seed: 9,
}

describe("scenarios", () => {
  it("override the environment, and the world one level deep, keeping the rest", () => {
    const [stay, leave] = scenarioConfigs(validate(simulationConfigSchema, config, "test"))
    expect(stay.name).toBe("stay")
    expect(stay.config.environment).toEqual(validate(simulationConfigSchema, config, "test").environment)
    const env = leave.config.environment as Record<string, unknown>
    expect(env.world).toEqual({ users: 40, items: 120, categories: 6, days: 6, seed: 3, communities: { count: 3 } })
    expect(env.history).toEqual({ days: 4 })
    expect(env.arrivals).toEqual({ share: 0.25 })
    expect("scenarios" in leave.config).toBe(false)
  })

  it("a bad scenario field is one error naming the scenario and the field", () => {
    const bad = { ...config, scenarios: [{ name: "oops", environment: { leaving: { memory: 2 } } }] }
    expect(() => scenarioConfigs(validate(simulationConfigSchema, bad, "test"))).toThrow(
      /scenarios\[0\] \(oops\)\.environment.*leaving\.memory/,
    )
  })

  it("with warm-started policies, users who leave and arrive: bit-identical on 1 and 2 workers", async () => {
    const one = await simulateScenarios(validate(simulationConfigSchema, { ...config, workers: 1 }, "test"))
    const two = await simulateScenarios(validate(simulationConfigSchema, { ...config, workers: 2 }, "test"))
    const curves = (r: SimulationResult): number[][] =>
      r.policies.flatMap((p) => [Array.from(p.meanReward), Array.from(p.cumulativeRegret)])
    for (let s = 0; s < 2; s++) {
      expect(curves(two[s].result)).toEqual(curves(one[s].result))
      expect(two[s].result.policies.map((p) => p.perRun)).toEqual(one[s].result.policies.map((p) => p.perRun))
    }
    expect(one.map((s) => s.personalised)).toEqual([
      [false, false, false, true, true],
      [false, false, false, true, true],
    ])
    expect(one[0].history!.impressions).toBeGreaterThan(0)
    const leave = compareScenario(one[1])
    expect(leave.leaving && leave.arrivals).toBe(true)
    expect(leave.policies[1].retention!.length).toBe(6)
    expect(leave.policies[0].gapClosed).toBeNull()
    expect(compareScenario(one[0]).policies[0].gapClosed!.mean).toBe(0)
  })
})

describe("personal findings", () => {
  /** A two-policy, two-run scenario result whose numbers are set by hand. */
  function fake(leaving: boolean, clicks: [number[], number[]], regret: [number[], number[]]): ScenarioResult {
    const finals = (c: number[], r: number[]): Record<string, number[]> => ({
      cumulativeRegret: r,
      usersVisited: [10, 10],
      ctr: [0.1, 0.1],
      interestDiscovery: [0.5, 0.5],
      clicksPerUser: c,
      retentionDay1: [1, 1],
      retentionDay2: leaving ? [0.5, 0.7] : [1, 1],
    })
    const policy = (name: string, type: string, c: number[], r: number[]): SimulationResult["policies"][number] => {
      const perRun = finals(c, r)
      const mean = (v: number[]): { mean: number; ci95: [number, number] } => ({
        mean: (v[0] + v[1]) / 2,
        ci95: [Math.min(...v), Math.max(...v)],
      })
      return {
        name,
        type,
        config: null,
        perRun,
        finals: Object.fromEntries(Object.entries(perRun).map(([k, v]) => [k, mean(v)])),
      } as unknown as SimulationResult["policies"][number]
    }
    const result = {
      environment: "x",
      horizon: 1,
      runs: 2,
      seed: 0,
      laiRobbins: null,
      laiRobbinsConstant: null,
      policies: [policy("random", "random", clicks[0], regret[0]), policy("greedy", "greedy", clicks[1], regret[1])],
    }
    return {
      name: leaving ? "leave" : "stay",
      config: { environment: leaving ? { type: "ecommerce", leaving: {} } : { type: "ecommerce" } } as never,
      result,
      personalised: [false, false],
      history: null,
    }
  }

  it("state the winner on long-term clicks with the paired difference, and whether pure exploitation wins", () => {
    const f = personalFindings([
      compareScenario(
        fake(
          true,
          [
            [10, 12],
            [4, 6],
          ],
          [
            [100, 100],
            [80, 60],
          ],
        ),
      ),
    ])
    // random − greedy per run: 6, 6 → mean 6, sd 0 → [6, 6]
    expect(f).toContain(
      "In «leave», random wins on long-term clicks per user with 11.0 clicks, 6.00 [6.00, 6.00] clicks more than the runner-up greedy (paired over 2 runs).",
    )
    expect(f.some((s) => s.startsWith("In «leave», pure exploitation does not win: greedy earns 5.00"))).toBe(true)
    // Equal discovery in every run: a tie, not a win.
    expect(f).toContain(
      "In «leave», random and greedy tie on interest discovery (share of each user's true top categories clicked) at 50.0%.",
    )
    const g = personalFindings([
      compareScenario(
        fake(
          true,
          [
            [4, 6],
            [10, 12],
          ],
          [
            [100, 100],
            [80, 60],
          ],
        ),
      ),
    ])
    expect(g.some((s) => s.startsWith("In «leave», pure exploitation wins even though users leave"))).toBe(true)
  })

  it("where users stay, state the gap closed (1 − R/R_random run by run)", () => {
    const f = personalFindings([
      compareScenario(
        fake(
          false,
          [
            [1, 1],
            [1, 1],
          ],
          [
            [100, 100],
            [80, 60],
          ],
        ),
      ),
    ])
    // greedy: 0.2 and 0.4 → 30.0%; it is the best population-level policy (no personalised one here)
    expect(f[0]).toMatch(/^In «stay», the best population-level policy, greedy, closes 30\.0% \[/)
  })

  it("paretoFrontier keeps the undominated points, by x", () => {
    expect(paretoFrontier([0.1, 0.2, 0.15, 0.05], [0.9, 0.5, 0.4, 0.95])).toEqual([3, 0, 1])
  })
})

describe("experiments/personalised-exploration.yaml", () => {
  it("is a valid config with a random and a greedy policy and three scenarios, one with users who leave", () => {
    const c = loadConfig("experiments/personalised-exploration.yaml", simulationConfigSchema)
    expect(c.scenarios!.length).toBe(3)
    expect(c.policies.some((p) => p.type === "random") && c.policies.some((p) => p.type === "greedy")).toBe(true)
    expect(scenarioConfigs(c).filter((s) => "leaving" in s.config.environment).length).toBe(1)
  })
})

describe("experiments/online-retail-personalised.yaml", () => {
  it("is a valid config whose customers have their real purchases before the split as history", () => {
    const c = loadConfig("experiments/online-retail-personalised.yaml", simulationConfigSchema)
    expect(c.environment).toMatchObject({ type: "online-retail", history: { months: 6 } })
    expect(c.policies.some((p) => p.type === "hierarchical-thompson")).toBe(true)
  })
})
