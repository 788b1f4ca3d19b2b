import { describe, expect, it } from "vitest"
import { checkSimulationSize } from "../../src/cli/simulation-size"
import { simulationConfigSchema } from "../../src/simulation/config"

const config = simulationConfigSchema.parse({
  environment: { type: "bernoulli", probabilities: [0.5, 0.4] },
  policies: [{ type: "ucb1", name: "ucb" }, { type: "thompson" }],
  horizon: 1_000_000,
  runs: 10,
})

describe("checkSimulationSize", () => {
  it("refuses a steps.csv larger than the free space, blaming the config field or the flag", () => {
    // Bound: 117 + 10^6 · ((2·3 + 2 + 242) + (2·64 + 2 + 242)) = 622000117 bytes.
    expect(() => checkSimulationSize(config, "exp.yaml", { out: "r" }, 5e8)).toThrow(
      "exp.yaml: field 'horizon': 1000000 steps × 2 policies: steps.csv needs up to 0.62 GB; 0.5 GB is free there",
    )
    expect(() => checkSimulationSize(config, "exp.yaml", { out: "r", horizon: 1_000_000 }, 5e8)).toThrow(
      "--horizon: 1000000 steps × 2 policies: steps.csv needs up to 0.62 GB; 0.5 GB is free there",
    )
    expect(() => checkSimulationSize(config, "exp.yaml", { out: "r" }, 622000117)).not.toThrow()
    expect(() => checkSimulationSize(config, "exp.yaml", { out: "r" }, 622000116)).toThrow(/free there/)
  })

  it("checks memory first, and measures the free space of the output's file system by default", () => {
    expect(() =>
      checkSimulationSize({ ...config, runs: 2_000_000 }, "exp.yaml", { out: "r", runs: 2_000_000 }, 1e15),
    ).toThrow("--runs: 2000000 runs; the limit is 1000000")
    expect(() =>
      checkSimulationSize({ ...config, horizon: 10 }, "exp.yaml", { out: "/nonexistent/deep/run" }),
    ).not.toThrow()
  })
})
