import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { loadOnlineRetailExperiment, runOnlineRetailExperiment } from "../../src/simulation/online-retail-exploration"

describe("experiments/online-retail.yaml", () => {
  const config = loadOnlineRetailExperiment(join(__dirname, "..", "..", "experiments", "online-retail.yaml"))

  it("validates and runs every policy on the calibrated customers", () => {
    const r = runOnlineRetailExperiment(config, { horizon: 3000, runs: 3 })
    expect(r.policies.map((p) => p.name)).toEqual(config.policies.map((p) => p.name))
    const random = r.policies.find((p) => p.name === "random")!
    const thompson = r.policies.find((p) => p.name === "thompson")!
    // Random recommendations buy at about the real rate; learning from purchases does better.
    expect(random.finals.meanReward.mean).toBeGreaterThan(0.06)
    expect(random.finals.meanReward.mean).toBeLessThan(0.1)
    expect(thompson.finals.cumulativeRegret.mean).toBeLessThan(random.finals.cumulativeRegret.mean)
    expect(random.finals.discovery.mean).toBeGreaterThan(0)
  })
})
