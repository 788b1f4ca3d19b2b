import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Club } from "../../src/bandits"
import {
  EcommerceEnvironment,
  historySize,
  historyStream,
  simulateScenarios,
  simulationConfigSchema,
} from "../../src/simulation"
import { compareScenario } from "../../src/report"

// The numbers notebooks/16-personalised-exploration.ipynb quotes in its prose, recomputed with the
// notebook's settings (its ENV, LEAVING and comparison config, copied here).
const notebook = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "notebooks", "16-personalised-exploration.ipynb"), "utf8"),
) as { cells: { cell_type: string; source: string[] }[] }
const prose = notebook.cells
  .filter((c) => c.cell_type === "markdown")
  .map((c) => c.source.join(""))
  .join("\n")
const code = notebook.cells
  .filter((c) => c.cell_type === "code")
  .map((c) => c.source.join(""))
  .join("\n")

const SEED = 16
const ENV = {
  type: "ecommerce" as const,
  world: { users: 60, items: 200, categories: 8, days: 20, seed: SEED },
  stepsPerDay: 300,
  history: { days: 20 },
  userMetrics: { firstVisits: 10 },
}
const LEAVING = { boredom: 0.2, delight: 1, memory: 0.9, leaveLogit: -6, sensitivity: 1 }

describe("notebook 16: the numbers in its prose", () => {
  it("uses the settings copied here", () => {
    expect(code).toContain(
      `const ENV = { type: "ecommerce" as const, world: { users: 60, items: 200, categories: 8, days: 20, seed: SEED }, stepsPerDay: 300, history: { days: 20 }, userMetrics: { firstVisits: 10 } }`,
    )
    expect(code).toContain("const SEED = 16")
    expect(code).toContain("const LEAVING = { boredom: 0.2, delight: 1, memory: 0.9, leaveLogit: -6, sensitivity: 1 }")
    expect(code).toContain("horizon: 6000, runs: 4, seed: SEED, workers: 1")
  })

  it("the history holds 7.9 clicks per user; CLUB keeps 1 cluster after it", () => {
    const env = new EcommerceEnvironment(ENV)
    expect(historySize(env.loggedHistory(historyStream(SEED, 0))).clicksPerUser.toFixed(1)).toBe("7.9")
    expect(prose).toContain("about **7.9 clicks per user**")
    const club = new Club({ arms: env.nArms, users: env.world.nUsers })
    club.warmStart(env.loggedHistory(historyStream(SEED, 0)))
    expect(new Set(club.cluster).size).toBe(1)
    expect(prose).toContain("CLUB still holds all users in **1 cluster**")
  })

  it("gap closed 71.9% (learned segments), 69.9% (hierarchical) vs 42.3% (Thompson) where users stay; 3.16 vs 9.06 clicks per user where they leave", async () => {
    const config = simulationConfigSchema.parse({
      environment: ENV,
      scenarios: [
        { name: "users stay" },
        {
          name: "communities, users leave and arrive",
          environment: { world: { communities: { count: 4 } }, leaving: LEAVING, arrivals: { share: 0.2 } },
        },
      ],
      policies: [
        { type: "random" },
        { type: "greedy" },
        { type: "thompson" },
        { type: "linucb", alpha: 0.5 },
        { type: "per-user-thompson" },
        { type: "per-user-ucb" },
        { type: "hierarchical-thompson" },
        { type: "hybrid-linucb" },
        { type: "segment-epsilon-greedy", epsilons: [0.02, 0.2] },
        { type: "club" },
        { type: "ensemble-sampling" },
      ],
      horizon: 6000,
      runs: 4,
      seed: SEED,
      workers: 1,
    })
    const [stay, leave] = (await simulateScenarios(config)).map(compareScenario)
    const by = (c: typeof stay, name: string) => c.policies.find((p) => p.name === name)!
    expect((100 * by(stay, "hierarchical-thompson").gapClosed!.mean).toFixed(1)).toBe("69.9")
    expect((100 * by(stay, "thompson").gapClosed!.mean).toFixed(1)).toBe("42.3")
    expect((100 * by(stay, "segment-eps-0.02/0.2").gapClosed!.mean).toFixed(1)).toBe("71.9")
    expect(prose).toContain("**learned-segment ε-greedy closes 71.9%**")
    expect(by(leave, "greedy").clicksPerUser!.mean.toFixed(2)).toBe("3.16")
    expect(by(leave, "hierarchical-thompson").clicksPerUser!.mean.toFixed(2)).toBe("9.06")
    expect(prose).toContain("**hierarchical Thompson closes 69.9%**")
    expect(prose).toContain("**42.3% for Thompson**")
    expect(prose).toContain("**greedy earns 3.16 clicks per user against 9.06**")
    // "Random explores most (highest discovery)" in both scenarios.
    for (const c of [stay, leave]) {
      const top = [...c.policies].sort((a, b) => b.interestDiscovery.mean - a.interestDiscovery.mean)[0]
      expect(top.name).toBe("random")
    }
  })
})
